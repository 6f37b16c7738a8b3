import { z } from 'zod';
import { ZAttendanceKind } from '../attendance/attendance.schema.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { ZSubstanceGroup } from '../testing/substances.js';

/*
 * What a goal is made of: whose goal it is, where it sits on the harm-reduction spectrum, the life
 * area it belongs to, how hard it is for this participant now (proximal or distal), and how progress
 * toward it is measured.
 */

/** Whose goal: the participant's own, the treatment provider's, or the mandating entity's (the court, probation). */
export const GOAL_OWNERS = ['participant', 'provider', 'mandate'] as const;
export const ZGoalOwner = z.enum(GOAL_OWNERS);
export type GoalOwner = z.infer<typeof ZGoalOwner>;

/** The harm-reduction spectrum, from safer practices through reduction of risk to abstinence. */
export const SPECTRUM = ['safer_practices', 'risk_reduction', 'abstinence'] as const;
export const ZSpectrum = z.enum(SPECTRUM);
export type Spectrum = z.infer<typeof ZSpectrum>;

export const LIFE_AREAS = [
  'substance_use',
  'health',
  'housing',
  'employment_education',
  'family',
  'legal',
  'recovery_capital',
] as const;
export const ZLifeArea = z.enum(LIFE_AREAS);
export type LifeArea = z.infer<typeof ZLifeArea>;

/**
 * Proximal: what the participant can already do (attending, honesty, showing up for a test) —
 * incentives and sanctions apply. Distal: what is still too hard for them now (very often abstinence
 * early on) — answered with service adjustments, not sanctions.
 */
export const DIFFICULTIES = ['proximal', 'distal'] as const;
export const ZDifficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof ZDifficulty>;

export const GOAL_STATUSES = ['active', 'met', 'set_aside'] as const;
export const ZGoalStatus = z.enum(GOAL_STATUSES);
export type GoalStatus = z.infer<typeof ZGoalStatus>;

/** The substances a goal is about: all of them, some groups, or none named (substance use in general, or a behavior). */
export const ZGoalSubstances = z.union([z.literal('all'), z.array(ZSubstanceGroup).min(1).max(20)]).nullable();
export type GoalSubstances = z.infer<typeof ZGoalSubstances>;

const ZLabel = z
  .object({ en: z.string().trim().max(200).optional(), es: z.string().trim().max(200).optional() })
  .refine((w) => Boolean(w.en || w.es), { error: 'Describe the indicator in at least one language.' });

/**
 * A measurable indicator of progress. Two are read from monitoring — no unauthorized positive test
 * for some substances over a span of days, and attendance a week — and one is observed and recorded
 * by the team (e.g. "carries naloxone").
 */
export const ZIndicator = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('no_positive_tests'),
    substances: z.union([z.literal('all'), z.array(ZSubstanceGroup).min(1).max(20)]),
    days: z.number().int().min(1).max(365),
  }),
  z.object({
    kind: z.literal('attendance_per_week'),
    count: z.number().int().min(1).max(21),
    eventKinds: z.union([z.literal('all'), z.array(ZAttendanceKind).min(1)]),
  }),
  z.object({ kind: z.literal('observed'), label: ZLabel }),
]);
export type Indicator = z.infer<typeof ZIndicator>;

/**
 * Who records goals of each owner: the mandate's are the court's and probation's; the others, the
 * treatment team's — held by a treatment or partner organization, never by the court itself
 * (`treatmentSide`), so that what the program makes stays under the program's consent rules.
 */
export const GOAL_ROLES: Record<GoalOwner, readonly TeamRole[]> = {
  mandate: ['coordinator', 'judge', 'probation_officer'],
  provider: ['treatment_provider', 'case_manager'],
  participant: ['treatment_provider', 'case_manager', 'peer_specialist'],
};

/** Who takes a step of the plan. */
export const STEP_ACTORS = ['participant', 'counselor', 'case_manager', 'peer', 'natural_support'] as const;
export const ZStepActor = z.enum(STEP_ACTORS);
export type StepActor = z.infer<typeof ZStepActor>;

/** A role held for an organization other than the court of the case: the treatment side of the team. */
export const treatmentSide = (courtId: string) => (role: { organizationId: string }) => role.organizationId !== courtId;
