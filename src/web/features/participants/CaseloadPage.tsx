import { Group, MultiSelect, Select, Stack, Switch, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLLMENT_STATUSES } from '../../api/enums';
import type { CaseloadItem, EnrollmentStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { tableScrollProps } from '../../components/table-scroll';
import { useFormat } from '../../i18n/use-format';
import { programsQueryOptions } from '../programs/programs-api';
import { type CaseloadSearch, type CaseloadSort, OPEN_STATUSES, PAGE_SIZES } from './caseload-search';
import { participantName } from './names';
import { PhaseText } from './PhaseText';
import { caseloadQueryOptions } from './participants-api';

const route = getRouteApi('/app/caseload');
const ALL = 'all';

/** The staff home: the participants the person may see, searchable, filterable and sortable on the server. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const statuses = search.status ?? OPEN_STATUSES;
  const sort: CaseloadSort = search.sort ?? 'name';
  const order = search.order ?? 'asc';
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? 25;

  const update = (patch: Partial<CaseloadSearch>, resetPage = true) =>
    void navigate({
      search: (previous) => ({ ...previous, ...patch, ...(resetPage ? { page: undefined } : {}) }),
      replace: true,
    });

  const [text, setText] = useState(search.q ?? '');
  const [debouncedText] = useDebouncedValue(text.trim(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search text changes the address
  useEffect(() => {
    if ((search.q ?? '') !== debouncedText) update({ q: debouncedText || undefined });
  }, [debouncedText]);

  const programs = useQuery(programsQueryOptions());
  const caseload = useQuery(
    caseloadQueryOptions({
      q: search.q,
      status: statuses,
      programId: search.programId,
      mine: search.mine,
      sort,
      order,
      page,
      pageSize,
    }),
  );

  const statusOptions = ENROLLMENT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }));
  const programOptions = (programs.data ?? []).map((program) => ({
    value: program.id,
    label: (programs.data ?? []).some((other) => other.courtId !== program.courtId)
      ? `${program.name} (${program.courtName})`
      : program.name,
  }));

  const sortStatus: DataTableSortStatus<CaseloadItem> = { columnAccessor: sort, direction: order };
  /** A sortable column's title; the sorted one also tells screen readers its order. */
  const sortable = (key: CaseloadSort, label: string) => (
    <>
      {label}
      {sort === key ? (
        <VisuallyHidden>{order === 'asc' ? t('caseload.sortedAscending') : t('caseload.sortedDescending')}</VisuallyHidden>
      ) : null}
    </>
  );
  const total = caseload.data?.total ?? 0;
  const servesSeveralCourts = new Set((programs.data ?? []).map((program) => program.courtId)).size > 1;

  return (
    <>
      <PageHeader title={t('caseload.title')} />
      <Stack gap="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label={t('caseload.search')}
            description={t('caseload.searchHint')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 260 }}
          />
          <MultiSelect
            label={t('caseload.statusFilter')}
            description={t('caseload.statusHint')}
            data={statusOptions}
            value={statuses}
            onChange={(value) => update({ status: value as EnrollmentStatus[] })}
            placeholder={statuses.length === 0 ? t('caseload.allStatuses') : undefined}
            clearable
            clearButtonProps={{ 'aria-label': t('caseload.clearStatuses') }}
            w={{ base: '100%', sm: 340 }}
          />
          <Select
            label={t('caseload.programFilter')}
            description={t('caseload.programHint')}
            data={[{ value: ALL, label: t('caseload.allPrograms') }, ...programOptions]}
            value={search.programId ?? ALL}
            onChange={(value) => update({ programId: value && value !== ALL ? value : undefined })}
            allowDeselect={false}
            w={{ base: '100%', sm: 240 }}
          />
          <Switch
            label={t('caseload.mine')}
            checked={search.mine ?? false}
            onChange={(event) => update({ mine: event.currentTarget.checked || undefined })}
            mb={8}
          />
        </Group>
        <Group justify="space-between">
          <Text fw={600} aria-live="polite" data-testid="caseload-total">
            {caseload.data ? t('caseload.total', { count: total }) : '\u00a0'}
          </Text>
          {search.status !== undefined ? (
            <AnchorLink to="/caseload" search={{ ...search, status: undefined, page: undefined }} size="sm">
              {t('caseload.resetStatuses')}
            </AnchorLink>
          ) : (
            <AnchorLink to="/caseload" search={{ ...search, status: [], page: undefined }} size="sm">
              {t('caseload.includeClosed')}
            </AnchorLink>
          )}
        </Group>
        <ErrorAlert error={caseload.error} />
        <DataTable<CaseloadItem>
          scrollAreaProps={tableScrollProps(t('caseload.title'))}
          withTableBorder
          borderRadius="sm"
          striped
          highlightOnHover
          minHeight={caseload.data && caseload.data.items.length === 0 ? 180 : undefined}
          idAccessor="enrollmentId"
          records={caseload.data?.items ?? []}
          fetching={caseload.isFetching}
          loadingText={t('common.loading')}
          noRecordsText={t('caseload.empty')}
          totalRecords={total}
          recordsPerPage={pageSize}
          page={page}
          onPageChange={(next) => update({ page: next > 1 ? next : undefined }, false)}
          recordsPerPageOptions={[...PAGE_SIZES]}
          onRecordsPerPageChange={(size) => update({ pageSize: size === 25 ? undefined : size })}
          recordsPerPageLabel={t('pagination.perPage')}
          paginationText={({ from, to, totalRecords }) => t('pagination.range', { from, to, total: totalRecords })}
          getPaginationControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
          getPaginationItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
          sortStatus={sortStatus}
          onSortStatusChange={(status) => update({ sort: status.columnAccessor as CaseloadSort, order: status.direction }, true)}
          columns={[
            {
              accessor: 'name',
              title: sortable('name', t('caseload.columns.name')),
              sortable: true,
              render: (item) => (
                <div>
                  <AnchorLink to="/participants/$participantId" params={{ participantId: item.participantId }} fw={600}>
                    {participantName(item, 'sortable')}
                  </AnchorLink>
                  {item.preferredName ? (
                    <Text size="sm" c="dimmed">
                      {t('participant.goesBy', { name: item.preferredName })}
                    </Text>
                  ) : null}
                </div>
              ),
            },
            { accessor: 'caseNumber', title: t('caseload.columns.caseNumber'), noWrap: true },
            { accessor: 'programName', title: t('caseload.columns.program') },
            // The court column only earns its space for people who serve more than one court.
            { accessor: 'courtName', title: t('caseload.columns.court'), hidden: !servesSeveralCourts },
            {
              accessor: 'status',
              title: sortable('status', t('caseload.columns.status')),
              sortable: true,
              noWrap: true,
              render: (item) => <StatusBadge status={item.status} />,
            },
            {
              accessor: 'phase',
              title: sortable('phase', t('caseload.columns.phase')),
              sortable: true,
              render: (item) => <PhaseText position={item.phasePosition} name={item.phaseName} of={item.phaseCount} />,
            },
            {
              accessor: 'daysInPhase',
              title: sortable('daysInPhase', t('caseload.columns.daysInPhase')),
              sortable: true,
              textAlign: 'right',
              noWrap: true,
              render: (item) => (item.daysInPhase === null ? '—' : format.number(item.daysInPhase)),
            },
            {
              accessor: 'nextCourtDate',
              title: sortable('nextCourtDate', t('caseload.columns.nextCourtDate')),
              sortable: true,
              noWrap: true,
              render: (item) => (item.nextCourtDate ? format.date(item.nextCourtDate) : '—'),
            },
          ]}
        />
      </Stack>
    </>
  );
}
