import { Badge, Group, List, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_WORDS } from '../../../modules/goals/plan-words';
import type { Goal, GoalsOverview } from './goals-api';

/**
 * The goals, plan, agreement and progress as the participant reads them, in their language, in large
 * type: for going through them together on a staff member's screen. It shows what the staff member may
 * see, and no more.
 */
export function WithParticipantView(props: { overview: GoalsOverview; language: 'en' | 'es' }) {
  const { i18n } = useTranslation();
  const [lang, setLang] = useState<'en' | 'es'>(props.language);
  const t = i18n.getFixedT(lang);
  // The participant's own copy speaks as they do ("my goal"), in the same words as the printed plan.
  const w = PLAN_WORDS[lang];
  const o = props.overview;
  const order = ['participant', 'provider', 'mandate'] as const;
  const active = o.goals.filter((g) => g.status === 'active').sort((a, b) => order.indexOf(a.owner) - order.indexOf(b.owner));
  const barc = o.latestScores.find((s) => s.instrument === 'barc10');
  const what = (i: Goal['indicators'][number]) =>
    i.kind === 'no_positive_tests'
      ? w.indicatorTests(i.days)
      : i.kind === 'attendance_per_week'
        ? w.indicatorAttendance(i.count)
        : (i.label[lang] ?? i.label.en ?? i.label.es ?? '');
  return (
    <Stack gap="lg" lang={lang}>
      <Group justify="space-between">
        <Text size="lg">{t('withParticipant.intro')}</Text>
        <SegmentedControl
          aria-label={t('withParticipant.language')}
          value={lang}
          onChange={(v) => setLang(v as 'en' | 'es')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
      </Group>
      <Title order={3}>{w.goalsHeading}</Title>
      {active.length === 0 ? <Text size="lg">{w.none}</Text> : null}
      {active.map((g) => (
        <Paper key={g.id} withBorder p="md" component="section" aria-label={g.words}>
          <Text size="sm" c="dimmed">
            {w.whose[g.owner]} · {w.areas[g.lifeArea]}
          </Text>
          <Text size="xl" fw={600}>
            {g.owner === 'participant' ? `“${g.words}”` : g.words}
          </Text>
          <Text size="md">
            {w.difficulty[g.difficulty]}
            {g.spectrum ? ` · ${w.spectrum[g.spectrum]}` : ''}
          </Text>
          {g.indicators.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: indicators are kept in order
            <Group key={n} gap="xs" mt={4}>
              <Text size="md">{what(i)}</Text>
              <Badge size="lg" variant="light" color={i.reading.status === 'met' ? 'teal' : 'gray'} c="dark.9" tt="none">
                {w.readings[i.reading.status]}
              </Badge>
            </Group>
          ))}
          {g.steps.filter((s) => s.status !== 'dropped').length > 0 ? (
            <List size="md" mt="xs">
              {g.steps
                .filter((s) => s.status !== 'dropped')
                .map((s) => (
                  <List.Item key={s.id}>
                    {`${w.actors[s.actor]}${s.actorName ? ` (${s.actorName})` : ''}: ${s.action}`}
                    {s.status === 'done' ? ` — ${w.done}` : ''}
                  </List.Item>
                ))}
            </List>
          ) : null}
        </Paper>
      ))}
      {barc?.total != null ? <Text size="lg">{w.recoveryCapital(barc.total, barc.completedOn)}</Text> : null}
      {o.alignment.conditions.length > 0 ? (
        <section aria-labelledby="with-participant-agreement">
          <Title order={3} id="with-participant-agreement">
            {w.agreement(Math.max(...o.alignment.conditions.map((c) => c.agreementVersion)))}
          </Title>
          <List size="lg">
            {o.alignment.conditions.map((c) => (
              <List.Item key={c.id}>{c.wording}</List.Item>
            ))}
          </List>
        </section>
      ) : null}
      {o.plans.some((p) => p.supports.some((s) => s.permission)) ? (
        <section aria-labelledby="with-participant-supports">
          <Title order={3} id="with-participant-supports">
            {w.supports}
          </Title>
          <List size="lg">
            {o.plans
              .flatMap((p) => p.supports)
              .filter((s) => s.permission)
              .map((s) => (
                <List.Item key={s.name}>{s.relationship ? `${s.name} (${s.relationship})` : s.name}</List.Item>
              ))}
          </List>
        </section>
      ) : null}
    </Stack>
  );
}
