import { Badge, Button, Code, Group, List, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconCalendarEvent,
  IconChevronDown,
  IconCopy,
  IconDownload,
  IconPencil,
  IconSignature,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { apiUrl } from '../../api/client';
import type { Consent } from '../../api/types';
import { DetailList } from '../../components/DetailList';
import { notifyError, notifySuccess } from '../../components/notify';
import { useFormat } from '../../i18n/use-format';
import { pendingEvents } from './ConsentEventForm';
import { ConsentStateBadge } from './ConsentStateBadge';
import { useDeleteConsent, useNewConsentVersion } from './consent-api';

export type ConsentDialog = 'edit' | 'sign' | 'revoke' | 'event';

function listOrNone(items: string[], t: TFunction): string {
  return items.length > 0 ? items.join(', ') : t('consent.none');
}

/** One consent (one version): where it stands, exactly what it covers, who signed it, and what may be done with it. */
export function ConsentCard(props: {
  consent: Consent;
  canManage: boolean;
  onOpen: (dialog: ConsentDialog, consent: Consent) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = props.consent;
  const remove = useDeleteConsent(c.participantId);
  const newVersion = useNewConsentVersion(c.participantId);
  const headingId = `consent-${c.id}`;
  const live = c.state === 'active' || c.state === 'revocation_requested';
  const date = (instant: string | null) => format.day(instant);
  const recipients = [...c.recipientRoles.map((r) => t(`role.${r}`)), ...c.recipientUsers.map((u) => u.displayName)];
  const expiry = [
    c.expiresAt ? date(c.expiresAt) : null,
    c.expiryEvent
      ? c.expiryEventOccurredAt
        ? t('consent.eventOccurred', { event: c.expiryEvent, date: date(c.expiryEventOccurredAt) })
        : c.expiryEvent
      : null,
  ].filter(Boolean);
  const revocable =
    c.kind === 'criminal_justice'
      ? [
          c.revocableAfterAt ? t('consent.revocableAfterDate', { date: date(c.revocableAfterAt) }) : null,
          c.revocableAfterEvent
            ? c.revocableAfterEventOccurredAt
              ? t('consent.eventOccurred', { event: c.revocableAfterEvent, date: date(c.revocableAfterEventOccurredAt) })
              : t('consent.revocableAfterEvent', { event: c.revocableAfterEvent })
            : null,
        ].filter(Boolean)
      : [t('consent.revocableAnyTime')];

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {t('consent.title', { kind: t(`consentKind.${c.kind}`), version: c.version })}
          </Title>
          <Group gap="xs" mt={4}>
            <ConsentStateBadge state={c.state} />
            {c.expiringSoon && live ? (
              <Badge color="orange" variant="light" tt="none" c="dark.9">
                {t('consent.expiringSoon', { date: date(c.expiresAt) })}
              </Badge>
            ) : null}
          </Group>
        </div>
        <Group gap="xs">
          {props.canManage && c.state === 'draft' ? (
            <>
              <Button
                size="sm"
                leftSection={<IconSignature size={16} aria-hidden="true" />}
                onClick={() => props.onOpen('sign', c)}
              >
                {t('consent.actions.sign')}
              </Button>
              <Button
                size="sm"
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden="true" />}
                onClick={() => props.onOpen('edit', c)}
              >
                {t('consent.actions.edit')}
              </Button>
              <Button
                size="sm"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden="true" />}
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('consent.actions.deleteConfirm')))
                    remove.mutate(c.id, {
                      onSuccess: () => notifySuccess(t('consent.actions.deleted')),
                      onError: (error) => notifyError(isApiError(error) ? error.message : t('errors.unexpected')),
                    });
                }}
              >
                {t('consent.actions.delete')}
              </Button>
            </>
          ) : null}
          {props.canManage && live ? (
            <>
              <Button
                size="sm"
                variant="outline"
                color="red"
                leftSection={<IconX size={16} aria-hidden="true" />}
                onClick={() => props.onOpen('revoke', c)}
              >
                {t('consent.actions.revoke')}
              </Button>
              <Button
                size="sm"
                variant="default"
                leftSection={<IconCopy size={16} aria-hidden="true" />}
                loading={newVersion.isPending}
                onClick={() =>
                  newVersion.mutate(c.id, {
                    onSuccess: () => notifySuccess(t('consent.actions.versionCreated')),
                    onError: (error) => notifyError(isApiError(error) ? error.message : t('errors.unexpected')),
                  })
                }
              >
                {t('consent.actions.newVersion')}
              </Button>
              {pendingEvents(c).length > 0 ? (
                <Button
                  size="sm"
                  variant="default"
                  leftSection={<IconCalendarEvent size={16} aria-hidden="true" />}
                  onClick={() => props.onOpen('event', c)}
                >
                  {t('consent.actions.recordEvent')}
                </Button>
              ) : null}
            </>
          ) : null}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="sm" variant="default" rightSection={<IconChevronDown size={14} aria-hidden="true" />}>
                {t('consent.actions.download')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={apiUrl(`/v1/consents/${c.id}/document`)} leftSection={<IconDownload size={14} />}>
                {c.signedAt ? t('consent.actions.signedPdf') : t('consent.actions.draftPdf')}
              </Menu.Item>
              {c.signedCopySha256 ? (
                <Menu.Item
                  component="a"
                  href={apiUrl(`/v1/consents/${c.id}/document`, { copy: 'signed' })}
                  leftSection={<IconDownload size={14} />}
                >
                  {t('consent.actions.paperCopy')}
                </Menu.Item>
              ) : null}
              <Menu.Item
                component="a"
                href={apiUrl(`/v1/consents/${c.id}/fhir`)}
                download={`consent-${c.id}.fhir.json`}
                leftSection={<IconDownload size={14} />}
              >
                {t('consent.actions.fhir')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Stack gap="sm">
        {c.description ? (
          <Text size="sm" lang={c.language}>
            {c.description}
          </Text>
        ) : null}
        <DetailList
          items={[
            { label: t('consent.fields.recipients'), value: listOrNone(recipients, t) },
            {
              label: t('consent.fields.disclosingOrgs'),
              value: listOrNone(
                c.disclosingOrgs.map((o) => o.name),
                t,
              ),
            },
            {
              label: t('consent.fields.purposes'),
              value: listOrNone(
                c.purposes.map((p) => t(`purpose.${p}`)),
                t,
              ),
            },
            {
              label: t('consent.fields.allowed'),
              value: listOrNone(
                c.allowedClasses.map((d) => t(`dataClass.${d}`)),
                t,
              ),
            },
            {
              label: t('consent.fields.excluded'),
              value: listOrNone(
                c.excludedClasses.map((d) => t(`dataClass.${d}`)),
                t,
              ),
            },
            {
              label: t('consent.fields.records'),
              value:
                c.recordsFrom || c.recordsTo
                  ? t('consent.recordsBetween', { from: date(c.recordsFrom) || '…', to: date(c.recordsTo) || '…' })
                  : t('consent.allRecords'),
            },
            { label: t('consent.fields.effectiveFrom'), value: date(c.effectiveFrom) },
            {
              label: t('consent.fields.expires'),
              value: expiry.length > 0 ? expiry.join(t('consent.or')) : t('consent.noExpiry'),
            },
            { label: t('consent.fields.revocable'), value: revocable.join(t('consent.or')) },
            {
              label: t('consent.fields.signed'),
              value: c.signedAt
                ? t('consent.signedBy', {
                    names: c.signers
                      .map((s) => `${s.name} (${t(`consent.signer.${s.role}`)}, ${t(`consent.signMethod.${s.method}`)})`)
                      .join('; '),
                    date: format.dateTime(c.signedAt),
                  })
                : t('consent.notSigned'),
            },
            { label: t('consent.fields.witness'), value: c.attestedByName ?? t('consent.none') },
            {
              label: t('consent.fields.wording'),
              value: t('consent.wordingText', { version: c.wordingVersion, language: t(`language.${c.language}`) }),
            },
          ]}
        />
        {c.documentSha256 ? (
          <Text size="xs" c="dimmed">
            {t('consent.fields.sha256')} <Code>{c.documentSha256}</Code>
          </Text>
        ) : null}
        {c.revocations.length > 0 ? (
          <div>
            <Text fw={600} size="sm">
              {t('consent.revocations')}
            </Text>
            <List size="sm">
              {c.revocations.map((r) => (
                <List.Item key={r.id}>
                  {t('consent.revocationText', {
                    scope:
                      r.scope === 'whole'
                        ? t('consent.revoke.whole')
                        : r.scope === 'user'
                          ? (r.userName ?? t('consent.unknownPerson'))
                          : r.role
                            ? t(`role.${r.role}`)
                            : t('consent.unknownPerson'),
                    requested: format.dateTime(r.requestedAt),
                    method: t(`consent.revoke.methods.${r.method}`),
                  })}{' '}
                  {r.effectiveAt
                    ? t('consent.revocationEffective', { date: format.dateTime(r.effectiveAt) })
                    : t('consent.revocationWaiting')}
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
      </Stack>
    </Paper>
  );
}
