import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlignCondition, type AlignGoal, alignGoals, substancesOverlap } from './align-goals.js';
import { evaluateIndicator, type IndicatorFacts } from './evaluate-indicator.js';
import { DIFFICULTIES, GOAL_OWNERS, LIFE_AREAS, SPECTRUM } from './goal-kinds.js';

const goal = (over: Partial<AlignGoal> & { id: string }): AlignGoal => ({
  owner: 'participant',
  lifeArea: 'substance_use',
  spectrum: null,
  substances: null,
  difficulty: 'proximal',
  status: 'active',
  ...over,
});
const abstinence = (over: Partial<AlignCondition> = {}): AlignCondition => ({
  id: 'c-abstain',
  kind: 'abstinence',
  substances: 'all',
  sanctioned: false,
  ...over,
});
const rules = (result: ReturnType<typeof alignGoals>) => result.findings.map((f) => f.rule).sort();

describe('alignGoals — Anthony, as the source document tells it', () => {
  // He wants to "stop using so much and stay out of jail"; his agreement says abstain from all substances.
  const reduce = goal({ id: 'g-reduce', spectrum: 'risk_reduction', difficulty: 'proximal' });
  const abstain = goal({ id: 'g-abstain', owner: 'mandate', spectrum: 'abstinence', difficulty: 'proximal' });

  it('names the gap between the mandate’s abstinence and his goal of using less, with ways to reconcile it', () => {
    const result = alignGoals({ goals: [reduce, abstain], conditions: [abstinence()], facts: { daysWithoutUse: 6 } });
    const gap = result.findings.find((f) => f.rule === 'mandate_abstinence_participant_reduction');
    expect(gap).toMatchObject({
      lifeArea: 'substance_use',
      goalIds: ['g-reduce', 'g-abstain'],
      conditionIds: ['c-abstain'],
      courtRelevant: true,
      suggestions: ['reclassify_distal_with_proximal_step', 'set_interim_target', 'add_safer_use_goal'],
    });
    // Abstinence classed proximal after six days without use: too early.
    expect(result.findings.find((f) => f.rule === 'abstinence_proximal_too_early')).toMatchObject({
      goalIds: ['g-abstain'],
      daysWithoutUse: 6,
      courtRelevant: true,
    });
    // Nobody has a safer-use goal while he still uses.
    expect(rules(result)).toContain('no_safer_use_goal');
    expect(result.areas).toEqual([
      {
        lifeArea: 'substance_use',
        goals: { participant: ['g-reduce'], provider: [], mandate: ['g-abstain'] },
        conditionIds: ['c-abstain'],
      },
    ]);
  });

  it('once abstinence is distal, with a proximal step and a safer-use goal, only the gap itself and the sanction remain to decide', () => {
    const result = alignGoals({
      goals: [
        reduce,
        { ...abstain, difficulty: 'distal' },
        goal({ id: 'g-naloxone', owner: 'provider', spectrum: 'safer_practices', difficulty: 'proximal' }),
        goal({ id: 'g-honest', lifeArea: 'legal', difficulty: 'proximal' }),
      ],
      conditions: [abstinence({ sanctioned: true })],
      facts: { daysWithoutUse: 6 },
    });
    expect(rules(result)).toEqual(['mandate_abstinence_participant_reduction', 'sanction_on_distal_goal']);
    expect(result.findings.find((f) => f.rule === 'sanction_on_distal_goal')).toMatchObject({
      goalIds: ['g-abstain'],
      conditionIds: ['c-abstain'],
      suggestions: ['respond_with_service_adjustment'],
    });
  });

  it('counts abstinence proximal once 30 days without use are known, and not on no evidence at all', () => {
    const goals = [goal({ id: 'g', spectrum: 'abstinence', difficulty: 'proximal' })];
    const safe = goal({ id: 's', spectrum: 'safer_practices' });
    expect(rules(alignGoals({ goals: [...goals, safe], conditions: [], facts: { daysWithoutUse: 29 } }))).toEqual([
      'abstinence_proximal_too_early',
    ]);
    expect(rules(alignGoals({ goals: [...goals, safe], conditions: [], facts: { daysWithoutUse: 30 } }))).toEqual([]);
    expect(rules(alignGoals({ goals: [...goals, safe], conditions: [], facts: { daysWithoutUse: null } }))).toEqual([
      'abstinence_proximal_too_early',
    ]);
  });
});

describe('alignGoals — which goals meet', () => {
  it('compares substances: a participant’s goal for cannabis does not meet an abstinence condition for opioids', () => {
    const weed = goal({ id: 'g', spectrum: 'risk_reduction', substances: ['cannabinoids'] });
    const opioids = abstinence({ substances: ['heroin', 'fentanyl'] });
    expect(rules(alignGoals({ goals: [weed], conditions: [opioids], facts: { daysWithoutUse: 40 } }))).toEqual([]);
    expect(
      rules(alignGoals({ goals: [weed], conditions: [abstinence({ substances: 'all' })], facts: { daysWithoutUse: 40 } })),
    ).toEqual(['mandate_abstinence_participant_reduction']);
    expect(substancesOverlap(['fentanyl'], ['heroin', 'fentanyl'])).toBe(true);
    expect(substancesOverlap(null, ['heroin'])).toBe(true);
  });

  it('reads only active goals: a goal met or set aside is no longer compared', () => {
    const result = alignGoals({
      goals: [goal({ id: 'g', spectrum: 'abstinence', difficulty: 'proximal', status: 'met' })],
      conditions: [],
      facts: { daysWithoutUse: 2 },
    });
    expect(result.findings).toEqual([]);
    expect(result.areas).toEqual([]);
  });

  it('asks for the participant’s own goal where only others have one', () => {
    const result = alignGoals({
      goals: [goal({ id: 'h', owner: 'provider', lifeArea: 'housing' }), goal({ id: 'e', lifeArea: 'employment_education' })],
      conditions: [],
      facts: { daysWithoutUse: 90 },
    });
    expect(result.findings).toEqual([
      {
        key: 'no_participant_goal_in_area:h,housing',
        rule: 'no_participant_goal_in_area',
        lifeArea: 'housing',
        goalIds: ['h'],
        conditionIds: [],
        courtRelevant: false,
        suggestions: ['ask_participant_goal'],
      },
    ]);
  });

  it('gives the same finding the same key whatever the order of the goals, so a decision stays with it', () => {
    const a = goal({ id: 'a', spectrum: 'risk_reduction' });
    const m1 = goal({ id: 'm1', owner: 'mandate', spectrum: 'abstinence', difficulty: 'proximal' });
    const m2 = goal({ id: 'm2', owner: 'mandate', spectrum: 'abstinence', difficulty: 'proximal' });
    const keys = (goals: AlignGoal[]) =>
      alignGoals({ goals, conditions: [], facts: { daysWithoutUse: 60 } }).findings.map((f) => f.key);
    expect(keys([a, m1, m2])).toEqual(['mandate_abstinence_participant_reduction:a,m1,m2']);
    expect(keys([a, m1, m2])).toEqual(keys([m2, a, m1]));
  });

  it('reads a mandate goal of abstinence already classed distal as no longer expected now; the agreement’s condition still is', () => {
    const reduce = goal({ id: 'r', spectrum: 'risk_reduction' });
    const distal = goal({ id: 'm', owner: 'mandate', spectrum: 'abstinence', difficulty: 'distal' });
    const safe = goal({ id: 's', owner: 'provider', spectrum: 'safer_practices' });
    expect(rules(alignGoals({ goals: [reduce, distal, safe], conditions: [], facts: { daysWithoutUse: 5 } }))).toEqual([]);
    const withCondition = alignGoals({ goals: [reduce, distal, safe], conditions: [abstinence()], facts: { daysWithoutUse: 5 } });
    expect(withCondition.findings).toEqual([
      expect.objectContaining({ rule: 'mandate_abstinence_participant_reduction', goalIds: ['r'], conditionIds: ['c-abstain'] }),
    ]);
  });

  it('never names a goal or condition it was not given, and every finding’s goals are active ones', () => {
    const arbGoal = fc.record({
      id: fc.constantFrom('g1', 'g2', 'g3', 'g4', 'g5'),
      owner: fc.constantFrom(...GOAL_OWNERS),
      lifeArea: fc.constantFrom(...LIFE_AREAS),
      spectrum: fc.constantFrom(null, ...SPECTRUM),
      substances: fc.constantFrom(null, 'all' as const, ['heroin' as const], ['cannabinoids' as const]),
      difficulty: fc.constantFrom(...DIFFICULTIES),
      status: fc.constantFrom('active' as const, 'met' as const, 'set_aside' as const),
    });
    const arbCondition = fc.record({
      id: fc.constantFrom('c1', 'c2'),
      kind: fc.constantFrom('abstinence', 'testing', 'no_new_offense'),
      substances: fc.constantFrom(null, 'all' as const, ['heroin' as const]),
      sanctioned: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbGoal, { selector: (g) => g.id }),
        fc.uniqueArray(arbCondition, { selector: (c) => c.id }),
        fc.option(fc.integer({ min: 0, max: 400 })),
        (goals, conditions, daysWithoutUse) => {
          const result = alignGoals({ goals, conditions, facts: { daysWithoutUse } });
          const active = new Set<string>(goals.filter((g) => g.status === 'active').map((g) => g.id));
          const conds = new Set<string>(conditions.map((c) => c.id));
          const keys = result.findings.map((f) => f.key);
          return (
            new Set(keys).size === keys.length &&
            result.findings.every(
              (f) => f.goalIds.every((id) => active.has(id)) && f.conditionIds.every((id) => conds.has(id)),
            ) &&
            result.findings.every((f) => f.suggestions.length > 0)
          );
        },
      ),
    );
  });
});

describe('evaluateIndicator', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const facts = (over: Partial<IndicatorFacts>): IndicatorFacts => ({ now, tests: [], attendance: [], observed: null, ...over });
  const opioidFree = { kind: 'no_positive_tests' as const, substances: ['heroin' as const, 'fentanyl' as const], days: 30 };

  it('meets "no opioid-positive tests for 30 days" on negative tests, and says so when there were no tests', () => {
    const negatives = [1, 5, 12].map((d) => ({
      at: daysAgo(d),
      tested: ['fentanyl' as const, 'heroin' as const],
      unauthorized: [],
    }));
    expect(evaluateIndicator(opioidFree, facts({ tests: negatives }))).toEqual({
      kind: 'no_positive_tests',
      status: 'met',
      tests: 3,
      positives: 0,
      presumptive: 0,
    });
    expect(evaluateIndicator(opioidFree, facts({}))).toMatchObject({ status: 'no_data', tests: 0 });
  });

  it('is not met by a fentanyl positive inside the window, and is met again once it falls outside', () => {
    const positive = {
      at: daysAgo(20),
      tested: ['fentanyl' as const],
      unauthorized: [{ group: 'fentanyl' as const, presumptive: false }],
    };
    const later = { at: daysAgo(2), tested: ['fentanyl' as const], unauthorized: [] };
    expect(evaluateIndicator(opioidFree, facts({ tests: [positive, later] }))).toMatchObject({ status: 'not_met', positives: 1 });
    expect(evaluateIndicator({ ...opioidFree, days: 14 }, facts({ tests: [positive, later] }))).toMatchObject({
      status: 'met',
      tests: 1,
    });
  });

  it('ignores other substances and tests that did not look for them, and waits on a positive still on a screen alone', async () => {
    const cannabis = {
      at: daysAgo(3),
      tested: ['cannabinoids' as const, 'fentanyl' as const],
      unauthorized: [{ group: 'cannabinoids' as const, presumptive: false }],
    };
    expect(evaluateIndicator(opioidFree, facts({ tests: [cannabis] }))).toMatchObject({ status: 'met', tests: 1 });
    // An alcohol-only test says nothing about opioids.
    const breath = { at: daysAgo(2), tested: ['alcohol' as const], unauthorized: [] };
    expect(evaluateIndicator(opioidFree, facts({ tests: [breath] }))).toMatchObject({ status: 'no_data', tests: 0 });
    const screen = {
      at: daysAgo(3),
      tested: ['fentanyl' as const],
      unauthorized: [{ group: 'fentanyl' as const, presumptive: true }],
    };
    expect(evaluateIndicator(opioidFree, facts({ tests: [screen] }))).toMatchObject({
      status: 'awaiting_confirmation',
      presumptive: 1,
    });
  });

  it('counts groups attended (late counts) in the last seven days against "3 groups a week"', () => {
    const indicator = { kind: 'attendance_per_week' as const, count: 3, eventKinds: ['treatment_group' as const] };
    const event = (
      d: number,
      outcome: 'attended' | 'late' | 'missed',
      kind: 'treatment_group' | 'court_hearing' = 'treatment_group',
    ) => ({
      at: daysAgo(d),
      kind,
      outcome,
    });
    expect(
      evaluateIndicator(indicator, facts({ attendance: [event(1, 'attended'), event(3, 'late'), event(5, 'attended')] })),
    ).toEqual({ kind: 'attendance_per_week', status: 'met', attended: 3, count: 3 });
    expect(
      evaluateIndicator(
        indicator,
        facts({
          attendance: [event(1, 'attended'), event(3, 'missed'), event(5, 'attended', 'court_hearing'), event(9, 'attended')],
        }),
      ),
    ).toMatchObject({ status: 'not_met', attended: 1 });
  });

  it('reads an observed indicator ("carries naloxone") from the team’s last observation', () => {
    const naloxone = { kind: 'observed' as const, label: { en: 'Carries naloxone' } };
    expect(evaluateIndicator(naloxone, facts({}))).toEqual({ kind: 'observed', status: 'no_data', on: null });
    expect(evaluateIndicator(naloxone, facts({ observed: { met: true, on: '2026-11-28' } }))).toEqual({
      kind: 'observed',
      status: 'met',
      on: '2026-11-28',
    });
  });
});
