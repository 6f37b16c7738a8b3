import { Badge, Box, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent, Participant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { SegmentedField } from '../../components/SegmentedField';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { TimelineEntries } from '../timeline/TimelineEntries';
import { previewQueryOptions } from './consent-api';

/**
 * "What can they see?" — for the participant with their counselor or coordinator: pick a member of
 * the case team and see exactly the records that person receives, and for every class of record
 * whether it is shared with them and why. Shown in the participant's language on request.
 */
export function PreviewTab(props: { participant: Participant; consents: Consent[] }) {
  const { t, i18n } = useTranslation();
  const [userId, setUserId] = useState('');
  const participantLanguage: Language = (LANGUAGES as readonly string[]).includes(props.participant.language)
    ? (props.participant.language as Language)
    : 'en';
  const [language, setLanguage] = useState<Language>(participantLanguage);
  const query = useQuery(previewQueryOptions(props.participant.id, userId));
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
        data={[...members.values()].map((m) => ({
          value: m.userId,
          label: `${m.displayName} — ${t(`role.${m.role}`)}, ${m.organizationName}`,
        }))}
        value={userId || null}
        onChange={(value) => setUserId(value ?? '')}
        searchable
        maw={520}
      />
      <SegmentedField
        label={t('preview.language')}
        value={language}
        onChange={(value) => setLanguage(value as Language)}
        data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      />
      {userId === '' ? null : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Box lang={language} component="section" aria-labelledby="preview-heading">
          <Title order={2} size="h4" id="preview-heading" mb="sm">
            {lt('preview.heading', { name: query.data.target.displayName })}
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
