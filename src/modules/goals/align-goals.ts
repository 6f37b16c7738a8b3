import type { SubstanceGroup } from '../testing/substances.js';
import type { Difficulty, GoalOwner, GoalStatus, GoalSubstances, LifeArea, Spectrum } from './goal-kinds.js';
import { LIFE_AREAS } from './goal-kinds.js';

/*
 * The alignment view: a pure rule set over the goals of a participant, of their treatment provider
 * and of the mandating entity, and the conditions of the agreement in effect. It sets them side by
 * side per life area and names where they do not line up — the mandate expects abstinence now while
 * the participant's goal is to use less; abstinence is classed proximal although the participant has
 * not yet had 30 days without use; sanctions are attached to a goal still distal for them — each with
 * the ways the team can reconcile them. The team records its decision on each; the rules suggest,
 * they never decide. What each reader sees follows from the goals and conditions they may see.
 */

export const ALIGNMENT_RULES_VERSION = '2026-12';

/** Days without known use before abstinence may be counted a proximal goal. */
export const PROXIMAL_ABSTINENCE_DAYS = 30;

export type AlignGoal = {
  id: string;
  owner: GoalOwner;
  lifeArea: LifeArea;
  spectrum: Spectrum | null;
  substances: GoalSubstances;
  difficulty: Difficulty;
  status: GoalStatus;
};

/** A condition of the agreement in effect, as far as alignment reads it. */
export type AlignCondition = {
  id: string;
  kind: string;
  substances: 'all' | readonly SubstanceGroup[] | null;
  sanctioned: boolean;
};

export type AlignFacts = {
  /** Days since the last use the reader knows of (a test counted as use, a use report); when none, since the first test. Null: nothing known. */
  daysWithoutUse: number | null;
};

export const ALIGNMENT_RULES = [
  'mandate_abstinence_participant_reduction',
  'abstinence_proximal_too_early',
  'sanction_on_distal_goal',
  'no_safer_use_goal',
  'no_participant_goal_in_area',
] as const;
export type AlignmentRule = (typeof ALIGNMENT_RULES)[number];

export const RECONCILIATIONS = [
  'reclassify_distal_with_proximal_step',
  'set_interim_target',
  'add_safer_use_goal',
  'respond_with_service_adjustment',
  'ask_participant_goal',
  'keep_as_is',
] as const;
export type Reconciliation = (typeof RECONCILIATIONS)[number];

export type AlignmentFinding = {
  /** Stable for the same rule over the same goals and conditions: the team's decision is recorded against it. */
  key: string;
  rule: AlignmentRule;
  lifeArea: LifeArea;
  goalIds: string[];
  conditionIds: string[];
  /** It bears on how the court responds (proximal/distal, sanctions), so the court side is shown it. */
  courtRelevant: boolean;
  /** Days without use known, where the rule read them. */
  daysWithoutUse?: number | null;
  suggestions: Reconciliation[];
};

export type AlignmentArea = {
  lifeArea: LifeArea;
  goals: Record<GoalOwner, string[]>;
  conditionIds: string[];
};

const CONDITION_AREAS: Record<string, LifeArea> = {
  abstinence: 'substance_use',
  treatment_attendance: 'substance_use',
  medication: 'health',
  no_new_offense: 'legal',
  court_appearance: 'legal',
  supervision_contact: 'legal',
};

/** Do two sets of substances meet? No substances named means substance use in general, which meets any. */
export function substancesOverlap(a: GoalSubstances | 'all' | readonly SubstanceGroup[], b: typeof a): boolean {
  if (a === null || b === null || a === 'all' || b === 'all') return true;
  return a.some((s) => b.includes(s));
}

const keyOf = (rule: AlignmentRule, ids: readonly string[]) => `${rule}:${[...ids].sort().join(',')}`;

export function alignGoals(input: { goals: readonly AlignGoal[]; conditions: readonly AlignCondition[]; facts: AlignFacts }): {
  version: string;
  areas: AlignmentArea[];
  findings: AlignmentFinding[];
} {
  const active = input.goals.filter((g) => g.status === 'active');
  const areas: AlignmentArea[] = LIFE_AREAS.map((lifeArea) => ({
    lifeArea,
    goals: {
      participant: active.filter((g) => g.lifeArea === lifeArea && g.owner === 'participant').map((g) => g.id),
      provider: active.filter((g) => g.lifeArea === lifeArea && g.owner === 'provider').map((g) => g.id),
      mandate: active.filter((g) => g.lifeArea === lifeArea && g.owner === 'mandate').map((g) => g.id),
    },
    conditionIds: input.conditions.filter((c) => CONDITION_AREAS[c.kind] === lifeArea).map((c) => c.id),
  })).filter((a) => a.goals.participant.length + a.goals.provider.length + a.goals.mandate.length + a.conditionIds.length > 0);

  const findings: AlignmentFinding[] = [];
  const substanceGoals = active.filter((g) => g.lifeArea === 'substance_use');
  const abstinenceConditions = input.conditions.filter((c) => c.kind === 'abstinence');
  const days = input.facts.daysWithoutUse;
  const notYet = days === null || days < PROXIMAL_ABSTINENCE_DAYS;

  // The mandate expects abstinence now; the participant's own goal for the same substances is less.
  const mandateAbstinence = [
    ...abstinenceConditions.map((c) => ({ id: c.id, substances: c.substances, condition: true })),
    ...substanceGoals
      // A mandate goal of abstinence already classed distal no longer expects it now; a condition still does.
      .filter((g) => g.owner === 'mandate' && g.spectrum === 'abstinence' && g.difficulty === 'proximal')
      .map((g) => ({ id: g.id, substances: g.substances, condition: false })),
  ];
  for (const goal of substanceGoals.filter(
    (g) => g.owner === 'participant' && (g.spectrum === 'safer_practices' || g.spectrum === 'risk_reduction'),
  )) {
    const expects = mandateAbstinence.filter((m) => substancesOverlap(m.substances, goal.substances));
    if (expects.length === 0) continue;
    const goalIds = [goal.id, ...expects.filter((m) => !m.condition).map((m) => m.id)];
    const conditionIds = expects.filter((m) => m.condition).map((m) => m.id);
    findings.push({
      key: keyOf('mandate_abstinence_participant_reduction', [...goalIds, ...conditionIds]),
      rule: 'mandate_abstinence_participant_reduction',
      lifeArea: 'substance_use',
      goalIds,
      conditionIds,
      courtRelevant: true,
      suggestions: ['reclassify_distal_with_proximal_step', 'set_interim_target', 'add_safer_use_goal'],
    });
  }

  // Abstinence classed proximal before the participant has had 30 days without use.
  if (notYet) {
    for (const goal of substanceGoals.filter((g) => g.spectrum === 'abstinence' && g.difficulty === 'proximal')) {
      findings.push({
        key: keyOf('abstinence_proximal_too_early', [goal.id]),
        rule: 'abstinence_proximal_too_early',
        lifeArea: 'substance_use',
        goalIds: [goal.id],
        conditionIds: [],
        courtRelevant: true,
        daysWithoutUse: days,
        suggestions: ['reclassify_distal_with_proximal_step', 'set_interim_target'],
      });
    }
  }

  // Sanctions attached to abstinence while abstinence is a distal goal: distal goals get service adjustments.
  const distalAbstinence = substanceGoals.filter((g) => g.spectrum === 'abstinence' && g.difficulty === 'distal');
  for (const condition of abstinenceConditions.filter((c) => c.sanctioned)) {
    const goals = distalAbstinence.filter((g) => substancesOverlap(g.substances, condition.substances));
    if (goals.length === 0) continue;
    findings.push({
      key: keyOf('sanction_on_distal_goal', [condition.id, ...goals.map((g) => g.id)]),
      rule: 'sanction_on_distal_goal',
      lifeArea: 'substance_use',
      goalIds: goals.map((g) => g.id),
      conditionIds: [condition.id],
      courtRelevant: true,
      suggestions: ['respond_with_service_adjustment'],
    });
  }

  // Abstinence expected, use in the last 30 days (or nothing known), and no goal for safer practices.
  const expectsAbstinence = mandateAbstinence.length > 0 || substanceGoals.some((g) => g.spectrum === 'abstinence');
  if (expectsAbstinence && notYet && !substanceGoals.some((g) => g.spectrum === 'safer_practices')) {
    const ids = [
      ...substanceGoals.filter((g) => g.spectrum === 'abstinence').map((g) => g.id),
      ...abstinenceConditions.map((c) => c.id),
    ];
    findings.push({
      key: keyOf('no_safer_use_goal', ids),
      rule: 'no_safer_use_goal',
      lifeArea: 'substance_use',
      goalIds: substanceGoals.filter((g) => g.spectrum === 'abstinence').map((g) => g.id),
      conditionIds: abstinenceConditions.map((c) => c.id),
      courtRelevant: false,
      daysWithoutUse: days,
      suggestions: ['add_safer_use_goal'],
    });
  }

  // Others have goals in an area where the participant has named none of their own.
  for (const area of areas) {
    if (area.goals.participant.length > 0) continue;
    const others = [...area.goals.mandate, ...area.goals.provider];
    if (others.length === 0) continue;
    findings.push({
      key: keyOf('no_participant_goal_in_area', [area.lifeArea, ...others]),
      rule: 'no_participant_goal_in_area',
      lifeArea: area.lifeArea,
      goalIds: others,
      conditionIds: [],
      courtRelevant: false,
      suggestions: ['ask_participant_goal'],
    });
  }

  return { version: ALIGNMENT_RULES_VERSION, areas, findings };
}
