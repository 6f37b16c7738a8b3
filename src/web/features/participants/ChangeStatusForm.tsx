import { Alert, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isClosedStatus, STATUS_TRANSITIONS } from '../../../modules/participants/enrollment-status-rules';
import type { Enrollment, EnrollmentStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { StatusBadge } from '../../components/StatusBadge';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useChangeStatus } from './participants-api';
import { ReasonFields } from './ReasonFields';

/** A status change with its reason; only the changes the court's rules allow are offered. */
export function ChangeStatusForm(props: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useTranslation();
  const e = props.enrollment;
  const options = STATUS_TRANSITIONS[e.status].map((status) => ({ value: status, label: t(`status.${status}`) }));
  const form = useForm({
    initialValues: { status: '' as EnrollmentStatus | '', reason: '', effectiveOn: todayLocal() },
    validate: {
      status: (value) => (value ? null : t('validation.chooseOne')),
      reason: (value) => (value.trim().length >= 3 ? null : t('validation.reasonLength')),
    },
  });
  const change = useChangeStatus(e.id);
  const chosen = form.getValues().status;
  const submit = form.onSubmit((values) => {
    if (!values.status) return;
    change.mutate(
      { status: values.status, reason: values.reason.trim(), effectiveOn: values.effectiveOn || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('enrollment.statusSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">{t('enrollment.currentStatus')}</Text>
          <StatusBadge status={e.status} />
        </Group>
        <Select
          label={t('enrollment.newStatus')}
          description={t('enrollment.newStatusHint')}
          data={options}
          required
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        {chosen && isClosedStatus(chosen) ? (
          <Alert color="yellow" variant="light">
            {t('enrollment.closesCase')}
          </Alert>
        ) : null}
        <ReasonFields reason={form.getInputProps('reason')} effectiveOn={form.getInputProps('effectiveOn')} />
        <ErrorAlert error={change.error} values={form.getValues()} />
        <FormActions submitLabel={t('enrollment.saveStatus')} pending={change.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
