import { z } from 'zod';
import { ZAttendanceKind, ZAttendanceOutcome } from '../attendance/attendance.schema.js';
import { ZMedication } from '../medications/medication-catalog.js';
import { ZContinuityEventKind, ZDoseStatus } from '../medications/medications.schema.js';
import { ZEnrollmentStatus, ZTeamRole } from '../participants/participants.schema.js';
import { ZDataClass } from '../records/data-classes.js';
import { ZSpecimenType, ZSubstanceGroup } from '../testing/substances.js';
import { TEST_REASONS, ZCollectionStatus, ZTestOutcome } from '../testing/testing.schema.js';
import { ZLocale } from '../users/users.schema.js';

/** What one timeline entry says, by the kind of record it comes from. */
export const ZTimelineDetail = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    fromStatus: ZEnrollmentStatus.nullable(),
    toStatus: ZEnrollmentStatus,
    effectiveOn: z.iso.date(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('phase'),
    phaseName: z.string(),
    position: z.number().int(),
    startedOn: z.iso.date(),
    endedOn: z.iso.date().nullable(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('team'),
    memberName: z.string(),
    role: ZTeamRole,
    assignedOn: z.iso.date(),
    endedOn: z.iso.date().nullable(),
  }),
  z.object({ kind: z.literal('note'), body: z.string() }),
  z.object({
    kind: z.literal('test'),
    reason: z.enum(TEST_REASONS),
    specimenType: ZSpecimenType,
    collection: ZCollectionStatus,
    collectedAt: z.iso.datetime({ offset: true }).nullable(),
    /** The interpretation this reader is shown (from what they may see). */
    outcome: ZTestOutcome,
    presumptive: z.boolean(),
    /** Substances found, with how each reads: unauthorized, or accounted for by a prescription the reader may see. */
    positives: z.array(
      z.object({ analyte: z.string(), finding: z.enum(['unauthorized', 'authorized']), presumptive: z.boolean() }),
    ),
    flags: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('attendance'),
    attendanceKind: ZAttendanceKind,
    title: z.string(),
    outcome: ZAttendanceOutcome,
    selfReported: z.boolean(),
    verified: z.boolean(),
  }),
  z.object({
    kind: z.literal('prescription'),
    medication: ZMedication,
    moud: z.boolean(),
    productName: z.string(),
    dose: z.string(),
    prescriber: z.string(),
    startedOn: z.iso.date(),
    endedOn: z.iso.date().nullable(),
    stopReason: z.string().nullable(),
  }),
  /** A MOUD prescription as "receives MOUD" only, for readers a consent shares no more with. */
  z.object({ kind: z.literal('moud'), medication: ZMedication, startedOn: z.iso.date(), endedOn: z.iso.date().nullable() }),
  z.object({
    kind: z.literal('use_report'),
    substanceGroups: z.array(ZSubstanceGroup),
    usedFrom: z.iso.date(),
    usedTo: z.iso.date().nullable(),
    statement: z.string(),
  }),
  z.object({ kind: z.literal('continuity'), eventKind: ZContinuityEventKind, note: z.string().nullable() }),
  z.object({
    kind: z.literal('dose'),
    medication: ZMedication,
    dueOn: z.iso.date(),
    status: ZDoseStatus,
    note: z.string().nullable(),
  }),
]);
export type TimelineDetail = z.infer<typeof ZTimelineDetail>;

export const ZTimelineEntry = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  dataClass: ZDataClass,
  occurredAt: z.iso.datetime({ offset: true }),
  enteredAt: z.iso.datetime({ offset: true }),
  enteredByName: z.string().nullable(),
  /** Who made the record, and whether 42 CFR Part 2 protects it. */
  custodian: z.object({ id: z.uuid(), name: z.string(), part2: z.boolean() }),
  detail: ZTimelineDetail,
});
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZTimelineQuery = z.object({
  /** Only these data classes (comma-separated or repeated). */
  classes: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(ZDataClass).max(20))
    .optional(),
  /** Entries that happened before this instant. */
  before: z.iso.datetime({ offset: true }).optional(),
  /** The entries after this point of the order: the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d+_\d+_[0-9a-f-]{36}$/, { error: 'This page link is not valid; start again from the newest records.' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /**
   * Read for use in legal proceedings against the participant (R6): judges, prosecutors and defense
   * attorneys only; treatment records come only under a recorded Part 2 court order or a
   * legal-proceedings consent. Without it, the reader's roles give the purpose.
   */
  purpose: z.enum(['legal_proceedings'], { error: 'The only purpose that can be asked for is legal_proceedings.' }).optional(),
});
export type TimelineQuery = z.infer<typeof ZTimelineQuery>;

/** The timeline's filters, for a file: every record in range, not one page. */
export const ZTimelineExportQuery = ZTimelineQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['pdf', 'csv'], { error: 'Choose the export format: pdf or csv.' }).default('pdf'),
  /** The document's language; the caller's by default. */
  lang: ZLocale.optional(),
});
export type TimelineExportQuery = z.infer<typeof ZTimelineExportQuery>;

export const ZTimeline = z.object({
  participantId: z.uuid(),
  entries: z.array(ZTimelineEntry),
  /** More entries exist before the last one shown. */
  more: z.boolean(),
  /** Ask with this `cursor` for the next page, when there is more. */
  nextCursor: z.string().nullable(),
  /**
   * Classes of treatment records the caller does not receive for this participant, from the consents'
   * scope alone — never from what exists. The screen shows one placeholder for them.
   */
  withheld: z.array(ZDataClass),
  /** Some entries are Part 2 records disclosed under consent: the §2.32 notice applies to them. */
  redisclosureNotice: z.boolean(),
});
export type Timeline = z.infer<typeof ZTimeline>;
