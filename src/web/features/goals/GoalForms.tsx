import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { RECONCILIATIONS } from '../../../modules/goals/align-goals';
import { type GoalOwner, LIFE_AREAS, SPECTRUM, STEP_ACTORS } from '../../../modules/goals/goal-kinds';
import { GOAL_TEMPLATES } from '../../../modules/goals/goal-templates';
import { SUBSTANCE_GROUPS, type SubstanceGroup } from '../../../modules/testing/substances';
import type { Enrollment } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { CaseSelect } from '../monitoring/CaseSelect';
import {
  type Finding,
  type Goal,
  type GoalsOverview,
  useAddStep,
  useCreateGoal,
  useObservation,
  useProgressNote,
  useReclassifyGoal,
  useRecordDecision,
  useSavePlan,
  useUpdateGoal,
} from './goals-api';

/** The forms of the goals tab: a goal, its reclassification, notes, observations, steps, status; decisions; the plan. */

type Done = { onDone: () => void };
type Measure = 'none' | 'no_positive_tests' | 'attendance_per_week' | 'observed';

export function GoalForm(props: Done & { cases: Enrollment[]; owners: GoalOwner[]; language: 'en' | 'es' }) {
  const { t } = useTranslation();
  const create = useCreateGoal();
  const form = useForm({
    initialValues: {
      enrollmentId: props.cases[0]?.id ?? '',
      owner: props.owners[0]!,
      templateId: '',
      words: '',
      language: props.language,
      lifeArea: 'substance_use' as (typeof LIFE_AREAS)[number],
      spectrum: '' as (typeof SPECTRUM)[number] | '',
      difficulty: 'proximal' as 'proximal' | 'distal',
      targetOn: '',
      substances: [] as string[],
      measure: 'none' as Measure,
      days: 30 as number | string,
      count: 3 as number | string,
      observedLabel: '',
    },
    validate: { words: (v) => (v.trim() ? null : t('goals.wordsRequired')) },
  });
  const v = form.getValues();
  const templates = GOAL_TEMPLATES.filter((tpl) => tpl.owner === v.owner);
  const applyTemplate = (id: string | null) => {
    const tpl = GOAL_TEMPLATES.find((x) => x.id === id);
    form.setFieldValue('templateId', id ?? '');
    if (!tpl) return;
    const indicator = tpl.indicators[0];
    form.setValues({
      words: tpl.words[form.getValues().language],
      lifeArea: tpl.lifeArea,
      spectrum: tpl.spectrum ?? '',
      difficulty: tpl.difficulty,
      measure: indicator?.kind ?? 'none',
      ...(indicator?.kind === 'no_positive_tests' ? { days: indicator.days } : {}),
      ...(indicator?.kind === 'attendance_per_week' ? { count: indicator.count } : {}),
      ...(indicator?.kind === 'observed' ? { observedLabel: indicator.label[form.getValues().language] ?? '' } : {}),
    });
  };
  const submit = form.onSubmit((values) => {
    const indicators =
      values.measure === 'no_positive_tests'
        ? [
            {
              kind: 'no_positive_tests' as const,
              substances: values.substances.length > 0 ? (values.substances as SubstanceGroup[]) : ('all' as const),
              days: Number(values.days),
            },
          ]
        : values.measure === 'attendance_per_week'
          ? [
              {
                kind: 'attendance_per_week' as const,
                count: Number(values.count),
                eventKinds: ['treatment_group' as const, 'treatment_individual' as const, 'intensive_outpatient' as const],
              },
            ]
          : values.measure === 'observed'
            ? [{ kind: 'observed' as const, label: { [values.language]: values.observedLabel || values.words } }]
            : [];
    create.mutate(
      {
        enrollmentId: values.enrollmentId,
        owner: values.owner,
        words: values.words,
        language: values.language,
        lifeArea: values.lifeArea,
        spectrum: values.spectrum === '' ? null : values.spectrum,
        substances:
          values.lifeArea !== 'substance_use' || !values.spectrum
            ? null
            : values.substances.length > 0
              ? (values.substances as SubstanceGroup[])
              : 'all',
        difficulty: values.difficulty,
        targetOn: values.targetOn || null,
        indicators,
        templateId: values.templateId || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('goals.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <CaseSelect cases={props.cases} inputProps={form.getInputProps('enrollmentId')} />
        <Select
          label={t('goals.owner')}
          data={props.owners.map((o) => ({ value: o, label: t(`goals.owners.${o}`) }))}
          allowDeselect={false}
          {...form.getInputProps('owner')}
          onChange={(value) => {
            form.setFieldValue('owner', (value ?? props.owners[0]) as GoalOwner);
            form.setFieldValue('templateId', '');
          }}
        />
        {templates.length > 0 ? (
          <Select
            label={t('goals.template')}
            description={t('goals.templateHint')}
            data={templates.map((tpl) => ({ value: tpl.id, label: tpl.words[v.language] }))}
            clearable
            value={v.templateId || null}
            onChange={applyTemplate}
          />
        ) : null}
        <Textarea
          label={v.owner === 'participant' ? t('goals.wordsParticipant') : t('goals.words')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('words')}
        />
        <Group grow>
          <Select
            label={t('goals.language')}
            data={(['en', 'es'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
          <Select
            label={t('goals.lifeArea')}
            data={LIFE_AREAS.map((a) => ({ value: a, label: t(`goals.areas.${a}`) }))}
            allowDeselect={false}
            {...form.getInputProps('lifeArea')}
          />
          <Select
            label={t('goals.spectrum')}
            data={SPECTRUM.map((s) => ({ value: s, label: t(`goals.spectrumValues.${s}`) }))}
            clearable
            {...form.getInputProps('spectrum')}
          />
        </Group>
        {v.lifeArea === 'substance_use' ? (
          <MultiSelect
            label={t('goals.substances')}
            description={t('goals.substancesHint')}
            data={SUBSTANCE_GROUPS.map((g) => ({ value: g, label: t(`monitoring.groups.${g}`) }))}
            searchable
            {...form.getInputProps('substances')}
          />
        ) : null}
        <Radio.Group label={t('goals.difficulty')} description={t('goals.difficultyHint')} {...form.getInputProps('difficulty')}>
          <Group mt="xs">
            <Radio value="proximal" label={t('goals.difficulties.proximal')} />
            <Radio value="distal" label={t('goals.difficulties.distal')} />
          </Group>
        </Radio.Group>
        <TextInput label={t('goals.targetOn')} type="date" {...form.getInputProps('targetOn')} />
        <Select
          label={t('goals.measure')}
          data={(['none', 'no_positive_tests', 'attendance_per_week', 'observed'] as const).map((m) => ({
            value: m,
            label: t(`goals.measures.${m}`),
          }))}
          allowDeselect={false}
          {...form.getInputProps('measure')}
        />
        {v.measure === 'no_positive_tests' ? (
          <NumberInput label={t('goals.days')} min={1} max={365} allowDecimal={false} {...form.getInputProps('days')} />
        ) : null}
        {v.measure === 'attendance_per_week' ? (
          <NumberInput label={t('goals.perWeek')} min={1} max={21} allowDecimal={false} {...form.getInputProps('count')} />
        ) : null}
        {v.measure === 'observed' ? (
          <TextInput label={t('goals.observedLabel')} {...form.getInputProps('observedLabel')} />
        ) : null}
        <ErrorAlert error={create.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.save')} pending={create.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function ReclassifyForm(props: Done & { goal: Goal }) {
  const { t } = useTranslation();
  const reclassify = useReclassifyGoal();
  const to = props.goal.difficulty === 'proximal' ? 'distal' : 'proximal';
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('goals.reasonRequired')) },
  });
  const submit = form.onSubmit((v) =>
    reclassify.mutate(
      { goalId: props.goal.id, difficulty: to, reason: v.reason },
      {
        onSuccess: () => {
          notifySuccess(t('goals.reclassified'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('goals.reclassifyIntro', { to: t(`goals.difficulties.${to}`) })}</Text>
        <Textarea label={t('goals.reason')} withAsterisk autosize minRows={2} {...form.getInputProps('reason')} />
        <ErrorAlert error={reclassify.error} values={form.getValues()} />
        <FormActions
          submitLabel={t('goals.reclassifyTo', { to: t(`goals.difficulties.${to}`) })}
          pending={reclassify.isPending}
          onCancel={props.onDone}
        />
      </Stack>
    </form>
  );
}

export function NoteForm(props: Done & { goal: Goal }) {
  const { t } = useTranslation();
  const note = useProgressNote();
  const form = useForm({ initialValues: { note: '' }, validate: { note: (v) => (v.trim() ? null : t('goals.noteRequired')) } });
  const submit = form.onSubmit((v) =>
    note.mutate(
      { goalId: props.goal.id, note: v.note },
      {
        onSuccess: () => {
          notifySuccess(t('goals.noted'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Textarea label={t('goals.progressNote')} withAsterisk autosize minRows={3} {...form.getInputProps('note')} />
        <ErrorAlert error={note.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.saveNote')} pending={note.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function ObserveForm(props: Done & { goal: Goal; language: 'en' | 'es' }) {
  const { t } = useTranslation();
  const observe = useObservation();
  const observed = props.goal.indicators
    .map((indicator, index) => ({ indicator, index }))
    .filter((x) => x.indicator.kind === 'observed');
  const form = useForm({
    initialValues: { indicator: String(observed[0]?.index ?? 0), met: 'yes', observedOn: todayLocal(), note: '' },
  });
  const submit = form.onSubmit((v) =>
    observe.mutate(
      { goalId: props.goal.id, indicator: Number(v.indicator), met: v.met === 'yes', observedOn: v.observedOn, note: v.note },
      {
        onSuccess: () => {
          notifySuccess(t('goals.observedSaved'));
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
          label={t('goals.indicator')}
          data={observed.map(({ indicator, index }) => ({
            value: String(index),
            label:
              indicator.kind === 'observed'
                ? (indicator.label[props.language] ?? indicator.label.en ?? indicator.label.es ?? '')
                : '',
          }))}
          allowDeselect={false}
          {...form.getInputProps('indicator')}
        />
        <Radio.Group label={t('goals.wasMet')} {...form.getInputProps('met')}>
          <Group mt="xs">
            <Radio value="yes" label={t('goals.yes')} />
            <Radio value="no" label={t('goals.no')} />
          </Group>
        </Radio.Group>
        <TextInput
          label={t('goals.observedOn')}
          type="date"
          max={todayLocal()}
          withAsterisk
          {...form.getInputProps('observedOn')}
        />
        <Textarea label={t('goals.noteOptional')} autosize {...form.getInputProps('note')} />
        <ErrorAlert error={observe.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.saveObservation')} pending={observe.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function StepForm(props: Done & { goal: Goal }) {
  const { t } = useTranslation();
  const add = useAddStep();
  const form = useForm({
    initialValues: { action: '', actor: 'participant' as (typeof STEP_ACTORS)[number], actorName: '', dueOn: '' },
    validate: { action: (v) => (v.trim() ? null : t('goals.actionRequired')) },
  });
  const submit = form.onSubmit((v) =>
    add.mutate(
      { goalId: props.goal.id, action: v.action, actor: v.actor, actorName: v.actorName, dueOn: v.dueOn || null },
      {
        onSuccess: () => {
          notifySuccess(t('goals.stepSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Textarea label={t('goals.stepAction')} withAsterisk autosize minRows={2} {...form.getInputProps('action')} />
        <Group grow>
          <Select
            label={t('goals.stepActor')}
            data={STEP_ACTORS.map((a) => ({ value: a, label: t(`goals.actors.${a}`) }))}
            allowDeselect={false}
            {...form.getInputProps('actor')}
          />
          <TextInput label={t('goals.stepActorName')} {...form.getInputProps('actorName')} />
          <TextInput label={t('goals.dueOn')} type="date" {...form.getInputProps('dueOn')} />
        </Group>
        <ErrorAlert error={add.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.saveStep')} pending={add.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function StatusForm(props: Done & { goal: Goal }) {
  const { t } = useTranslation();
  const update = useUpdateGoal();
  const form = useForm({
    initialValues: { status: props.goal.status === 'active' ? 'met' : 'active', statusNote: '' },
  });
  const submit = form.onSubmit((v) =>
    update.mutate(
      { goalId: props.goal.id, status: v.status as Goal['status'], statusNote: v.statusNote },
      {
        onSuccess: () => {
          notifySuccess(t('goals.statusSaved'));
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
          label={t('goals.status')}
          data={(['active', 'met', 'set_aside'] as const)
            .filter((s) => s !== props.goal.status)
            .map((s) => ({ value: s, label: t(`goals.statuses.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <Textarea label={t('goals.why')} autosize minRows={2} {...form.getInputProps('statusNote')} />
        <ErrorAlert error={update.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.saveStatus')} pending={update.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function DecisionForm(props: Done & { finding: Finding; enrollmentId: string }) {
  const { t } = useTranslation();
  const decide = useRecordDecision();
  const form = useForm({ initialValues: { choice: props.finding.suggestions[0] as string, note: '' } });
  const submit = form.onSubmit((v) =>
    decide.mutate(
      {
        enrollmentId: props.enrollmentId,
        findingKey: props.finding.key,
        rule: props.finding.rule,
        choice: v.choice as (typeof RECONCILIATIONS)[number] | 'other',
        note: v.note,
      },
      {
        onSuccess: () => {
          notifySuccess(t('goals.decisionSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('goals.decisionIntro')}</Text>
        <Radio.Group label={t('goals.decision')} {...form.getInputProps('choice')}>
          <Stack gap="xs" mt="xs">
            {[...props.finding.suggestions, 'other' as const].map((s) => (
              <Radio key={s} value={s} label={t(`goals.reconciliations.${s}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label={t('goals.decisionNote')} autosize minRows={2} {...form.getInputProps('note')} />
        <ErrorAlert error={decide.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.saveDecision')} pending={decide.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

export function PlanForm(
  props: Done & { participantId: string; enrollmentId: string; plan: GoalsOverview['plans'][number] | undefined },
) {
  const { t } = useTranslation();
  const save = useSavePlan();
  const form = useForm({
    initialValues: {
      skills: (props.plan?.skills ?? []).join('\n'),
      supports: props.plan?.supports.length ? props.plan.supports : [{ name: '', relationship: '', permission: false }],
      reviewOn: props.plan?.reviewOn ?? '',
    },
  });
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        participantId: props.participantId,
        enrollmentId: props.enrollmentId,
        skills: v.skills
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        supports: v.supports.filter((s) => s.name.trim()),
        reviewOn: v.reviewOn || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('goals.planSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          label={t('goals.skills')}
          description={t('goals.skillsHint')}
          autosize
          minRows={3}
          {...form.getInputProps('skills')}
        />
        <Text size="sm" fw={600}>
          {t('goals.supports')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('goals.supportsHint')}
        </Text>
        {form.getValues().supports.map((_, i) => (
          <Group key={form.key(`supports.${i}`)} grow align="flex-end">
            <TextInput label={t('goals.supportName', { n: i + 1 })} {...form.getInputProps(`supports.${i}.name`)} />
            <TextInput
              label={t('goals.supportRelationship', { n: i + 1 })}
              {...form.getInputProps(`supports.${i}.relationship`)}
            />
            <Checkbox
              label={t('goals.supportPermission', { n: i + 1 })}
              {...form.getInputProps(`supports.${i}.permission`, { type: 'checkbox' })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => form.insertListItem('supports', { name: '', relationship: '', permission: false })}
          >
            {t('goals.addSupport')}
          </Button>
        </Group>
        <TextInput label={t('goals.reviewOn')} type="date" {...form.getInputProps('reviewOn')} />
        <ErrorAlert error={save.error} values={form.getValues()} />
        <FormActions submitLabel={t('goals.savePlan')} pending={save.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
