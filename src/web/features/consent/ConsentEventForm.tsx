import { Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Consent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { instantOfDay, todayLocal } from '../../i18n/format';
import { useRecordConsentEvent } from './consent-api';

type ConsentEvent = 'expiry' | 'revocable_after';

/** The events a consent waits for (its expiry event, the event after which a §2.35 consent may be revoked) that have not happened yet. */
export function pendingEvents(c: Consent): { event: ConsentEvent; text: string }[] {
  const events: { event: ConsentEvent; text: string }[] = [];
  if (c.expiryEvent && !c.expiryEventOccurredAt) events.push({ event: 'expiry', text: c.expiryEvent });
  if (c.revocableAfterEvent && !c.revocableAfterEventOccurredAt)
    events.push({ event: 'revocable_after', text: c.revocableAfterEvent });
  return events;
}

const mapPath = (path: string) => (path === 'occurredAt' ? 'occurredOn' : path);

/** Records that an event the consent names (e.g. the final disposition of the case) has happened. */
export function ConsentEventForm(props: { consent: Consent; onDone: () => void }) {
  const { t } = useTranslation();
  const events = pendingEvents(props.consent);
  const form = useForm({
    initialValues: { event: events[0]?.event ?? ('expiry' as ConsentEvent), occurredOn: todayLocal() },
    validate: { occurredOn: (value) => (value ? null : t('validation.required')) },
  });
  const record = useRecordConsentEvent(props.consent.participantId, props.consent.id);
  const submit = form.onSubmit((v) => {
    record.mutate(
      { event: v.event, occurredAt: instantOfDay(v.occurredOn) },
      {
        onSuccess: () => {
          notifySuccess(t('consent.event.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error, mapPath),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label={t('consent.event.which')}
          data={events.map((e) => ({ value: e.event, label: t(`consent.event.kinds.${e.event}`, { event: e.text }) }))}
          allowDeselect={false}
          {...form.getInputProps('event')}
        />
        <TextInput
          label={t('consent.event.occurredOn')}
          type="date"
          max={todayLocal()}
          required
          {...form.getInputProps('occurredOn')}
        />
        <ErrorAlert error={record.error} values={form.getValues()} mapPath={mapPath} withPaths={false} />
        <FormActions submitLabel={t('consent.event.submit')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
