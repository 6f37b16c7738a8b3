import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Enrollment, EnrollmentUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { useUpdateEnrollment } from './participants-api';

export function EditEnrollmentForm(props: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useTranslation();
  const e = props.enrollment;
  const before = { caseNumber: e.caseNumber, referralSource: e.referralSource ?? '', nextCourtDate: e.nextCourtDate ?? '' };
  const form = useForm({
    initialValues: before,
    validate: { caseNumber: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const update = useUpdateEnrollment(e.id);
  const submit = form.onSubmit((values) => {
    const patch: EnrollmentUpdate = {};
    if (values.caseNumber.trim() !== before.caseNumber) patch.caseNumber = values.caseNumber.trim();
    if (values.referralSource.trim() !== before.referralSource) patch.referralSource = values.referralSource.trim() || null;
    if (values.nextCourtDate !== before.nextCourtDate) patch.nextCourtDate = values.nextCourtDate || null;
    if (Object.keys(patch).length === 0) {
      props.onDone();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        notifySuccess(t('enrollment.saved'));
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('enrollment.caseNumber')} required {...form.getInputProps('caseNumber')} />
        <TextInput
          label={t('enrollment.referralSource')}
          description={t('enrollment.referralSourceHint')}
          {...form.getInputProps('referralSource')}
        />
        <TextInput label={t('enrollment.nextCourtDate')} type="date" {...form.getInputProps('nextCourtDate')} />
        <ErrorAlert error={update.error} values={form.getValues()} />
        <FormActions submitLabel={t('common.save')} pending={update.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
