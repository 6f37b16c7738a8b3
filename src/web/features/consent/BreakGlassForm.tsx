import { Alert, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { useFormat } from '../../i18n/use-format';
import { useOpenBreakGlass } from './consent-api';

/**
 * Emergency access (§2.51): clinical staff state the medical emergency; the records open to them for
 * a few hours, and a privacy officer reviews every such access.
 */
export function BreakGlassForm(props: { participantId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim().length >= 15 ? null : t('breakGlass.reasonLength')) },
  });
  const open = useOpenBreakGlass(props.participantId);
  const submit = form.onSubmit((values) => {
    open.mutate(
      { reason: values.reason.trim() },
      {
        onSuccess: (grant) => {
          notifySuccess(t('breakGlass.opened', { until: format.dateTime(grant.expiresAt) }));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Alert variant="light" color="yellow" role="note">
          {t('breakGlass.warning')}
        </Alert>
        <Textarea
          label={t('breakGlass.reason')}
          description={t('breakGlass.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps('reason')}
        />
        <ErrorAlert error={open.error} values={form.getValues()} />
        <FormActions submitLabel={t('breakGlass.submit')} submitColor="red" pending={open.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
