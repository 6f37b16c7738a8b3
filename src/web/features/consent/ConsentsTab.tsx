import { Accordion, Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent, ConsentList, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { participantName } from '../participants/names';
import { ConsentCard, type ConsentDialog } from './ConsentCard';
import { ConsentDraftForm } from './ConsentDraftForm';
import { ConsentEventForm } from './ConsentEventForm';
import { RevokeConsentForm } from './RevokeConsentForm';
import { SignConsentForm } from './SignConsentForm';

/** Versions of one consent, newest first. */
function seriesOf(items: Consent[]): Consent[][] {
  const series = new Map<string, Consent[]>();
  for (const item of items) series.set(item.seriesId, [...(series.get(item.seriesId) ?? []), item]);
  const rank = (c: Consent) => (c.state === 'draft' ? 0 : c.state === 'active' || c.state === 'revocation_requested' ? 1 : 2);
  return [...series.values()]
    .map((versions) => versions.sort((a, b) => b.version - a.version))
    .sort((a, b) => rank(a[0]!) - rank(b[0]!) || b[0]!.createdAt.localeCompare(a[0]!.createdAt));
}

/**
 * The participant's consents: where each stands, what it covers, and — for the staff who keep the
 * consent process — creating from the program's standard consents, signing, revoking and new versions.
 */
export function ConsentsTab(props: { participant: Participant; list: ConsentList }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ kind: ConsentDialog | 'new'; consent?: Consent } | null>(null);
  const close = () => setDialog(null);
  const { items, canManage } = props.list;
  const live = items.filter((c) => c.state === 'active' || c.state === 'revocation_requested');
  const expiring = live.filter((c) => c.expiringSoon);
  const open = (kind: ConsentDialog, consent: Consent) => setDialog({ kind, consent });
  const name = participantName(props.participant);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('consent.summary', { count: live.length })}
        </Text>
        {canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ kind: 'new' })}>
            {t('consent.new')}
          </Button>
        ) : null}
      </Group>
      {expiring.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          role="note"
          icon={<IconInfoCircle aria-hidden="true" />}
          title={t('consent.expiringTitle')}
        >
          {t('consent.expiringBody', { count: expiring.length })}
        </Alert>
      ) : null}
      {items.length === 0 ? <Text c="dimmed">{t('consent.empty')}</Text> : null}
      {seriesOf(items).map(([latest, ...earlier]) => (
        <Stack key={latest!.seriesId} gap="xs">
          <ConsentCard consent={latest!} canManage={canManage} onOpen={open} />
          {earlier.length > 0 ? (
            <Accordion variant="contained">
              <Accordion.Item value="earlier">
                <Accordion.Control>{t('consent.earlierVersions', { count: earlier.length })}</Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    {earlier.map((c) => (
                      <ConsentCard key={c.id} consent={c} canManage={canManage} onOpen={open} />
                    ))}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          ) : null}
        </Stack>
      ))}
      <AppModal opened={dialog?.kind === 'new'} onClose={close} title={t('consent.newTitle')} size="xl">
        <ConsentDraftForm participant={props.participant} onDone={close} />
      </AppModal>
      <AppModal opened={dialog?.kind === 'edit'} onClose={close} title={t('consent.editTitle')} size="xl">
        {dialog?.consent ? <ConsentDraftForm participant={props.participant} consent={dialog.consent} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={dialog?.kind === 'sign'} onClose={close} title={t('consent.sign.title')} size="lg">
        {dialog?.consent ? <SignConsentForm consent={dialog.consent} participantName={name} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={dialog?.kind === 'revoke'} onClose={close} title={t('consent.revoke.title')}>
        {dialog?.consent ? <RevokeConsentForm consent={dialog.consent} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={dialog?.kind === 'event'} onClose={close} title={t('consent.event.title')}>
        {dialog?.consent ? <ConsentEventForm consent={dialog.consent} onDone={close} /> : null}
      </AppModal>
    </Stack>
  );
}
