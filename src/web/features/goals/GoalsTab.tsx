import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_OWNERS } from '../../../modules/goals/goal-kinds';
import { apiUrl } from '../../api/client';
import type { Me, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useFormat } from '../../i18n/use-format';
import { DecisionForm, GoalForm, NoteForm, ObserveForm, PlanForm, ReclassifyForm, StatusForm, StepForm } from './GoalForms';
import { type Finding, type Goal, type GoalsOverview, goalsQueryOptions, useUpdateStep } from './goals-api';
import { WithParticipantView } from './WithParticipantView';

type Action =
  | { kind: 'goal' }
  | { kind: 'reclassify' | 'note' | 'observe' | 'step' | 'status'; goal: Goal }
  | { kind: 'decision'; finding: Finding }
  | { kind: 'plan' }
  | { kind: 'participant' };

const READING_COLORS = { met: 'teal', not_met: 'orange', no_data: 'gray', awaiting_confirmation: 'yellow' } as const;

function IndicatorLine(props: { indicator: Goal['indicators'][number]; language: 'en' | 'es' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { indicator } = props;
  const r = indicator.reading;
  const what =
    indicator.kind === 'no_positive_tests'
      ? t('goals.indicatorTests', { days: indicator.days })
      : indicator.kind === 'attendance_per_week'
        ? t('goals.indicatorAttendance', { count: indicator.count })
        : (indicator.label[props.language] ?? indicator.label.en ?? indicator.label.es ?? '');
  const detail =
    indicator.kind === 'no_positive_tests'
      ? t('goals.readingTests', { tests: r.tests ?? 0, positives: r.positives ?? 0, presumptive: r.presumptive ?? 0 })
      : indicator.kind === 'attendance_per_week'
        ? t('goals.readingAttendance', { attended: r.attended ?? 0, count: r.count ?? 0 })
        : r.on
          ? t('goals.readingObserved', { date: format.date(r.on) })
          : '';
  return (
    <Group gap="xs">
      <Text size="sm">{what}</Text>
      <Badge variant="light" color={READING_COLORS[r.status]} c="dark.9" tt="none">
        {t(`goals.readings.${r.status}`)}
      </Badge>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Group>
  );
}

function GoalCard(props: { goal: Goal; language: 'en' | 'es'; act: (a: Action) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const updateStep = useUpdateStep();
  const { goal } = props;
  const headingId = `goal-${goal.id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="light" color="blue" c="dark.9" tt="none">
            {t(`goals.owners.${goal.owner}`)}
          </Badge>
          {goal.spectrum ? (
            <Badge variant="outline" color="gray" c="dark.9" tt="none">
              {t(`goals.spectrumValues.${goal.spectrum}`)}
            </Badge>
          ) : null}
          <Badge variant="light" color={goal.difficulty === 'proximal' ? 'teal' : 'grape'} c="dark.9" tt="none">
            {t(`goals.difficulties.${goal.difficulty}`)}
          </Badge>
          {goal.status !== 'active' ? (
            <Badge variant="light" color="gray" c="dark.9" tt="none">
              {t(`goals.statuses.${goal.status}`)}
            </Badge>
          ) : null}
        </Group>
        <Title order={4} size="h6" id={headingId}>
          {goal.owner === 'participant' ? `“${goal.words}”` : goal.words}
        </Title>
        <Text size="xs" c="dimmed">
          {[
            goal.targetOn ? t('goals.targetLine', { date: format.date(goal.targetOn) }) : null,
            t('goals.recordedLine', { who: goal.enteredByName ?? '—', org: goal.custodianName }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {goal.indicators.length > 0 ? (
          <Stack gap={4}>
            {goal.indicators.map((indicator, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: indicators are kept in order and addressed by position
              <IndicatorLine key={i} indicator={indicator} language={props.language} />
            ))}
          </Stack>
        ) : null}
        {goal.steps.length > 0 ? (
          <div>
            <Text size="sm" fw={600}>
              {t('goals.steps')}
            </Text>
            <List size="sm" spacing={2}>
              {goal.steps.map((s) => (
                <List.Item key={s.id}>
                  <Group gap="xs">
                    <Text size="sm" td={s.status === 'dropped' ? 'line-through' : undefined}>
                      {`${t(`goals.actors.${s.actor}`)}${s.actorName ? ` (${s.actorName})` : ''}: ${s.action}`}
                      {s.dueOn && s.status === 'open' ? ` — ${t('goals.dueLine', { date: format.date(s.dueOn) })}` : ''}
                      {s.status === 'done' && s.doneOn ? ` — ${t('goals.doneLine', { date: format.date(s.doneOn) })}` : ''}
                    </Text>
                    {goal.canEdit && s.status === 'open' ? (
                      <Button
                        size="compact-xs"
                        variant="default"
                        loading={updateStep.isPending && updateStep.variables?.stepId === s.id}
                        onClick={() => updateStep.mutate({ stepId: s.id, status: 'done' })}
                      >
                        {t('goals.markDone')}
                      </Button>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        <details>
          <summary>
            <Text span size="sm">
              {t('goals.history', { count: goal.history.length })}
            </Text>
          </summary>
          <List size="sm" spacing={2} mt={4}>
            {goal.history.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history is append-only, in order
              <List.Item key={i}>
                {`${format.dateTime(h.at)} · ${h.byName ?? '—'} · `}
                {h.kind === 'classified'
                  ? t('goals.historyClassified', { difficulty: t(`goals.difficulties.${h.difficulty ?? 'proximal'}`) })
                  : h.kind === 'status'
                    ? t('goals.historyStatus', { status: t(`goals.statuses.${h.status ?? 'active'}`) })
                    : h.kind === 'observed'
                      ? t(h.met ? 'goals.historyObservedMet' : 'goals.historyObservedNotMet', { date: h.observedOn ?? '' })
                      : t('goals.historyProgress')}
                {h.note ? ` — ${h.note}` : ''}
              </List.Item>
            ))}
          </List>
        </details>
        {goal.canEdit ? (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => props.act({ kind: 'reclassify', goal })}>
              {t('goals.reclassify')}
            </Button>
            <Button size="xs" variant="default" onClick={() => props.act({ kind: 'step', goal })}>
              {t('goals.addStep')}
            </Button>
            <Button size="xs" variant="default" onClick={() => props.act({ kind: 'note', goal })}>
              {t('goals.addNote')}
            </Button>
            {goal.indicators.some((i) => i.kind === 'observed') ? (
              <Button size="xs" variant="default" onClick={() => props.act({ kind: 'observe', goal })}>
                {t('goals.observe')}
              </Button>
            ) : null}
            <Button size="xs" variant="default" onClick={() => props.act({ kind: 'status', goal })}>
              {t('goals.changeStatus')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The alignment view: per life area, the participant's goals beside the provider's and the mandate's, and what does not line up. */
function Alignment(props: { overview: GoalsOverview; canDecide: boolean; act: (a: Action) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { alignment, goals } = props.overview;
  const words = (id: string) => goals.find((g) => g.id === id)?.words ?? '';
  const condition = (id: string) => alignment.conditions.find((c) => c.id === id);
  const cell = (ids: string[], extra: ReactNode = null) =>
    ids.length === 0 && !extra ? (
      <Text size="sm" c="dimmed">
        {t('goals.noneInArea')}
      </Text>
    ) : (
      <Stack gap={2}>
        {ids.map((id) => {
          const g = goals.find((x) => x.id === id)!;
          return (
            <Text key={id} size="sm">
              {words(id)}{' '}
              <Text span size="xs" c="dimmed">
                ({t(`goals.difficulties.${g.difficulty}`)}
                {g.spectrum ? `, ${t(`goals.spectrumValues.${g.spectrum}`)}` : ''})
              </Text>
            </Text>
          );
        })}
        {extra}
      </Stack>
    );
  return (
    <Stack gap="sm" component="section" aria-labelledby="alignment-heading">
      <Title order={3} size="h5" id="alignment-heading">
        {t('goals.alignmentTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {alignment.daysWithoutUse === null
          ? t('goals.daysUnknown')
          : alignment.daysWithoutUseAtLeast
            ? t('goals.daysWithoutUseAtLeast', { count: alignment.daysWithoutUse })
            : t('goals.daysWithoutUse', { count: alignment.daysWithoutUse })}
      </Text>
      {alignment.areas.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('goals.noGoals')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('goals.lifeArea')}</Table.Th>
                {GOAL_OWNERS.map((o) => (
                  <Table.Th key={o} scope="col">
                    {t(`goals.ownersPlural.${o}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alignment.areas.map((a) => (
                <Table.Tr key={a.lifeArea}>
                  <Table.Th scope="row">{t(`goals.areas.${a.lifeArea}`)}</Table.Th>
                  <Table.Td>{cell(a.goals.participant)}</Table.Td>
                  <Table.Td>{cell(a.goals.provider)}</Table.Td>
                  <Table.Td>
                    {cell(
                      a.goals.mandate,
                      a.conditionIds.length === 0
                        ? null
                        : a.conditionIds.map((id) => (
                            <Text key={id} size="sm">
                              {t('goals.conditionLine', {
                                wording: condition(id)?.wording ?? '',
                                version: condition(id)?.agreementVersion ?? '',
                              })}
                            </Text>
                          )),
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {alignment.findings.map((f) => (
        <Alert
          key={f.key}
          color={f.decision ? 'gray' : 'orange'}
          variant="light"
          role="note"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={t(`goals.rules.${f.rule}`, { days: f.daysWithoutUse ?? 0, area: t(`goals.areas.${f.lifeArea}`) })}
        >
          <Stack gap={4}>
            {f.goalIds.length > 0 ? (
              <Text size="sm">{t('goals.findingGoals', { goals: f.goalIds.map((id) => `“${words(id)}”`).join(', ') })}</Text>
            ) : null}
            {f.decision ? (
              <Text size="sm" fw={600}>
                {t('goals.decided', {
                  choice: t(`goals.reconciliations.${f.decision.choice}`),
                  who: f.decision.byName ?? '—',
                  date: format.date(f.decision.at.slice(0, 10)),
                })}
                {f.decision.note ? ` — ${f.decision.note}` : ''}
              </Text>
            ) : (
              <>
                <Text size="sm">{t('goals.suggestions')}</Text>
                <List size="sm">
                  {f.suggestions.map((s) => (
                    <List.Item key={s}>{t(`goals.reconciliations.${s}`)}</List.Item>
                  ))}
                </List>
              </>
            )}
            {props.canDecide ? (
              <Group>
                <Button size="xs" variant="default" onClick={() => props.act({ kind: 'decision', finding: f })}>
                  {f.decision ? t('goals.reviseDecision') : t('goals.recordDecision')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}

/**
 * Goals on the harm-reduction spectrum — the participant's own words beside the treatment provider's
 * and the mandate's — the alignment view with the team's decisions, the plan's steps, skills and
 * supports, and the printable plan.
 */
export function GoalsTab(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(goalsQueryOptions(props.participant.id));
  const [action, setAction] = useState<Action | null>(null);
  const language = props.participant.language.startsWith('es') ? 'es' : 'en';
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const o = query.data;
  const cases = props.participant.enrollments;
  const close = () => setAction(null);
  const myPlan = o.plans.find((p) => p.canEdit);
  const keepsPlan = o.mayAdd.includes('provider');
  const pdf = (lang: 'en' | 'es') => apiUrl(`/v1/participants/${props.participant.id}/plan.pdf`, { lang });
  const active = o.goals.filter((g) => g.status === 'active');
  const closed = o.goals.filter((g) => g.status !== 'active');
  const titles: Record<Action['kind'], string> = {
    goal: t('goals.addTitle'),
    reclassify: t('goals.reclassifyTitle'),
    note: t('goals.noteTitle'),
    observe: t('goals.observeTitle'),
    step: t('goals.stepTitle'),
    status: t('goals.statusTitle'),
    decision: t('goals.decisionTitle'),
    plan: t('goals.planTitle'),
    participant: t('withParticipant.title'),
  };
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('goals.title')}
        </Title>
        <Group gap="xs">
          {o.mayAdd.length > 0 ? (
            <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAction({ kind: 'goal' })}>
              {t('goals.add')}
            </Button>
          ) : null}
          <Button variant="default" onClick={() => setAction({ kind: 'participant' })}>
            {t('withParticipant.open')}
          </Button>
          <Button
            component="a"
            href={pdf(language)}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('goals.printPlan', { language: t(`language.${language}`) })}
          </Button>
          <Button
            component="a"
            href={pdf(language === 'en' ? 'es' : 'en')}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('goals.printPlan', { language: t(`language.${language === 'en' ? 'es' : 'en'}`) })}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('goals.intro')}
      </Text>
      {o.latestScores.some((s) => s.safetyOpen) ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
          {t('assessments.safetyOpenBanner')}
        </Alert>
      ) : null}
      <Alignment overview={o} canDecide={o.mayAdd.length > 0 && cases.length > 0} act={setAction} />
      <Stack gap="sm" component="section" aria-labelledby="goals-heading">
        <Title order={3} size="h5" id="goals-heading">
          {t('goals.goalsHeading')}
        </Title>
        {active.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('goals.noGoals')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {active.map((g) => (
              <GoalCard key={g.id} goal={g} language={language} act={setAction} />
            ))}
          </SimpleGrid>
        )}
        {closed.length > 0 ? (
          <details>
            <summary>
              <Text span size="sm">
                {t('goals.closed', { count: closed.length })}
              </Text>
            </summary>
            <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
              {closed.map((g) => (
                <GoalCard key={g.id} goal={g} language={language} act={setAction} />
              ))}
            </SimpleGrid>
          </details>
        ) : null}
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="plan-heading">
        <Group justify="space-between">
          <Title order={3} size="h5" id="plan-heading">
            {t('goals.planHeading')}
          </Title>
          {keepsPlan ? (
            <Button size="xs" variant="default" onClick={() => setAction({ kind: 'plan' })}>
              {myPlan ? t('goals.editPlan') : t('goals.startPlan')}
            </Button>
          ) : null}
        </Group>
        {o.plans.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('goals.noPlan')}
          </Text>
        ) : (
          o.plans.map((p) => (
            <Paper key={p.id} withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t('goals.planKeptBy', { org: p.custodianName, date: format.dateTime(p.updatedAt) })}
              </Text>
              {p.reviewOn ? <Text size="sm">{t('goals.reviewLine', { date: format.date(p.reviewOn) })}</Text> : null}
              {p.skills.length > 0 ? (
                <>
                  <Text size="sm" fw={600} mt="xs">
                    {t('goals.skills')}
                  </Text>
                  <List size="sm">
                    {p.skills.map((s) => (
                      <List.Item key={s}>{s}</List.Item>
                    ))}
                  </List>
                </>
              ) : null}
              {p.supports.length > 0 ? (
                <>
                  <Text size="sm" fw={600} mt="xs">
                    {t('goals.supports')}
                  </Text>
                  <List size="sm">
                    {p.supports.map((s) => (
                      <List.Item key={s.name}>
                        {s.relationship ? `${s.name} (${s.relationship})` : s.name}
                        {s.permission ? '' : ` — ${t('goals.noPermission')}`}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : null}
            </Paper>
          ))
        )}
      </Stack>
      <AppModal
        opened={action !== null}
        onClose={close}
        title={action ? titles[action.kind] : ''}
        size={action?.kind === 'participant' ? '100%' : 'lg'}
      >
        {action?.kind === 'participant' ? (
          <WithParticipantView overview={o} language={language} />
        ) : action?.kind === 'goal' ? (
          <GoalForm cases={cases} owners={o.mayAdd} language={language} onDone={close} />
        ) : action?.kind === 'reclassify' ? (
          <ReclassifyForm goal={action.goal} onDone={close} />
        ) : action?.kind === 'note' ? (
          <NoteForm goal={action.goal} onDone={close} />
        ) : action?.kind === 'observe' ? (
          <ObserveForm goal={action.goal} language={language} onDone={close} />
        ) : action?.kind === 'step' ? (
          <StepForm goal={action.goal} onDone={close} />
        ) : action?.kind === 'status' ? (
          <StatusForm goal={action.goal} onDone={close} />
        ) : action?.kind === 'decision' ? (
          <DecisionForm
            finding={action.finding}
            enrollmentId={o.goals.find((g) => action.finding.goalIds.includes(g.id))?.enrollmentId ?? cases[0]!.id}
            onDone={close}
          />
        ) : action?.kind === 'plan' ? (
          <PlanForm
            participantId={props.participant.id}
            enrollmentId={myPlan?.enrollmentId ?? cases[0]!.id}
            plan={myPlan}
            onDone={close}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
