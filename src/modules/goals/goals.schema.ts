import { z } from 'zod';
import { ZLocale } from '../users/users.schema.js';
import { ALIGNMENT_RULES, RECONCILIATIONS } from './align-goals.js';
import {
  ZDifficulty,
  ZGoalOwner,
  ZGoalStatus,
  ZGoalSubstances,
  ZIndicator,
  ZLifeArea,
  ZSpectrum,
  ZStepActor,
} from './goal-kinds.js';
import { STEP_STATUSES } from './goals.tables.js';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });

export const ZGoalCreate = z.object({
  enrollmentId: z.uuid(),
  owner: ZGoalOwner,
  words: z.string().trim().min(1).max(1000),
  language: ZLocale,
  spectrum: ZSpectrum.nullable().default(null),
  substances: ZGoalSubstances.default(null),
  lifeArea: ZLifeArea,
  difficulty: ZDifficulty,
  targetOn: ZDate.nullable().default(null),
  indicators: z.array(ZIndicator).max(10).default([]),
  templateId: z.string().max(80).nullable().default(null),
});
export type GoalCreate = z.infer<typeof ZGoalCreate>;

export const ZGoalUpdate = z
  .object({
    words: z.string().trim().min(1).max(1000).optional(),
    targetOn: ZDate.nullable().optional(),
    indicators: z.array(ZIndicator).max(10).optional(),
    status: ZGoalStatus.optional(),
    /** Why the status changes (met, set aside, active again). */
    statusNote: z.string().trim().max(2000).default(''),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'statusNote'), { error: 'Change at least one thing.' });
export type GoalUpdate = z.infer<typeof ZGoalUpdate>;

export const ZReclassify = z.object({
  difficulty: ZDifficulty,
  reason: z.string().trim().min(1).max(2000),
});

export const ZProgressNote = z.object({ note: z.string().trim().min(1).max(4000) });

export const ZObservation = z.object({
  indicator: z.number().int().min(0).max(9),
  met: z.boolean(),
  observedOn: ZDate,
  note: z.string().trim().max(2000).default(''),
});

export const ZStepCreate = z.object({
  action: z.string().trim().min(1).max(1000),
  actor: ZStepActor,
  actorName: z.string().trim().max(200).default(''),
  dueOn: ZDate.nullable().default(null),
});
export type StepCreate = z.infer<typeof ZStepCreate>;

export const ZStepUpdate = z.object({ status: z.enum(STEP_STATUSES), doneOn: ZDate.nullable().default(null) });

const ZSupport = z.object({
  name: z.string().trim().min(1).max(200),
  relationship: z.string().trim().max(200).default(''),
  /** The participant agreed to this person's involvement. */
  permission: z.boolean(),
});

export const ZPlanUpdate = z.object({
  enrollmentId: z.uuid(),
  skills: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
  supports: z.array(ZSupport).max(20).default([]),
  reviewOn: ZDate.nullable().default(null),
});
export type PlanUpdate = z.infer<typeof ZPlanUpdate>;

export const ZDecisionCreate = z.object({
  enrollmentId: z.uuid(),
  findingKey: z.string().min(1).max(2000),
  rule: z.enum(ALIGNMENT_RULES),
  choice: z.enum([...RECONCILIATIONS, 'other']),
  note: z.string().trim().max(2000).default(''),
});
export type DecisionCreate = z.infer<typeof ZDecisionCreate>;

const ZIndicatorReading = z.object({
  status: z.enum(['met', 'not_met', 'no_data', 'awaiting_confirmation']),
  /** no_positive_tests: tests read, positives, positives on a screen alone. */
  tests: z.number().int().optional(),
  positives: z.number().int().optional(),
  presumptive: z.number().int().optional(),
  /** attendance_per_week: attended in the last seven days, of the count. */
  attended: z.number().int().optional(),
  count: z.number().int().optional(),
  /** observed: the day of the last observation. */
  on: ZDate.nullable().optional(),
});

export const ZGoal = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  owner: ZGoalOwner,
  words: z.string(),
  language: ZLocale,
  spectrum: ZSpectrum.nullable(),
  substances: ZGoalSubstances,
  lifeArea: ZLifeArea,
  difficulty: ZDifficulty,
  status: ZGoalStatus,
  targetOn: ZDate.nullable(),
  indicators: z.array(ZIndicator.and(z.object({ reading: ZIndicatorReading }))),
  templateId: z.string().nullable(),
  custodianName: z.string(),
  part2: z.boolean(),
  /** The reader records on it (holds it, in a role that may). */
  canEdit: z.boolean(),
  createdAt: ZInstant,
  enteredByName: z.string().nullable(),
  history: z.array(
    z.object({
      kind: z.enum(['classified', 'status', 'progress', 'observed']),
      difficulty: ZDifficulty.nullable(),
      status: ZGoalStatus.nullable(),
      note: z.string(),
      indicator: z.number().int().nullable(),
      met: z.boolean().nullable(),
      observedOn: ZDate.nullable(),
      at: ZInstant,
      byName: z.string().nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      actor: ZStepActor,
      actorName: z.string(),
      dueOn: ZDate.nullable(),
      status: z.enum(STEP_STATUSES),
      doneOn: ZDate.nullable(),
    }),
  ),
});
export type Goal = z.infer<typeof ZGoal>;

export const ZAlignment = z.object({
  version: z.string(),
  daysWithoutUse: z.number().int().nullable(),
  /** No use is known in the window read: the days are at least these (since the earliest test in it). */
  daysWithoutUseAtLeast: z.boolean(),
  areas: z.array(
    z.object({
      lifeArea: ZLifeArea,
      goals: z.object({ participant: z.array(z.uuid()), provider: z.array(z.uuid()), mandate: z.array(z.uuid()) }),
      conditionIds: z.array(z.uuid()),
    }),
  ),
  conditions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      wording: z.string(),
      sanctioned: z.boolean(),
      agreementVersion: z.number().int(),
    }),
  ),
  findings: z.array(
    z.object({
      key: z.string(),
      rule: z.enum(ALIGNMENT_RULES),
      lifeArea: ZLifeArea,
      goalIds: z.array(z.uuid()),
      conditionIds: z.array(z.uuid()),
      courtRelevant: z.boolean(),
      daysWithoutUse: z.number().int().nullable().optional(),
      suggestions: z.array(z.enum(RECONCILIATIONS)),
      decision: z
        .object({ choice: z.enum([...RECONCILIATIONS, 'other']), note: z.string(), at: ZInstant, byName: z.string().nullable() })
        .nullable(),
    }),
  ),
});

export const ZPlan = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  skills: z.array(z.string()),
  supports: z.array(ZSupport.required()),
  reviewOn: ZDate.nullable(),
  custodianName: z.string(),
  canEdit: z.boolean(),
  updatedAt: ZInstant,
});

export const ZLatestScore = z.object({
  instrument: z.string(),
  completedOn: ZDate,
  total: z.number().int().nullable(),
  band: z.string().nullable(),
  values: z.record(z.string(), z.number()),
  externalResult: z.string().nullable(),
  /** An open PHQ-9 safety prompt, shown only to the clinicians of the program that holds it. */
  safetyOpen: z.boolean(),
});

/** The participant's goals, plan and latest instrument scores: the overview of this work, as the reader may see it. */
export const ZGoalsOverview = z.object({
  participantId: z.uuid(),
  goals: z.array(ZGoal),
  alignment: ZAlignment,
  plans: z.array(ZPlan),
  latestScores: z.array(ZLatestScore),
  /** Reader may add goals of these owners (on some case they serve). */
  mayAdd: z.array(ZGoalOwner),
  redisclosureNotice: z.boolean(),
});
export type GoalsOverview = z.infer<typeof ZGoalsOverview>;
