import { Badge, Button, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { tableScrollProps } from '../../components/table-scroll';
import { useFormat } from '../../i18n/use-format';
import { AuditFilterForm } from './AuditFilterForm';
import { type AuditFilters, auditQueryOptions } from './audit-api';
import { VerifyChain } from './VerifyChain';

const OUTCOME_COLORS = { success: 'teal', denied: 'orange', failure: 'red' } as const;

/** Who did what, when: every read and change of participant data, every sign-in, every admin action. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useInfiniteQuery(auditQueryOptions(filters));
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader title={t('audit.title')}>
        <Text c="dimmed">{t('audit.intro')}</Text>
      </PageHeader>
      <Stack gap="md">
        <VerifyChain />
        <AuditFilterForm onApply={setFilters} />
        <ErrorAlert error={audit.error} />
        <Text fw={600} aria-live="polite">
          {audit.data ? t('audit.shown', { count: entries.length }) : '\u00a0'}
        </Text>
        <DataTable<AuditEntry>
          scrollAreaProps={tableScrollProps(t('audit.title'))}
          withTableBorder
          borderRadius="sm"
          striped
          records={entries}
          fetching={audit.isPending}
          noRecordsText={t('audit.empty')}
          minHeight={entries.length === 0 ? 160 : undefined}
          columns={[
            { accessor: 'at', title: t('audit.when'), render: (e) => format.dateTime(e.at), noWrap: true },
            { accessor: 'actorLabel', title: t('audit.who'), render: (e) => e.actorLabel ?? t('audit.system') },
            { accessor: 'organizationName', title: t('audit.organization'), render: (e) => e.organizationName ?? '—' },
            { accessor: 'action', title: t('audit.action'), render: (e) => <Code>{e.action}</Code> },
            {
              accessor: 'outcome',
              title: t('audit.outcome'),
              render: (e) => (
                <Badge variant="dot" color={OUTCOME_COLORS[e.outcome]} c="dark.9" tt="none">
                  {t(`outcome.${e.outcome}`)}
                </Badge>
              ),
            },
            {
              accessor: 'participantIds',
              title: t('audit.participants'),
              textAlign: 'right',
              render: (e) => format.number(e.participantIds.length),
            },
            {
              accessor: 'target',
              title: t('audit.target'),
              render: (e) =>
                e.targetType ? (
                  <Tooltip label={e.targetId ?? ''} disabled={!e.targetId}>
                    <Text size="sm">
                      {e.targetType}
                      {e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}
                    </Text>
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            { accessor: 'ip', title: t('audit.ip'), render: (e) => e.ip ?? '—' },
          ]}
        />
        <Group>
          {audit.hasNextPage ? (
            <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
              {t('audit.older')}
            </Button>
          ) : audit.data ? (
            <Text size="sm" c="dimmed">
              {t('audit.noOlder')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </>
  );
}
