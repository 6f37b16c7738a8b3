import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconFlask, IconMessage2, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_ANALYTE_CODES, SPECIMEN_TYPES, SUBSTANCE_GROUPS } from '../../../modules/testing/substances';
import { DISPUTE_ROLES, TESTING_ROLES, USE_REPORT_ROLES } from '../../../modules/testing/testing.schema';
import type { Enrollment, Me, Participant, Test, TestingPlans, TestOutcome } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { RedisclosureNotice } from '../../components/RedisclosureNotice';
import { SegmentedField } from '../../components/SegmentedField';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { canInCourt } from '../auth/capabilities';
import { analyteLabel, findingsList } from '../timeline/TimelineEntries';
import { CaseSelect } from './CaseSelect';
import {
  groupsQueryOptions,
  testingPlansQueryOptions,
  testsQueryOptions,
  useCreateTest,
  useOpenReview,
  useRecordCollection,
  useRecordResults,
  useRecordUseReport,
  useSetTestingPlan,
} from './monitoring-api';
import { casesWhereRecording } from './recording-roles';

/** Outcome colors: distinct hues with their words beside them, never red-or-green alone. */
export const OUTCOME_COLORS: Record<TestOutcome, string> = {
  negative: 'teal.7',
  positive_authorized: 'blue.7',
  positive_unauthorized: 'orange.7',
  dilute: 'yellow.6',
  invalid: 'grape.7',
  missed: 'gray.6',
  unable_to_provide: 'gray.5',
  refused: 'dark.5',
  pending: 'indigo.3',
};
const OUTCOME_ORDER: TestOutcome[] = [
  'negative',
  'positive_authorized',
  'positive_unauthorized',
  'dilute',
  'invalid',
  'missed',
  'unable_to_provide',
  'refused',
  'pending',
];

export function OutcomeBadge(props: { outcome: TestOutcome; presumptive?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge
        color={OUTCOME_COLORS[props.outcome].split('.')[0]}
        variant="light"
        tt="none"
        c="dark.9"
        h="auto"
        styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
      >
        {t(`monitoring.outcomes.${props.outcome}`)}
      </Badge>
      {props.presumptive ? (
        <Badge color="gray" variant="outline" tt="none" c="dark.9">
          {t('testing.presumptive')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Monday of the week of an instant, as a date. */
function weekOf(instant: string): string {
  const d = new Date(instant);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** Test outcomes week by week, stacked by outcome class. */
function OutcomeChart(props: { tests: Test[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const weeks = new Map<string, Record<string, number>>();
  for (const test of props.tests) {
    const week = weekOf(test.collectedAt ?? test.notifiedAt ?? test.enteredAt);
    const row = weeks.get(week) ?? {};
    row[test.outcome] = (row[test.outcome] ?? 0) + 1;
    weeks.set(week, row);
  }
  const data = [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-26)
    .map(([week, counts]) => ({ week: format.date(week), ...counts }));
  const present = OUTCOME_ORDER.filter((o) => data.some((d) => (d as Record<string, unknown>)[o]));
  return (
    <figure style={{ margin: 0 }}>
      <BarChart
        h={220}
        data={data}
        dataKey="week"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={present.map((o) => ({ name: o, label: t(`monitoring.outcomes.${o}`), color: OUTCOME_COLORS[o] }))}
        yAxisProps={{ allowDecimals: false }}
        // A picture of the table below, for sighted readers: kept out of the keyboard order and the
        // accessibility tree, where the table says the same.
        barChartProps={{ accessibilityLayer: false }}
        aria-hidden="true"
      />
      <Text component="figcaption" size="sm" c="dimmed">
        {t('testing.chartCaption', { count: data.length })}
      </Text>
    </figure>
  );
}

function NewTestForm(props: { cases: Enrollment[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTest();
  const form = useForm({
    initialValues: {
      enrollmentId: props.cases[0]?.id ?? '',
      reason: 'for_cause' as 'for_cause' | 'intake',
      specimenType: 'urine',
      accessionId: '',
    },
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      { ...v, accessionId: v.accessionId.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('testing.created'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <CaseSelect cases={props.cases} inputProps={form.getInputProps('enrollmentId')} />
        <SegmentedField
          label={t('testing.reason')}
          data={(['for_cause', 'intake'] as const).map((r) => ({ value: r, label: t(`monitoring.reasons.${r}`) }))}
          {...form.getInputProps('reason')}
        />
        <Select
          label={t('testing.specimen')}
          data={SPECIMEN_TYPES.map((s) => ({ value: s, label: t(`monitoring.specimens.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('specimenType')}
        />
        <TextInput
          label={t('testing.accession')}
          description={t('testing.accessionHint')}
          {...form.getInputProps('accessionId')}
        />
        <ErrorAlert error={create.error} values={form.getValues()} />
        <FormActions submitLabel={t('testing.create')} pending={create.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function CollectionForm(props: { test: Test; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordCollection();
  const form = useForm({
    initialValues: {
      collection: 'collected',
      collectedAt: '',
      observed: 'yes',
      observedBy: '',
      temperatureC: '' as number | string,
      creatinineMgDl: '' as number | string,
      specificGravity: '' as number | string,
    },
  });
  const values = form.getValues();
  const number = (value: number | string) => (value === '' ? undefined : Number(value));
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        testId: props.test.id,
        collection: v.collection,
        ...(v.collection === 'collected'
          ? {
              collectedAt: v.collectedAt ? new Date(v.collectedAt).toISOString() : undefined,
              observed: v.observed === 'yes',
              observedBy: v.observedBy.trim() || undefined,
              temperatureC: number(v.temperatureC),
              creatinineMgDl: number(v.creatinineMgDl),
              specificGravity: number(v.specificGravity),
            }
          : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('testing.collectionSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label={t('testing.collection')}
          data={(['collected', 'missed', 'unable_to_provide', 'refused'] as const).map((c) => ({
            value: c,
            label: c === 'collected' ? t('testing.collected') : t(`monitoring.outcomes.${c}`),
          }))}
          allowDeselect={false}
          {...form.getInputProps('collection')}
        />
        {values.collection === 'collected' ? (
          <>
            <TextInput
              label={t('testing.collectedAt')}
              description={t('notes.occurredAtHint')}
              type="datetime-local"
              {...form.getInputProps('collectedAt')}
            />
            <SegmentedField
              label={t('testing.observed')}
              data={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
              {...form.getInputProps('observed')}
            />
            <TextInput label={t('testing.observedBy')} {...form.getInputProps('observedBy')} />
            <Group grow>
              <NumberInput label={t('testing.temperature')} decimalScale={1} {...form.getInputProps('temperatureC')} />
              <NumberInput label={t('testing.creatinine')} decimalScale={1} {...form.getInputProps('creatinineMgDl')} />
              <NumberInput
                label={t('testing.gravity')}
                decimalScale={3}
                step={0.001}
                {...form.getInputProps('specificGravity')}
              />
            </Group>
          </>
        ) : null}
        <ErrorAlert error={record.error} values={values} />
        <FormActions submitLabel={t('testing.saveCollection')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function ResultsForm(props: { test: Test; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordResults();
  const form = useForm({
    initialValues: { analyte: 'fentanyl', stage: 'screen', result: 'negative', value: '' as number | string },
  });
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        testId: props.test.id,
        results: [{ analyte: v.analyte, stage: v.stage, result: v.result, value: v.value === '' ? null : Number(v.value) }],
      },
      {
        onSuccess: () => {
          notifySuccess(t('testing.resultSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error, (path) => path.replace(/^results\.0\./, '')),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label={t('testing.analyte')}
          data={BUILT_IN_ANALYTE_CODES.map((a) => ({ value: a, label: analyteLabel(a, t) }))}
          searchable
          allowDeselect={false}
          {...form.getInputProps('analyte')}
        />
        <SegmentedField
          label={t('testing.stage')}
          data={[
            { value: 'screen', label: t('testing.screen') },
            { value: 'confirmation', label: t('testing.confirmation') },
          ]}
          {...form.getInputProps('stage')}
        />
        <SegmentedField
          label={t('testing.result')}
          data={(['negative', 'positive', 'inconclusive'] as const).map((r) => ({ value: r, label: t(`testing.results.${r}`) }))}
          {...form.getInputProps('result')}
        />
        <NumberInput label={t('testing.value')} description={t('testing.valueHint')} {...form.getInputProps('value')} />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('testing.saveResult')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function DisputeForm(props: { test: Test; onDone: () => void }) {
  const { t } = useTranslation();
  const open = useOpenReview();
  const form = useForm({ initialValues: { statement: '' } });
  const submit = form.onSubmit((v) =>
    open.mutate(
      { testId: props.test.id, kind: 'dispute', statement: v.statement.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('testing.disputeSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('testing.disputeIntro')}</Text>
        <Textarea
          label={t('testing.statement')}
          description={t('testing.statementHint')}
          autosize
          minRows={3}
          {...form.getInputProps('statement')}
        />
        <ErrorAlert error={open.error} values={form.getValues()} />
        <FormActions submitLabel={t('testing.saveDispute')} pending={open.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function findingsText(test: Test, t: TFunction): string {
  return findingsList(
    test.findings.flatMap((f) =>
      f.finding === 'unauthorized' || f.finding === 'authorized'
        ? [{ analyte: f.analyte, finding: f.finding, presumptive: f.presumptive }]
        : [],
    ),
    t,
  );
}

/**
 * A participant's drug and alcohol tests as the reader may see them: outcomes week by week, each test
 * with what it found and how it reads, and — for the organization that collects — recording
 * collection and results; a dispute for anyone on the case who may open one.
 */
/**
 * Use the participant reported themself: its own record (a self-report is never a test and is not
 * read as one), on the timeline in their own words.
 */
function UseReportForm(props: { cases: Enrollment[]; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordUseReport();
  const form = useForm({
    initialValues: {
      enrollmentId: props.cases[0]?.id ?? '',
      substanceGroups: [] as string[],
      usedFrom: '',
      usedTo: '',
      statement: '',
    },
    validate: {
      substanceGroups: (v) => (v.length > 0 ? null : t('testing.useReport.groupsRequired')),
      usedFrom: (v) => (v ? null : t('testing.useReport.fromRequired')),
    },
  });
  const submit = form.onSubmit((v) =>
    record.mutate(
      { ...v, usedTo: v.usedTo || null, statement: v.statement.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('testing.useReport.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('testing.useReport.intro')}</Text>
        <CaseSelect cases={props.cases} inputProps={form.getInputProps('enrollmentId')} />
        <MultiSelect
          label={t('testing.useReport.groups')}
          withAsterisk
          searchable
          data={SUBSTANCE_GROUPS.map((g) => ({ value: g, label: t(`monitoring.groups.${g}`) }))}
          {...form.getInputProps('substanceGroups')}
        />
        <Group grow>
          <TextInput label={t('testing.useReport.from')} type="date" withAsterisk {...form.getInputProps('usedFrom')} />
          <TextInput label={t('testing.useReport.to')} type="date" {...form.getInputProps('usedTo')} />
        </Group>
        <Textarea
          label={t('testing.useReport.statement')}
          description={t('testing.statementHint')}
          autosize
          minRows={2}
          {...form.getInputProps('statement')}
        />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('testing.useReport.save')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** A new testing plan for one case: how the participant is called, how often, what specimen, who collects. */
function TestingPlanForm(props: { enrollment: Enrollment; current: TestingPlans['items'][number]['plan']; onDone: () => void }) {
  const { t } = useTranslation();
  const set = useSetTestingPlan();
  const groups = useQuery(groupsQueryOptions(props.enrollment.courtId));
  const collectors = [
    { value: props.enrollment.courtId, label: props.enrollment.courtName },
    ...[...new Map(props.enrollment.team.filter((m) => m.endedOn === null).map((m) => [m.organizationId, m.organizationName]))]
      .filter(([id]) => id !== props.enrollment.courtId)
      .map(([value, label]) => ({ value, label })),
  ];
  const form = useForm({
    initialValues: {
      method: (props.current?.method ?? 'random') as 'random' | 'group',
      groupId: props.current?.groupId ?? '',
      testsPerWeek: (props.current?.testsPerWeek ?? '') as number | string,
      specimenType: props.current?.specimenType ?? 'urine',
      collectorOrgId: props.current?.collectorOrgId ?? collectors[0]!.value,
      startsOn: todayLocal(),
    },
    validate: { groupId: (v, values) => (values.method === 'group' && !v ? t('testing.plan.groupRequired') : null) },
  });
  const submit = form.onSubmit((v) =>
    set.mutate(
      {
        enrollmentId: props.enrollment.id,
        method: v.method,
        groupId: v.method === 'group' ? v.groupId : null,
        testsPerWeek: v.testsPerWeek === '' ? null : Number(v.testsPerWeek),
        specimenType: v.specimenType,
        collectorOrgId: v.collectorOrgId,
        startsOn: v.startsOn,
      },
      {
        onSuccess: () => {
          notifySuccess(t('testing.plan.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SegmentedField
          label={t('testing.plan.method')}
          data={(['random', 'group'] as const).map((m) => ({ value: m, label: t(`testing.plan.methods.${m}`) }))}
          {...form.getInputProps('method')}
        />
        {form.getValues().method === 'group' ? (
          <Select
            label={t('testing.plan.group')}
            withAsterisk
            data={(groups.data ?? []).filter((g) => g.active).map((g) => ({ value: g.id, label: g.name }))}
            {...form.getInputProps('groupId')}
          />
        ) : null}
        <NumberInput
          label={t('testing.plan.testsPerWeek')}
          description={t('testing.plan.testsPerWeekHint')}
          min={0.25}
          max={7}
          step={0.5}
          {...form.getInputProps('testsPerWeek')}
        />
        <Select
          label={t('testing.specimen')}
          data={SPECIMEN_TYPES.map((sp) => ({ value: sp, label: t(`monitoring.specimens.${sp}`) }))}
          allowDeselect={false}
          {...form.getInputProps('specimenType')}
        />
        <Select
          label={t('testing.plan.collector')}
          description={t('testing.plan.collectorHint')}
          data={collectors}
          allowDeselect={false}
          {...form.getInputProps('collectorOrgId')}
        />
        <TextInput label={t('testing.plan.startsOn')} type="date" withAsterisk {...form.getInputProps('startsOn')} />
        <ErrorAlert error={set.error} values={form.getValues()} />
        <FormActions submitLabel={t('testing.plan.save')} pending={set.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** How the participant is tested on each case, and — for the coordinator — a way to change it. */
function TestingPlanPanel(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plans = useQuery(testingPlansQueryOptions(props.participant.id));
  const [editing, setEditing] = useState<Enrollment | null>(null);
  if (plans.isPending) return <LoadingState />;
  if (plans.isError) return <ErrorAlert error={plans.error} />;
  const byCase = new Map(plans.data.map((p) => [p.enrollmentId, p]));
  const cases = props.participant.enrollments.filter((e) => byCase.has(e.id));
  return (
    <section aria-labelledby="testing-plan-title">
      <Title order={3} size="h5" id="testing-plan-title" mb={4}>
        {t('testing.plan.title')}
      </Title>
      <Stack gap={4}>
        {cases.map((e) => {
          const item = byCase.get(e.id)!;
          const plan = item.plan;
          const summary = (p: NonNullable<typeof plan>) => {
            const perWeek = p.testsPerWeek ?? item.phaseTestsPerWeek;
            return (
              t(p.method === 'group' ? 'testing.plan.summaryGroup' : 'testing.plan.summaryRandom', {
                group: p.groupName ?? '',
                perWeek: perWeek === null ? '—' : format.number(perWeek),
                specimen: t(`monitoring.specimens.${p.specimenType}`),
                collector: p.collectorName,
                since: format.date(p.startsOn),
              }) + (p.testsPerWeek === null ? ` ${t('testing.plan.phaseFrequency')}` : '')
            );
          };
          return (
            <Group key={e.id} gap="sm" justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm">
                  {cases.length > 1 ? `${e.programName}: ` : ''}
                  {plan ? summary(plan) : t('testing.plan.none')}
                </Text>
                {item.next ? (
                  <Text size="sm" c="dimmed">
                    {t('testing.plan.next', { summary: summary(item.next) })}
                  </Text>
                ) : null}
              </div>
              {canInCourt(props.me, 'testing.manage', e.courtId) ? (
                <Button size="xs" variant="default" onClick={() => setEditing(e)}>
                  {plan ? t('testing.plan.change') : t('testing.plan.set')}
                </Button>
              ) : null}
            </Group>
          );
        })}
      </Stack>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={t('testing.plan.formTitle')}>
        {editing ? (
          <TestingPlanForm enrollment={editing} current={byCase.get(editing.id)?.plan ?? null} onDone={() => setEditing(null)} />
        ) : null}
      </AppModal>
    </section>
  );
}

export function TestingTab(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(testsQueryOptions(props.participant.id));
  const [dialog, setDialog] = useState<{ kind: 'new' | 'collection' | 'results' | 'dispute'; test?: Test } | null>(null);
  const [newTest, newTestDialog] = useDisclosure(false);
  const [useReport, useReportDialog] = useDisclosure(false);
  const useReportCases = casesWhereRecording(props.participant, props.me.user.id, USE_REPORT_ROLES);
  const close = () => setDialog(null);
  const myOrgs = new Set(props.me.memberships.map((m) => m.organizationId));
  const testingCases = casesWhereRecording(props.participant, props.me.user.id, TESTING_ROLES);
  const mayDispute = casesWhereRecording(props.participant, props.me.user.id, DISPUTE_ROLES).length > 0;
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const { items, withheld, redisclosureNotice } = query.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('testing.title')}
        </Title>
        <Group gap="xs">
          {useReportCases.length > 0 ? (
            <Button leftSection={<IconMessage2 size={16} aria-hidden="true" />} variant="default" onClick={useReportDialog.open}>
              {t('testing.useReport.open')}
            </Button>
          ) : null}
          {testingCases.length > 0 ? (
            <Button leftSection={<IconFlask size={16} aria-hidden="true" />} variant="default" onClick={newTestDialog.open}>
              {t('testing.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {withheld.length > 0 ? (
        <Alert
          variant="light"
          color="gray"
          role="note"
          icon={<IconShieldLock aria-hidden="true" />}
          title={t('timeline.withheldTitle')}
        >
          <Text size="sm">{props.me.capabilities.courtSide ? t('timeline.withheldBody') : t('timeline.withheldBodyOthers')}</Text>
        </Alert>
      ) : null}
      <TestingPlanPanel participant={props.participant} me={props.me} />
      {redisclosureNotice ? <RedisclosureNotice /> : null}
      {items.length === 0 ? <Text c="dimmed">{t('testing.empty')}</Text> : <OutcomeChart tests={items} />}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
            <Table.Caption>{t('testing.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('testing.when')}</Table.Th>
                <Table.Th scope="col">{t('testing.outcome')}</Table.Th>
                <Table.Th scope="col">{t('testing.found')}</Table.Th>
                <Table.Th scope="col">{t('testing.heldBy')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((test) => {
                const holder = myOrgs.has(test.custodian.id) && testingCases.some((e) => e.id === test.enrollmentId);
                const found = findingsText(test, t);
                const openDispute = test.reviews.some((r) => r.kind === 'dispute' && r.closedAt === null);
                return (
                  <Table.Tr key={test.id}>
                    <Table.Td>
                      <Text size="sm">{format.dateTime(test.collectedAt ?? test.notifiedAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`monitoring.specimens.${test.specimenType}`)} · {t(`monitoring.reasons.${test.reason}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <OutcomeBadge outcome={test.outcome} presumptive={test.presumptive} />
                      {openDispute ? (
                        <Text size="xs" c="dimmed" mt={2}>
                          {t('testing.disputed')}
                        </Text>
                      ) : null}
                      {test.confirmationOverdue ? (
                        <Text size="xs" c="orange.9" mt={2}>
                          {t('testing.confirmationOverdue')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{found || (test.outcome === 'negative' ? t('testing.nothingFound') : '')}</Text>
                      {test.flags.map((f) => (
                        <Text key={f.kind} size="xs" c="dimmed">
                          {t(`monitoring.flags.${f.kind as 'possible_carry_over'}`, { defaultValue: f.kind })}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{test.custodian.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {holder && test.collection === 'scheduled' ? (
                          <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'collection', test })}>
                            {t('testing.recordCollection')}
                          </Button>
                        ) : null}
                        {holder && test.collection === 'collected' ? (
                          <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'results', test })}>
                            {t('testing.enterResult')}
                          </Button>
                        ) : null}
                        {props.me.capabilities.labReview && holder ? (
                          <CopyButton value={test.id}>
                            {({ copied, copy }) => (
                              <Button size="xs" variant="subtle" onClick={copy}>
                                {copied ? t('testing.idCopied') : t('testing.copyId')}
                              </Button>
                            )}
                          </CopyButton>
                        ) : null}
                        {mayDispute && !openDispute && test.collection !== 'scheduled' && test.outcome !== 'negative' ? (
                          <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'dispute', test })}>
                            {t('testing.dispute')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <AppModal opened={useReport} onClose={useReportDialog.close} title={t('testing.useReport.title')}>
        <UseReportForm cases={useReportCases} onDone={useReportDialog.close} />
      </AppModal>
      <AppModal opened={newTest} onClose={newTestDialog.close} title={t('testing.newTitle')}>
        <NewTestForm cases={testingCases} onDone={newTestDialog.close} />
      </AppModal>
      <AppModal opened={dialog?.kind === 'collection'} onClose={close} title={t('testing.collectionTitle')}>
        {dialog?.test ? <CollectionForm test={dialog.test} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={dialog?.kind === 'results'} onClose={close} title={t('testing.resultsTitle')}>
        {dialog?.test ? <ResultsForm test={dialog.test} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={dialog?.kind === 'dispute'} onClose={close} title={t('testing.disputeTitle')}>
        {dialog?.test ? <DisputeForm test={dialog.test} onDone={close} /> : null}
      </AppModal>
    </Stack>
  );
}
