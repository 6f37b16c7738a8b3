import { Alert, Badge, Box, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REDISCLOSURE_NOTICE } from '../../../modules/consent/consent-wording';
import { TEAM_ROLES } from '../../api/enums';
import type { Consent, Participant, TeamRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { SegmentedField } from '../../components/SegmentedField';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { TimelineEntries } from '../timeline/TimelineEntries';
import { type PreviewTarget, previewQueryOptions } from './consent-api';

/**
 * "What can they see?" — for the participant with their counselor or coordinator: pick a member of
 * the case team and see exactly the records that person receives, and for every class of record
 * whether it is shared with them and why. Shown in the participant's language on request.
 */
export function PreviewTab(props: { participant: Participant; consents: Consent[] }) {
  const { t, i18n } = useTranslation();
  // `user:<id>` for a member of the team, `role:<role>` for anyone holding the role on the case.
  const [choice, setChoice] = useState('');
  const participantLanguage: Language = (LANGUAGES as readonly string[]).includes(props.participant.language)
    ? (props.participant.language as Language)
    : 'en';
  const [language, setLanguage] = useState<Language>(participantLanguage);
  const who: PreviewTarget | null = choice.startsWith('user:')
    ? { userId: choice.slice(5) }
    : choice.startsWith('role:')
      ? { role: choice.slice(5) as TeamRole }
      : null;
  const query = useQuery(previewQueryOptions(props.participant.id, who));
  const members = new Map(
    props.participant.enrollments
      .flatMap((e) => e.team)
      .filter((m) => m.endedOn === null)
      .map((m) => [m.userId, m]),
  );
  const lt = i18n.getFixedT(language);
  const consentName = (id: string | null) => {
    const consent = props.consents.find((c) => c.id === id);
    return consent
      ? lt('preview.byConsent', { kind: lt(`consentKind.${consent.kind}`), version: consent.version })
      : lt('preview.byAConsent');
  };

  return (
    <Stack gap="md">
      <Text>{t('preview.intro')}</Text>
      <Select
        label={t('preview.pick')}
        placeholder={t('preview.pickPlaceholder')}
        data={[
          {
            group: t('preview.members'),
            items: [...members.values()].map((m) => ({
              value: `user:${m.userId}`,
              label: `${m.displayName} — ${t(`role.${m.role}`)}, ${m.organizationName}`,
            })),
          },
          {
            group: t('preview.roles'),
            items: TEAM_ROLES.map((role) => ({ value: `role:${role}`, label: t('preview.anyone', { role: t(`role.${role}`) }) })),
          },
        ]}
        value={choice || null}
        onChange={(value) => setChoice(value ?? '')}
        searchable
        maw={520}
      />
      <SegmentedField
        label={t('preview.language')}
        value={language}
        onChange={(value) => setLanguage(value as Language)}
        data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      />
      {who === null ? null : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Box lang={language} component="section" aria-labelledby="preview-heading">
          <Title order={2} size="h4" id="preview-heading" mb="sm">
            {query.data.target.role
              ? lt('preview.headingRole', { role: lt(`role.${query.data.target.role}`) })
              : lt('preview.heading', { name: query.data.target.displayName })}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder striped>
              <Table.Caption>{lt('preview.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{lt('preview.class')}</Table.Th>
                  <Table.Th scope="col">{lt('preview.shared')}</Table.Th>
                  <Table.Th scope="col">{lt('preview.why')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.classes.map((c) => (
                  <Table.Tr key={c.dataClass}>
                    <Table.Th scope="row" fw={500}>
                      {lt(`dataClass.${c.dataClass}`)}
                    </Table.Th>
                    <Table.Td>
                      {c.shared ? (
                        <Badge
                          color="teal"
                          variant="light"
                          tt="none"
                          c="dark.9"
                          leftSection={<IconCheck size={12} aria-hidden="true" />}
                        >
                          {lt('preview.yes')}
                        </Badge>
                      ) : (
                        <Badge
                          color="gray"
                          variant="light"
                          tt="none"
                          c="dark.9"
                          leftSection={<IconLock size={12} aria-hidden="true" />}
                        >
                          {lt('preview.no')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {c.rule === 'consent'
                        ? consentName(c.consentId)
                        : lt(`rule.${c.rule}` as 'rule.consent', { defaultValue: c.rule })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={3} size="h5" mt="md" mb="sm">
            {lt('preview.records', { count: query.data.entries.length })}
          </Title>
          {query.data.redisclosureNotice ? (
            <Alert variant="light" color="grape" role="note" mb="sm" icon={<IconInfoCircle aria-hidden="true" />}>
              <Text size="sm">{REDISCLOSURE_NOTICE[language]}</Text>
            </Alert>
          ) : null}
          {query.data.entries.length === 0 ? (
            <Text c="dimmed">{lt('preview.noRecords')}</Text>
          ) : (
            <TimelineEntries
              entries={query.data.entries}
              t={lt}
              language={language}
              label={lt('preview.records', { count: query.data.entries.length })}
            />
          )}
        </Box>
      )}
    </Stack>
  );
}
