import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDice5 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestingDashboard } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { AnchorLink } from '../../components/links';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { RedisclosureNotice } from '../../components/RedisclosureNotice';
import { applyServerErrors } from '../../components/server-errors';
import { useFormat } from '../../i18n/use-format';
import { useMe } from '../auth/auth-api';
import { canInCourt, courtsFor } from '../auth/capabilities';
import {
  dashboardQueryOptions,
  drawsQueryOptions,
  groupsQueryOptions,
  holidaysQueryOptions,
  testingSettingsQueryOptions,
  useAddHoliday,
  useCreateGroup,
  useRunDraw,
  useUpdateTestingSettings,
} from './monitoring-api';

const route = getRouteApi('/app/testing');

function Stat(props: { label: string; value: string; detail: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed" fw={600}>
        {props.label}
      </Text>
      <Text size="xl" fw={700}>
        {props.value}
      </Text>
      <Text size="sm">{props.detail}</Text>
    </Paper>
  );
}

function PersonLink(props: { row: { participantId: string; name: string; caseNumber: string } }) {
  return (
    <>
      <AnchorLink
        to="/participants/$participantId"
        params={{ participantId: props.row.participantId }}
        search={{ tab: 'testing' }}
      >
        {props.row.name}
      </AnchorLink>
      <Text size="xs" c="dimmed">
        {props.row.caseNumber}
      </Text>
    </>
  );
}

function Section(props: { title: string; empty: string; headers: string[]; rows: ReactNode[] }) {
  return (
    <section aria-label={props.title}>
      <Title order={2} size="h4" mb="xs">
        {props.title}
      </Title>
      {props.rows.length === 0 ? (
        <Text c="dimmed">{props.empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                {props.headers.map((h) => (
                  <Table.Th key={h} scope="col">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{props.rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function Standards(props: { data: TestingDashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (share: number | null) => (share === null ? '—' : `${format.number(Math.round(share * 1000) / 10)} %`);
  const { compliance, parity } = props.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Stat
        label={t('testingDashboard.compliance')}
        value={percent(compliance.share)}
        detail={t('testingDashboard.complianceDetail', {
          compliant: compliance.compliantWeeks,
          weeks: compliance.participantWeeks,
        })}
      />
      <Stat
        label={t('testingDashboard.parity')}
        value={percent(parity.share)}
        detail={t('testingDashboard.parityDetail', {
          tests: parity.weekendOrHolidayTests,
          all: parity.tests,
          expected: percent(parity.expectedShare),
        })}
      />
    </SimpleGrid>
  );
}

function GroupsSection(props: { courtId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const groups = useQuery(groupsQueryOptions(props.courtId));
  const create = useCreateGroup(props.courtId);
  const form = useForm({
    initialValues: { name: '', testsPerWeek: 2 as number | string },
    validate: { name: (v) => (v.trim() ? null : t('testingDashboard.groupNameRequired')) },
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      { name: v.name.trim(), testsPerWeek: Number(v.testsPerWeek) },
      {
        onSuccess: () => {
          notifySuccess(t('testingDashboard.groupCreated'));
          form.reset();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <section aria-label={t('testingDashboard.groups')}>
      <Title order={2} size="h4" mb="xs">
        {t('testingDashboard.groups')}
      </Title>
      {groups.isPending ? <LoadingState /> : groups.isError ? <ErrorAlert error={groups.error} /> : null}
      <Group gap="xs" mb="sm">
        {(groups.data ?? []).map((g) => (
          <Badge key={g.id} variant="light" color={g.active ? 'blue' : 'gray'} tt="none" c="dark.9" size="lg">
            {t('testingDashboard.groupBadge', { name: g.name, members: g.members, perWeek: g.testsPerWeek })}
          </Badge>
        ))}
      </Group>
      {props.canManage ? (
        <form noValidate onSubmit={submit} aria-label={t('testingDashboard.addGroup')}>
          <Group align="flex-end" gap="sm">
            <TextInput label={t('testingDashboard.groupName')} {...form.getInputProps('name')} />
            <NumberInput
              label={t('testingDashboard.testsPerWeek')}
              min={1}
              max={7}
              w={140}
              {...form.getInputProps('testsPerWeek')}
            />
            <Button type="submit" variant="default" loading={create.isPending}>
              {t('testingDashboard.addGroup')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} values={form.getValues()} />
        </form>
      ) : null}
    </section>
  );
}

/** The court's holidays: drawn as often as any other day, and counted with weekends for the parity standard. */
function HolidaysSection(props: { courtId: string; canManage: boolean; today: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holidays = useQuery(holidaysQueryOptions(props.courtId));
  const add = useAddHoliday(props.courtId);
  const form = useForm({
    initialValues: { on: '', name: '' },
    validate: {
      on: (v) => (v ? null : t('testingDashboard.holidayDateRequired')),
      name: (v) => (v.trim() ? null : t('testingDashboard.holidayNameRequired')),
    },
  });
  const submit = form.onSubmit((v) =>
    add.mutate(
      { on: v.on, name: v.name.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('testingDashboard.holidayAdded'));
          form.reset();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  const coming = (holidays.data ?? []).filter((h) => h.on >= props.today);
  return (
    <section aria-labelledby="holidays-title">
      <Title order={2} size="h4" mb="xs" id="holidays-title">
        {t('testingDashboard.holidays')}
      </Title>
      <Text size="sm" mb="sm">
        {t('testingDashboard.holidaysIntro')}
      </Text>
      {holidays.isPending ? <LoadingState /> : holidays.isError ? <ErrorAlert error={holidays.error} /> : null}
      {holidays.data ? (
        coming.length === 0 ? (
          <Text c="dimmed" mb="sm">
            {t('testingDashboard.noHolidays')}
          </Text>
        ) : (
          <Stack gap={2} mb="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {coming.map((h) => (
              <Text component="li" key={h.id} size="sm">
                {format.date(h.on)} — {h.name}
              </Text>
            ))}
          </Stack>
        )
      ) : null}
      {props.canManage ? (
        <form noValidate onSubmit={submit} aria-label={t('testingDashboard.addHoliday')}>
          <Group align="flex-end" gap="sm">
            <TextInput label={t('testingDashboard.holidayDate')} type="date" min={props.today} {...form.getInputProps('on')} />
            <TextInput label={t('testingDashboard.holidayName')} {...form.getInputProps('name')} />
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('testingDashboard.addHoliday')}
            </Button>
          </Group>
          <ErrorAlert error={add.error} values={form.getValues()} />
        </form>
      ) : null}
    </section>
  );
}

const SPECIMENS = ['urine', 'oral_fluid', 'breath', 'sweat_patch', 'continuous_alcohol_monitor', 'blood', 'hair'] as const;

/** The court's report-by deadlines per specimen: shown to everyone on the page, changed by the coordinator. */
function DeadlinesSection(props: { courtId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useQuery(testingSettingsQueryOptions(props.courtId));
  const update = useUpdateTestingSettings(props.courtId);
  const form = useForm<Record<string, number | string>>({ initialValues: {} });
  const data = settings.data;
  const shownValue = (specimen: (typeof SPECIMENS)[number]) =>
    form.getValues()[specimen] ?? data?.reportWithinHours[specimen] ?? '';
  const submit = form.onSubmit((values) =>
    update.mutate(
      {
        reportWithinHours: Object.fromEntries(
          Object.entries(values)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, Number(v)]),
        ),
      },
      {
        onSuccess: () => {
          notifySuccess(t('testingDashboard.deadlinesSaved'));
          form.reset();
        },
        onError: (error) =>
          applyServerErrors(form, error, (path) => (path.startsWith('reportWithinHours.') ? path.slice(18) : path)),
      },
    ),
  );
  return (
    <section aria-labelledby="deadlines-title">
      <Title order={2} size="h4" mb="xs" id="deadlines-title">
        {t('testingDashboard.deadlines')}
      </Title>
      <Text size="sm" mb="sm">
        {t('testingDashboard.deadlinesIntro')}
      </Text>
      {settings.isPending ? <LoadingState /> : settings.isError ? <ErrorAlert error={settings.error} /> : null}
      {data ? (
        <form noValidate onSubmit={submit} aria-label={t('testingDashboard.deadlines')}>
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder verticalSpacing="xs" maw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('testing.specimen')}</Table.Th>
                  <Table.Th scope="col">{t('testingDashboard.hoursAfterNotice')}</Table.Th>
                  <Table.Th scope="col">{t('testingDashboard.standardDefault')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {SPECIMENS.map((specimen) => (
                  <Table.Tr key={specimen}>
                    <Table.Th scope="row" fw={400}>
                      {t(`monitoring.specimens.${specimen}`)}
                    </Table.Th>
                    <Table.Td>
                      {props.canManage ? (
                        <NumberInput
                          aria-label={t('testingDashboard.hoursFor', { specimen: t(`monitoring.specimens.${specimen}`) })}
                          min={1}
                          max={72}
                          w={120}
                          {...form.getInputProps(specimen)}
                          value={shownValue(specimen)}
                        />
                      ) : (
                        t('testingDashboard.hours', { count: data.reportWithinHours[specimen] })
                      )}
                    </Table.Td>
                    <Table.Td>{t('testingDashboard.hours', { count: data.defaults[specimen] })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.updatedAt ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('testingDashboard.deadlinesChanged', { name: data.updatedByName ?? '—', date: format.dateTime(data.updatedAt) })}
            </Text>
          ) : null}
          {props.canManage ? (
            <Button type="submit" variant="default" mt="sm" loading={update.isPending}>
              {t('testingDashboard.saveDeadlines')}
            </Button>
          ) : null}
          <ErrorAlert error={update.error} values={form.getValues()} />
        </form>
      ) : null}
    </section>
  );
}

/**
 * A court's testing for the day and the weeks behind it: who is due today, results overdue, tests
 * missed, the draws made by the court's random scheme, and the two standards the Best Practice
 * Standards set (tested at least twice a week; weekends and holidays drawn as often as other days).
 * People appear as consent allows — the same lists the participant's own page would show.
 */
export function TestingDashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/testing' });
  const courts = courtsFor(me, 'testing.monitor');
  const courtId = search.court && courts.includes(search.court) ? search.court : (courts[0] ?? '');
  const dashboard = useQuery(dashboardQueryOptions(courtId, {}));
  const today = dashboard.data?.today ?? '';
  const weekAgo = today ? new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10) : '';
  const draws = useQuery({ ...drawsQueryOptions(courtId, weekAgo, today), enabled: today !== '' });
  const canManage = canInCourt(me, 'testing.manage', courtId);
  const runDraw = useRunDraw(courtId);
  const courtName = (id: string) => me.memberships.find((m) => m.organizationId === id)?.organizationName ?? id;
  const data = dashboard.data;
  return (
    <>
      <PageHeader
        title={t('testingDashboard.title')}
        actions={
          canManage ? (
            <Button
              leftSection={<IconDice5 size={16} aria-hidden="true" />}
              loading={runDraw.isPending}
              onClick={() =>
                runDraw.mutate(
                  {},
                  {
                    onSuccess: (draw) =>
                      notifySuccess(t('testingDashboard.drawDone', { count: draw.tests, date: format.date(draw.date) })),
                  },
                )
              }
            >
              {t('testingDashboard.runDraw')}
            </Button>
          ) : null
        }
      >
        <Text c="dimmed">{t('testingDashboard.intro')}</Text>
      </PageHeader>
      <Stack gap="lg">
        {courts.length > 1 ? (
          <Select
            label={t('testingDashboard.court')}
            data={courts.map((id) => ({ value: id, label: courtName(id) }))}
            value={courtId}
            allowDeselect={false}
            maw={360}
            onChange={(value) => void navigate({ search: { court: value ?? undefined } })}
          />
        ) : null}
        <ErrorAlert error={runDraw.error} />
        {dashboard.isPending ? <LoadingState /> : null}
        {dashboard.isError ? <ErrorAlert error={dashboard.error} /> : null}
        {data ? (
          <>
            <Text size="sm">{t('testingDashboard.range', { from: format.date(data.from), to: format.date(data.to) })}</Text>
            <Standards data={data} />
            {data.redisclosureNotice ? <RedisclosureNotice /> : null}
            <Section
              title={t('testingDashboard.dueToday', { count: data.dueToday.length })}
              empty={t('testingDashboard.noneDue')}
              headers={[
                t('testingDashboard.participant'),
                t('testing.specimen'),
                t('testingDashboard.reportBy'),
                t('testing.collection'),
              ]}
              rows={data.dueToday.map((row) => (
                <Table.Tr key={row.testId}>
                  <Table.Td>
                    <PersonLink row={row} />
                  </Table.Td>
                  <Table.Td>{t(`monitoring.specimens.${row.specimenType}`)}</Table.Td>
                  <Table.Td>{format.dateTime(row.reportBy)}</Table.Td>
                  <Table.Td>
                    {row.collection === 'scheduled'
                      ? t('testingDashboard.notYet')
                      : t(`testingDashboard.collection.${row.collection}`)}
                  </Table.Td>
                </Table.Tr>
              ))}
            />
            <Section
              title={t('testingDashboard.overdue', { count: data.overdueResults.length })}
              empty={t('testingDashboard.noneOverdue')}
              headers={[t('testingDashboard.participant'), t('testing.collectedAt'), t('testingDashboard.waiting')]}
              rows={data.overdueResults.map((row) => (
                <Table.Tr key={row.testId}>
                  <Table.Td>
                    <PersonLink row={row} />
                  </Table.Td>
                  <Table.Td>{format.dateTime(row.collectedAt)}</Table.Td>
                  <Table.Td>{t(`testingDashboard.waitingFor.${row.waiting}`, { hours: Math.round(row.hoursWaiting) })}</Table.Td>
                </Table.Tr>
              ))}
            />
            <Section
              title={t('testingDashboard.missed', { count: data.missed.length })}
              empty={t('testingDashboard.noneMissed')}
              headers={[t('testingDashboard.participant'), t('testingDashboard.date'), t('testingDashboard.what')]}
              rows={data.missed.map((row) => (
                <Table.Tr key={row.testId}>
                  <Table.Td>
                    <PersonLink row={row} />
                  </Table.Td>
                  <Table.Td>{format.date(row.date)}</Table.Td>
                  <Table.Td>{t(`testingDashboard.missedWhat.${row.what}`)}</Table.Td>
                </Table.Tr>
              ))}
            />
            <Section
              title={t('testingDashboard.draws')}
              empty={t('testingDashboard.noDraws')}
              headers={[t('testingDashboard.date'), t('testingDashboard.groupsCalled'), t('testingDashboard.testsCalled')]}
              rows={[...(draws.data?.items ?? [])].reverse().map((draw) => (
                <Table.Tr key={draw.id}>
                  <Table.Td>
                    {format.date(draw.date)}
                    {draw.holiday ? (
                      <Text size="xs" c="dimmed">
                        {draw.holiday}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{draw.groups.length > 0 ? draw.groups.join(', ') : '—'}</Table.Td>
                  <Table.Td>{t('testingDashboard.drawTests', { tests: draw.tests, individuals: draw.individuals })}</Table.Td>
                </Table.Tr>
              ))}
            />
            <GroupsSection courtId={courtId} canManage={canManage} />
            <HolidaysSection courtId={courtId} canManage={canManage} today={data.today} />
            <DeadlinesSection courtId={courtId} canManage={canManage} />
          </>
        ) : null}
      </Stack>
    </>
  );
}
