import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { IdentityFields } from './IdentityFields';
import { identityChanges, identityOf, identityValidation } from './identity-form';
import { useUpdateParticipant } from './participants-api';

const toFormPath = (path: string) => `identity.${path}`;

export function EditIdentityForm(props: { participant: Participant; onDone: () => void }) {
  const { t } = useTranslation();
  const before = identityOf(props.participant);
  const form = useForm({ initialValues: { identity: before }, validate: { identity: identityValidation(t) } });
  const update = useUpdateParticipant(props.participant.id);
  const submit = form.onSubmit((values) => {
    const patch = identityChanges(before, values.identity);
    if (Object.keys(patch).length === 0) {
      props.onDone();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        notifySuccess(t('participant.identitySaved'));
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error, toFormPath),
    });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <IdentityFields form={form} />
        <ErrorAlert error={update.error} values={form.getValues()} mapPath={toFormPath} />
        <FormActions submitLabel={t('common.save')} pending={update.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
