import { Select } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';

/** A choice of case, shown only when the participant has more than one the person may record on. */
export function CaseSelect(props: { cases: Enrollment[]; inputProps: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  if (props.cases.length < 2) return null;
  return (
    <Select
      label={t('notes.case')}
      data={props.cases.map((e) => ({ value: e.id, label: `${e.programName} (${e.caseNumber})` }))}
      allowDeselect={false}
      {...props.inputProps}
    />
  );
}
