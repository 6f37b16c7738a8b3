import { Textarea, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { todayLocal } from '../../i18n/format';

/** The reason for a status or phase change (the court records why) and the date it takes effect. */
export function ReasonFields(props: { reason: GetInputPropsReturnType; effectiveOn: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea
        label={t('enrollment.reason')}
        description={t('enrollment.reasonHint')}
        required
        autosize
        minRows={3}
        maxLength={2000}
        {...props.reason}
      />
      <TextInput label={t('enrollment.effectiveDate')} type="date" max={todayLocal()} {...props.effectiveOn} />
    </>
  );
}
