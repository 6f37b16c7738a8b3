import { z } from 'zod';
import type { TeamRole } from '../participants/participants.schema.js';
import { TEST_OUTCOMES } from './interpret-test.js';
import { ZAnalyteCode, ZSpecimenType, ZSubstanceGroup } from './substances.js';

/** Case roles that collect tests and record their results. */
export const TESTING_ROLES: readonly TeamRole[] = ['treatment_provider', 'case_manager', 'probation_officer', 'coordinator'];
/** Case roles that may open a dispute for the participant (their defense attorney among them). */
export const DISPUTE_ROLES: readonly TeamRole[] = [...TESTING_ROLES, 'defense_attorney', 'peer_specialist'];
/** Case roles that hear and record a participant's own report of use. */
export const USE_REPORT_ROLES: readonly TeamRole[] = [
  'treatment_provider',
  'case_manager',
  'peer_specialist',
  'probation_officer',
  'coordinator',
  'judge',
];

export const TESTING_METHODS = ['random', 'group'] as const;
export const TEST_REASONS = ['random', 'for_cause', 'scheduled', 'intake'] as const;
export const COLLECTION_STATUSES = ['scheduled', 'collected', 'missed', 'unable_to_provide', 'refused'] as const;
export const REPORTED_VALIDITIES = ['valid', 'dilute', 'substituted', 'adulterated', 'invalid'] as const;
export const RESULT_STAGES = ['screen', 'confirmation'] as const;
export const ANALYTE_RESULTS = ['positive', 'negative', 'inconclusive'] as const;
export const RESULT_STATUSES = ['final', 'corrected', 'preliminary', 'manual'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export const TEST_REVIEW_KINDS = ['dispute', 'carry_over'] as const;
/** How a review closed: a dispute upheld (the result stands) or not; a carry-over found to be new use or not. */
export const REVIEW_FINDINGS = ['result_stands', 'result_overturned', 'new_use', 'carry_over'] as const;

/** Hours from notice to the report-by deadline, per specimen (All Rise: urine 8 h, oral fluid 4 h). */
export const REPORT_WITHIN_HOURS: Record<z.infer<typeof ZSpecimenType>, number> = {
  urine: 8,
  oral_fluid: 4,
  breath: 4,
  sweat_patch: 24,
  continuous_alcohol_monitor: 24,
  blood: 8,
  hair: 24,
};

const ZInstant = z.iso.datetime({ offset: true });
const ZLocalDate = z.iso.date();
const measured = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();

export const ZTestOutcome = z.enum(TEST_OUTCOMES);
export const ZCollectionStatus = z.enum(COLLECTION_STATUSES);

/** A test asked for outside the random draw (for cause, at intake), or a scheduled one entered by hand. */
export const ZTestCreate = z.object({
  enrollmentId: z.uuid(),
  reason: z.enum(TEST_REASONS).default('for_cause'),
  specimenType: ZSpecimenType.default('urine'),
  /** When the participant was told; now when omitted. */
  notifiedAt: ZInstant.optional(),
  /** The organization that collects (the caller's when omitted). */
  collectorOrgId: z.uuid().optional(),
  accessionId: z.string().trim().min(1).max(80).optional(),
  labId: z.uuid().optional(),
});

/** What happened at collection, and the specimen's validity readings. */
export const ZCollection = z
  .object({
    collection: z.enum(['collected', 'missed', 'unable_to_provide', 'refused']),
    collectedAt: ZInstant.optional(),
    collector: z.string().trim().max(200).optional(),
    observed: z.boolean().optional(),
    observedBy: z.string().trim().max(200).optional(),
    temperatureC: measured(20, 45),
    creatinineMgDl: measured(0, 1000),
    specificGravity: measured(0.99, 1.1),
    ph: measured(0, 14),
    adulterantDetected: z.boolean().nullable().optional(),
    reportedValidity: z.enum(REPORTED_VALIDITIES).nullable().optional(),
    chainOfCustodyId: z.string().trim().max(80).optional(),
    accessionId: z.string().trim().min(1).max(80).optional(),
  })
  .refine((c) => c.collection !== 'collected' || c.observed !== undefined, {
    message: 'Say whether the collection was observed.',
    path: ['observed'],
  });
export type Collection = z.infer<typeof ZCollection>;

export const ZResultInput = z.object({
  analyte: ZAnalyteCode,
  stage: z.enum(RESULT_STAGES),
  result: z.enum(ANALYTE_RESULTS),
  value: z.number().min(0).max(1_000_000).nullable().optional(),
  unit: z.string().trim().max(20).nullable().optional(),
  cutoff: z.number().min(0).max(1_000_000).nullable().optional(),
  method: z.string().trim().max(80).nullable().optional(),
});
export type ResultInput = z.infer<typeof ZResultInput>;

export const ZResultsCreate = z.object({ results: z.array(ZResultInput).min(1).max(60) });

export const ZReviewCreate = z.object({
  kind: z.enum(TEST_REVIEW_KINDS),
  /** For a dispute: the participant's account, in their words. */
  statement: z.string().trim().max(4000).optional(),
  /** Ask the lab to confirm the screen (a dispute always asks). */
  requestConfirmation: z.boolean().default(true),
});

export const ZReviewClose = z.object({
  finding: z.enum(REVIEW_FINDINGS),
  note: z.string().trim().max(4000).optional(),
});

export const ZUseReportCreate = z.object({
  enrollmentId: z.uuid(),
  substanceGroups: z.array(ZSubstanceGroup).min(1).max(10),
  usedFrom: ZLocalDate,
  usedTo: ZLocalDate.nullable().default(null),
  statement: z.string().trim().max(4000).default(''),
  occurredAt: ZInstant.optional(),
});

export const ZTestingPlanCreate = z.object({
  enrollmentId: z.uuid(),
  method: z.enum(TESTING_METHODS),
  groupId: z.uuid().nullable().default(null),
  testsPerWeek: z.number().min(0.25).max(7).nullable().default(null),
  specimenType: ZSpecimenType.default('urine'),
  collectorOrgId: z.uuid(),
  startsOn: ZLocalDate,
});

const ZPlan = z.object({
  id: z.uuid(),
  method: z.enum(TESTING_METHODS),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  testsPerWeek: z.number().nullable(),
  specimenType: ZSpecimenType,
  collectorOrgId: z.uuid(),
  collectorName: z.string(),
  startsOn: ZLocalDate,
});

export const ZTestingPlans = z.object({
  items: z.array(
    z.object({
      enrollmentId: z.uuid(),
      /** The frequency of the participant's phase, which a plan without its own follows. */
      phaseTestsPerWeek: z.number().nullable(),
      /** The plan in effect today (the court's day), if any. */
      plan: ZPlan.nullable(),
      /** A plan set to start later, if any. */
      next: ZPlan.nullable(),
    }),
  ),
});

export const ZTestingGroupCreate = z.object({
  name: z.string().trim().min(1).max(60),
  testsPerWeek: z.number().min(0.25).max(7).default(2),
});

const ZHours = z
  .number({ error: 'Give the hours as a number.' })
  .min(1, { error: 'A deadline is at least 1 hour after notice.' })
  .max(72, { error: 'A deadline is at most 72 hours after notice.' });

/** A court's report-by deadlines, hours after notice, for the specimens it sets; the rest keep the standards' defaults. */
export const ZTestingSettingsUpdate = z.object({
  reportWithinHours: z.partialRecord(ZSpecimenType, ZHours),
});

export const ZTestingSettings = z.object({
  courtId: z.uuid(),
  /** Every specimen's deadline as it applies now. */
  reportWithinHours: z.record(ZSpecimenType, z.number()),
  /** The standards' defaults, to show beside them. */
  defaults: z.record(ZSpecimenType, z.number()),
  updatedAt: ZInstant.nullable(),
  updatedByName: z.string().nullable(),
});

export const ZHolidayCreate = z.object({ on: ZLocalDate, name: z.string().trim().min(1).max(120) });

const ZFinding = z.object({
  analyte: z.string(),
  group: ZSubstanceGroup,
  stage: z.enum(RESULT_STAGES),
  finding: z.enum(['negative', 'inconclusive', 'unauthorized', 'authorized']),
  presumptive: z.boolean(),
  screenOverturned: z.boolean(),
});

/** A test as a reader may see it (expected-medication flags only for the treatment team). */
export const ZTest = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  enrollmentId: z.uuid(),
  reason: z.enum(TEST_REASONS),
  specimenType: ZSpecimenType,
  notifiedAt: ZInstant.nullable(),
  reportBy: ZInstant.nullable(),
  collection: ZCollectionStatus,
  collectedAt: ZInstant.nullable(),
  observed: z.boolean().nullable(),
  accessionId: z.string().nullable(),
  outcome: ZTestOutcome,
  presumptive: z.boolean(),
  countsAsUse: z.boolean(),
  usableForResponse: z.boolean(),
  validity: z.string(),
  findings: z.array(ZFinding),
  flags: z.array(z.object({ kind: z.string() }).passthrough()),
  carryOver: z
    .object({ earlierTestId: z.string(), hoursApart: z.number(), ratio: z.number().nullable(), newUse: z.boolean().nullable() })
    .nullable(),
  results: z.array(
    z.object({
      id: z.uuid(),
      analyte: z.string(),
      group: ZSubstanceGroup,
      stage: z.enum(RESULT_STAGES),
      result: z.enum(ANALYTE_RESULTS),
      value: z.number().nullable(),
      unit: z.string().nullable(),
      cutoff: z.number().nullable(),
      reportedAt: ZInstant,
      superseded: z.boolean(),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(TEST_REVIEW_KINDS),
      statement: z.string().nullable(),
      openedAt: ZInstant,
      closedAt: ZInstant.nullable(),
      finding: z.enum(REVIEW_FINDINGS).nullable(),
    }),
  ),
  confirmationRequestedAt: ZInstant.nullable(),
  /** A confirmation asked for more than 48 hours after collection has not come back. */
  confirmationOverdue: z.boolean(),
  custodian: z.object({ id: z.uuid(), name: z.string(), part2: z.boolean() }),
  enteredAt: ZInstant,
});
export type Test = z.infer<typeof ZTest>;

const ZPerson = { testId: z.uuid(), participantId: z.uuid(), name: z.string(), caseNumber: z.string() };
export const ZTestingDashboard = z.object({
  courtId: z.uuid(),
  from: ZLocalDate,
  to: ZLocalDate,
  today: ZLocalDate,
  dueToday: z.array(
    z.object({ ...ZPerson, specimenType: ZSpecimenType, reportBy: ZInstant.nullable(), collection: ZCollectionStatus }),
  ),
  overdueResults: z.array(
    z.object({ ...ZPerson, collectedAt: ZInstant, waiting: z.enum(['result', 'confirmation']), hoursWaiting: z.number() }),
  ),
  missed: z.array(
    z.object({
      ...ZPerson,
      date: ZLocalDate,
      what: z.enum(['missed', 'refused', 'unable_to_provide', 'not_collected_by_deadline']),
    }),
  ),
  /** Participant-weeks (before the last phase) with at least two tests called, of all participant-weeks in the range. */
  compliance: z.object({
    weeks: z.number(),
    participantWeeks: z.number(),
    compliantWeeks: z.number(),
    share: z.number().nullable(),
  }),
  /** Tests called on weekends and holidays, against the share of such days in the range. */
  parity: z.object({
    tests: z.number(),
    weekendOrHolidayTests: z.number(),
    share: z.number().nullable(),
    expectedShare: z.number().nullable(),
    holidays: z.array(z.object({ on: ZLocalDate, name: z.string() })),
  }),
  redisclosureNotice: z.boolean(),
});
