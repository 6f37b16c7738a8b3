import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import type { DisclosureEntry, Participant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tableScrollProps } from '../../components/table-scroll';
import { useFormat } from '../../i18n/use-format';
import { accountingQueryOptions } from './consent-api';

/**
 * The participant's accounting of disclosures (§2.24), the last three years: who received which of
 * their treatment records, when, why, and under which consent or order. The PDF and CSV are in the
 * participant's language.
 */
export function DisclosuresTab(props: { participant: Participant }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(accountingQueryOptions(props.participant.id));
  const items = query.data?.items ?? [];
  const path = `/v1/participants/${props.participant.id}/disclosures`;
  return (
    <Stack gap="md">
      <Text>{t('disclosures.intro')}</Text>
      <Group gap="xs">
        <Button
          component="a"
          href={apiUrl(path, { format: 'pdf' })}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('disclosures.pdf')}
        </Button>
        <Button
          component="a"
          href={apiUrl(path, { format: 'csv' })}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('disclosures.csv')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('disclosures.languageNote', { language: t(`language.${props.participant.language === 'es' ? 'es' : 'en'}`) })}
        </Text>
      </Group>
      <ErrorAlert error={query.error} />
      {query.data ? (
        <Text size="sm" c="dimmed">
          {t('disclosures.period', {
            from: format.day(query.data.from),
            to: format.day(query.data.to),
          })}
        </Text>
      ) : null}
      <DataTable<DisclosureEntry>
        scrollAreaProps={tableScrollProps(t('disclosures.table'))}
        withTableBorder
        borderRadius="sm"
        striped
        records={items}
        fetching={query.isPending}
        noRecordsText={t('disclosures.empty')}
        minHeight={items.length === 0 ? 160 : undefined}
        columns={[
          { accessor: 'disclosedAt', title: t('disclosures.when'), render: (d) => format.dateTime(d.disclosedAt), noWrap: true },
          {
            accessor: 'recipientName',
            title: t('disclosures.recipient'),
            render: (d) => (d.recipientOrganization ? `${d.recipientName} (${d.recipientOrganization})` : d.recipientName),
          },
          {
            accessor: 'dataClasses',
            title: t('disclosures.what'),
            render: (d) => d.dataClasses.map((c) => t(`dataClass.${c}`)).join(', '),
          },
          { accessor: 'custodians', title: t('disclosures.from'), render: (d) => d.custodians.join(', ') },
          {
            accessor: 'purpose',
            title: t('disclosures.purpose'),
            render: (d) => t(`purpose.${d.purpose}` as 'purpose.treatment', { defaultValue: d.purpose }),
          },
          {
            accessor: 'basis',
            title: t('disclosures.basis'),
            render: (d) =>
              d.basis === 'consent' && d.consentVersion !== null
                ? t('disclosures.consentVersion', { version: d.consentVersion })
                : t(`disclosures.bases.${d.basis}`),
          },
          { accessor: 'channel', title: t('disclosures.channel'), render: (d) => t(`disclosures.channels.${d.channel}`) },
          {
            accessor: 'recordCount',
            title: t('disclosures.records'),
            textAlign: 'right',
            render: (d) => format.number(d.recordCount),
          },
        ]}
      />
    </Stack>
  );
}
