import { Alert, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Consent, RevocationCreate, TeamRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { instantOfDay, todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { useRevokeConsent } from './consent-api';

const mapPath = (path: string) => (path === 'requestedAt' ? 'requestedOn' : path);

type Values = {
  scope: RevocationCreate['scope'];
  userId: string;
  role: TeamRole | '';
  method: RevocationCreate['method'];
  requestedOn: string;
  note: string;
};

/**
 * The participant takes back a consent, wholly or for one recipient. A §2.35 consent can be
 * revoked only after the time or event it states: the request is recorded now and takes effect then.
 */
export function RevokeConsentForm(props: { consent: Consent; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = props.consent;
  const form = useForm<Values>({
    initialValues: { scope: 'whole', userId: '', role: '', method: 'written', requestedOn: '', note: '' },
    validate: {
      userId: (value, values) => (values.scope === 'user' && !value ? t('validation.chooseOne') : null),
      role: (value, values) => (values.scope === 'role' && !value ? t('validation.chooseOne') : null),
    },
  });
  const revoke = useRevokeConsent(c.participantId, c.id);
  const values = form.getValues();
  const waits =
    c.kind === 'criminal_justice' &&
    !c.revocableAfterEventOccurredAt &&
    (c.revocableAfterAt === null || new Date(c.revocableAfterAt) > new Date());
  const submit = form.onSubmit((v) => {
    const body: RevocationCreate = { scope: v.scope, method: v.method, note: v.note.trim() || undefined };
    if (v.scope === 'user') body.userId = v.userId;
    if (v.scope === 'role' && v.role) body.role = v.role;
    if (v.requestedOn) body.requestedAt = instantOfDay(v.requestedOn);
    revoke.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('consent.revoke.saved'));
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error, mapPath),
    });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {waits ? (
          <Alert variant="light" color="yellow" role="note">
            {c.revocableAfterAt
              ? t('consent.revoke.waitsUntil', { date: format.day(c.revocableAfterAt) })
              : t('consent.revoke.waitsForEvent', { event: c.revocableAfterEvent ?? '' })}
          </Alert>
        ) : null}
        <Radio.Group label={t('consent.revoke.scope')} required {...form.getInputProps('scope')}>
          <Stack gap={6} mt={4}>
            <Radio value="whole" label={t('consent.revoke.whole')} />
            {c.recipientUsers.length > 0 ? <Radio value="user" label={t('consent.revoke.user')} /> : null}
            {c.recipientRoles.length > 0 ? <Radio value="role" label={t('consent.revoke.role')} /> : null}
          </Stack>
        </Radio.Group>
        {values.scope === 'user' ? (
          <Select
            label={t('consent.revoke.person')}
            data={c.recipientUsers.map((u) => ({ value: u.id, label: u.displayName }))}
            required
            {...form.getInputProps('userId')}
          />
        ) : null}
        {values.scope === 'role' ? (
          <Select
            label={t('consent.revoke.roleLabel')}
            data={c.recipientRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            required
            {...form.getInputProps('role')}
          />
        ) : null}
        <Select
          label={t('consent.revoke.method')}
          data={(['written', 'oral', 'on_screen'] as const).map((m) => ({ value: m, label: t(`consent.revoke.methods.${m}`) }))}
          allowDeselect={false}
          {...form.getInputProps('method')}
        />
        <TextInput
          label={t('consent.revoke.requestedOn')}
          description={t('consent.revoke.requestedOnHint')}
          type="date"
          max={todayLocal()}
          {...form.getInputProps('requestedOn')}
        />
        <Textarea label={t('consent.revoke.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
        <ErrorAlert error={revoke.error} values={values} mapPath={mapPath} withPaths={false} />
        <FormActions
          submitLabel={t('consent.revoke.submit')}
          submitColor="red"
          pending={revoke.isPending}
          onCancel={props.onDone}
        />
      </Stack>
    </form>
  );
}
