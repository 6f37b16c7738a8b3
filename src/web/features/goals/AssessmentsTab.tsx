import { LineChart } from '@mantine/charts';
import { Alert, Badge, Button, Group, Paper, Radio, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconClipboardList } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INSTRUMENT_IDS,
  INSTRUMENTS,
  type InstrumentId,
  RISK_NEED_QUADRANTS,
} from '../../../modules/instruments/instrument-catalog';
import { INSTRUMENT_KINDS, INSTRUMENT_ROLES, type InstrumentKind } from '../../../modules/instruments/instruments.schema';
import type { Me, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { CaseSelect } from '../monitoring/CaseSelect';
import { type InstrumentResponse, instrumentsQueryOptions, useRecordResponse, useSafetyFollowUp } from './goals-api';

/** A completed instrument, item by item, in the language it is answered in; or a triage result. */
function ResponseForm(props: {
  participant: Participant;
  instrument: InstrumentKind;
  respondent: 'participant' | 'staff_read';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordResponse();
  const participantLanguage = props.participant.language.startsWith('es') ? 'es' : 'en';
  const definition = props.instrument === 'rant' ? null : INSTRUMENTS[props.instrument];
  const form = useForm({
    initialValues: {
      enrollmentId: props.participant.enrollments[0]?.id ?? '',
      completedOn: todayLocal(),
      language: participantLanguage as 'en' | 'es',
      answers: Object.fromEntries((definition?.items ?? []).map((i) => [i.id, ''])) as Record<string, string>,
      externalResult: '',
      note: '',
    },
  });
  const lang = form.getValues().language;
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        enrollmentId: v.enrollmentId,
        instrument: props.instrument,
        completedOn: v.completedOn,
        respondent: props.respondent,
        language: v.language,
        answers: Object.fromEntries(
          Object.entries(v.answers)
            .filter(([, a]) => a !== '')
            .map(([k, a]) => [k, Number(a)]),
        ),
        externalResult: v.externalResult === '' ? null : (v.externalResult as (typeof RISK_NEED_QUADRANTS)[number]),
        note: v.note,
      },
      {
        onSuccess: (result) => {
          notifySuccess(result.safetyPrompt ? t('assessments.savedWithPrompt') : t('assessments.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit} lang={definition ? lang : undefined}>
      <Stack gap="sm">
        <CaseSelect cases={props.participant.enrollments} inputProps={form.getInputProps('enrollmentId')} />
        <Group grow>
          <TextInput
            label={t('assessments.completedOn')}
            type="date"
            max={todayLocal()}
            withAsterisk
            {...form.getInputProps('completedOn')}
          />
          {definition ? (
            <Select
              label={t('assessments.language')}
              data={(['en', 'es'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
          ) : null}
        </Group>
        {props.respondent === 'participant' && definition ? (
          <Alert variant="light" color="blue" role="note">
            {t('assessments.handOver')}
          </Alert>
        ) : null}
        {definition?.stem ? (
          <Text size={props.respondent === 'participant' ? 'lg' : 'sm'} fw={600}>
            {definition.stem[lang]}
          </Text>
        ) : null}
        {definition?.items.map((item, n) => (
          <Radio.Group
            key={item.id}
            label={`${n + 1}. ${item.text[lang]}`}
            size={props.respondent === 'participant' ? 'md' : 'sm'}
            withAsterisk
            {...form.getInputProps(`answers.${item.id}`)}
          >
            <Group mt={4} gap="sm">
              {item.options.map((o) => (
                <Radio key={o.value} value={String(o.value)} label={o.label[lang]} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        {definition?.translationNote && lang === 'es' ? (
          <Text size="xs" c="dimmed">
            {definition.translationNote.es}
          </Text>
        ) : null}
        {props.instrument === 'rant' ? (
          <Select
            label={t('assessments.quadrant')}
            description={t('assessments.quadrantHint')}
            data={RISK_NEED_QUADRANTS.map((q) => ({ value: q, label: t(`assessments.quadrants.${q}`) }))}
            withAsterisk
            {...form.getInputProps('externalResult')}
          />
        ) : null}
        <Textarea label={t('assessments.note')} autosize {...form.getInputProps('note')} />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('assessments.save')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function FollowUpForm(props: { response: InstrumentResponse; onDone: () => void }) {
  const { t } = useTranslation();
  const follow = useSafetyFollowUp();
  const form = useForm({
    initialValues: { note: '' },
    validate: { note: (v) => (v.trim() ? null : t('assessments.followUpRequired')) },
  });
  const submit = form.onSubmit((v) =>
    follow.mutate(
      { responseId: props.response.id, note: v.note },
      {
        onSuccess: () => {
          notifySuccess(t('assessments.followedUp'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.followUpIntro')}</Text>
        <Textarea label={t('assessments.followUpNote')} withAsterisk autosize minRows={3} {...form.getInputProps('note')} />
        <ErrorAlert error={follow.error} values={form.getValues()} />
        <FormActions submitLabel={t('assessments.saveFollowUp')} pending={follow.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** Scores over time, one line per summed instrument; the table beside it says the same. */
function ScoreChart(props: { items: InstrumentResponse[]; instrument: InstrumentId }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const def = INSTRUMENTS[props.instrument];
  const series = props.items
    .filter((r) => r.instrument === props.instrument && r.total !== null)
    .slice()
    .reverse();
  if (series.length < 2 || def.scoring.type !== 'sum') return null;
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  return (
    <figure style={{ margin: 0 }}>
      <LineChart
        h={180}
        data={series.map((r) => ({ date: format.date(r.completedOn), total: r.total }))}
        dataKey="date"
        series={[{ name: 'total', label: def.name[lang], color: 'blue.8' }]}
        yAxisProps={{ domain: [def.scoring.min, def.scoring.max], allowDecimals: false }}
        lineChartProps={{ accessibilityLayer: false }}
        aria-hidden="true"
      />
      <Text component="figcaption" size="sm" c="dimmed">
        {t('assessments.chartCaption', { name: def.name[lang], count: series.length })}
      </Text>
    </figure>
  );
}

/**
 * Instruments over time: BARC-10, the Readiness Ruler, PHQ-9 and GAD-7 with their scores and bands,
 * the triage result, charts of totals; recording one (handed to the participant, or read with them);
 * the PHQ-9 safety prompt for the program's clinicians.
 */
export function AssessmentsTab(props: { participant: Participant; me: Me }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useQuery(instrumentsQueryOptions(props.participant.id));
  const [choosing, setChoosing] = useState<{ instrument: InstrumentKind; respondent: 'participant' | 'staff_read' } | null>(null);
  const [following, setFollowing] = useState<InstrumentResponse | null>(null);
  const chooser = useForm({ initialValues: { instrument: '' as InstrumentKind | '', respondent: 'participant' } });
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const mayRecord = INSTRUMENT_KINDS.filter((k) => INSTRUMENT_ROLES[k].some((r) => (props.me.roles as string[]).includes(r)));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const items = query.data;
  const name = (k: InstrumentKind) => (k === 'rant' ? t('assessments.rant') : INSTRUMENTS[k].name[lang]);
  const scoreText = (r: InstrumentResponse) => {
    if (r.instrument === 'rant') return r.externalResult ? t(`assessments.quadrants.${r.externalResult}`) : '';
    const def = INSTRUMENTS[r.instrument];
    if (def.scoring.type === 'separate') {
      return t('assessments.rulerScore', { importance: r.values.importance ?? '—', confidence: r.values.confidence ?? '—' });
    }
    const band = def.scoring.bands.find((b) => b.key === r.band);
    return t('assessments.totalScore', { total: r.total ?? '—', max: def.scoring.max, band: band?.label[lang] ?? '' });
  };
  const open = items.filter((r) => r.safety?.status === 'open');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('assessments.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        {t('assessments.intro')}
      </Text>
      {open.map((r) => (
        <Alert key={r.id} color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Group justify="space-between">
            <Text size="sm">{t('assessments.safetyOpen', { date: format.date(r.completedOn) })}</Text>
            <Button size="xs" variant="default" onClick={() => setFollowing(r)}>
              {t('assessments.recordFollowUp')}
            </Button>
          </Group>
        </Alert>
      ))}
      {mayRecord.length > 0 ? (
        <Paper withBorder p="sm">
          <form
            noValidate
            onSubmit={chooser.onSubmit((v) => {
              if (v.instrument)
                setChoosing({ instrument: v.instrument, respondent: v.respondent as 'participant' | 'staff_read' });
            })}
          >
            <Group align="flex-end">
              <Select
                label={t('assessments.choose')}
                data={mayRecord.map((k) => ({ value: k, label: name(k) }))}
                {...chooser.getInputProps('instrument')}
              />
              <Select
                label={t('assessments.respondent')}
                data={(['participant', 'staff_read'] as const).map((r) => ({
                  value: r,
                  label: t(`assessments.respondents.${r}`),
                }))}
                allowDeselect={false}
                {...chooser.getInputProps('respondent')}
              />
              <Button
                type="submit"
                leftSection={<IconClipboardList size={16} aria-hidden="true" />}
                disabled={!chooser.getValues().instrument}
              >
                {t('assessments.begin')}
              </Button>
            </Group>
          </form>
        </Paper>
      ) : null}
      {INSTRUMENT_IDS.map((id) => (
        <ScoreChart key={id} items={items} instrument={id} />
      ))}
      {items.length === 0 ? (
        <Text c="dimmed">{t('assessments.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder>
            <Table.Caption>{t('assessments.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assessments.columns.date')}</Table.Th>
                <Table.Th scope="col">{t('assessments.columns.instrument')}</Table.Th>
                <Table.Th scope="col">{t('assessments.columns.score')}</Table.Th>
                <Table.Th scope="col">{t('assessments.columns.respondent')}</Table.Th>
                <Table.Th scope="col">{t('assessments.columns.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{format.date(r.completedOn)}</Table.Td>
                  <Table.Td>{name(r.instrument)}</Table.Td>
                  <Table.Td>
                    {scoreText(r)}
                    {r.safety ? (
                      <Badge ml="xs" variant="light" color={r.safety.status === 'open' ? 'red' : 'gray'} c="dark.9" tt="none">
                        {t(`assessments.safety.${r.safety.status}`)}
                      </Badge>
                    ) : null}
                    {r.note ? (
                      <Text size="xs" c="dimmed">
                        {r.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`assessments.respondents.${r.respondent}`)}</Table.Td>
                  <Table.Td>{`${r.enteredByName ?? '—'} · ${r.custodianName}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AppModal
        opened={choosing !== null}
        onClose={() => setChoosing(null)}
        title={choosing ? name(choosing.instrument) : ''}
        size="xl"
      >
        {choosing ? (
          <ResponseForm
            participant={props.participant}
            instrument={choosing.instrument}
            respondent={choosing.respondent}
            onDone={() => setChoosing(null)}
          />
        ) : null}
      </AppModal>
      <AppModal opened={following !== null} onClose={() => setFollowing(null)} title={t('assessments.followUpTitle')}>
        {following ? <FollowUpForm response={following} onDone={() => setFollowing(null)} /> : null}
      </AppModal>
    </Stack>
  );
}
