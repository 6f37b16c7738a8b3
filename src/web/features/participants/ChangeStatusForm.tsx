import { Alert, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isClosedStatus, STATUS_TRANSITIONS } from '../../../modules/participants/enrollment-status-rules';
import type { Enrollment, EnrollmentStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySuccess } from '../../components/notify';
import { StatusBadge } from '../../components/StatusBadge';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useChangeStatus } from './participants-api';

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
        <Textarea
          label={t('enrollment.reason')}
          description={t('enrollment.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps('reason')}
        />
        <TextInput label={t('enrollment.effectiveDate')} type="date" max={todayLocal()} {...form.getInputProps('effectiveOn')} />
        <ErrorAlert error={change.error} values={form.getValues()} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t('enrollment.saveStatus')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
