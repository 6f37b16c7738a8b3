import { z } from 'zod';
import type { TeamRole } from '../participants/participants.schema.js';
import type { DataClass } from '../records/data-classes.js';
import { ZSubstanceGroup } from '../testing/substances.js';
import { ZMedication } from './medication-catalog.js';

/** Case roles that record prescriptions and continuity events. */
export const MEDICATION_ROLES: readonly TeamRole[] = ['treatment_provider', 'case_manager', 'probation_officer', 'coordinator'];
/** Case roles that keep dosing records: the treatment program's. */
export const DOSING_ROLES: readonly TeamRole[] = ['treatment_provider', 'case_manager'];

export const DOSE_STATUSES = ['taken', 'missed', 'held'] as const;
export const ZDoseStatus = z.enum(DOSE_STATUSES);

/** Events that put medication continuity at risk. */
export const CONTINUITY_EVENT_KINDS = [
  'custody_admission',
  'custody_release',
  'residential_discharge',
  'hospital_discharge',
  'withdrawal_management_discharge',
] as const;
export const ZContinuityEventKind = z.enum(CONTINUITY_EVENT_KINDS);
export type ContinuityEventKind = z.infer<typeof ZContinuityEventKind>;

/**
 * The class of a continuity event's record: custody is the participant's status in the program (the
 * court's record when the court makes it); a discharge ends treatment attendance.
 */
export const CONTINUITY_EVENT_CLASS: Record<ContinuityEventKind, DataClass> = {
  custody_admission: 'program_status',
  custody_release: 'program_status',
  residential_discharge: 'attendance',
  hospital_discharge: 'attendance',
  withdrawal_management_discharge: 'attendance',
};

const ZLocalDate = z.iso.date();

export const ZPrescriptionCreate = z
  .object({
    enrollmentId: z.uuid(),
    medication: ZMedication,
    productName: z.string().trim().max(200).default(''),
    dose: z.string().trim().max(200).default(''),
    covers: z.array(ZSubstanceGroup).max(10).default([]),
    prescriber: z.string().trim().min(2).max(200),
    dispenser: z.string().trim().max(200).default(''),
    startedOn: ZLocalDate,
    endedOn: ZLocalDate.nullable().default(null),
    stopReason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((p) => p.endedOn === null || p.endedOn >= p.startedOn, {
    message: 'The end date is before the start date.',
    path: ['endedOn'],
  });
export type PrescriptionCreate = z.infer<typeof ZPrescriptionCreate>;

/** Ending a prescription (the prescriber's decision, recorded), or correcting its details. */
export const ZPrescriptionUpdate = z
  .object({
    productName: z.string().trim().max(200),
    dose: z.string().trim().max(200),
    covers: z.array(ZSubstanceGroup).max(10),
    prescriber: z.string().trim().min(2).max(200),
    dispenser: z.string().trim().max(200),
    endedOn: ZLocalDate.nullable(),
    stopReason: z.string().trim().max(500).nullable(),
  })
  .partial();
export type PrescriptionUpdate = z.infer<typeof ZPrescriptionUpdate>;

export const ZDoseCreate = z.object({
  dueOn: ZLocalDate,
  status: ZDoseStatus,
  note: z.string().trim().max(1000).nullable().default(null),
});

export const ZContinuityEventCreate = z.object({
  enrollmentId: z.uuid(),
  kind: ZContinuityEventKind,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  expectedDays: z.number().int().min(0).max(3650).nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
});

export const ZPrescription = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  enrollmentId: z.uuid(),
  medication: ZMedication,
  moud: z.boolean(),
  /** `moud_only`: the reader is shared only that the participant receives MOUD, and since when. */
  detail: z.enum(['full', 'moud_only']),
  productName: z.string(),
  dose: z.string(),
  covers: z.array(ZSubstanceGroup),
  prescriber: z.string(),
  dispenser: z.string(),
  startedOn: ZLocalDate,
  endedOn: ZLocalDate.nullable(),
  stopReason: z.string().nullable(),
  custodian: z.object({ id: z.uuid(), name: z.string(), part2: z.boolean() }),
  enteredAt: z.iso.datetime({ offset: true }),
  enteredByName: z.string().nullable(),
});
export type Prescription = z.infer<typeof ZPrescription>;

/** An alert to the treatment team that MOUD continuity is at risk. */
export const ZContinuityAlert = z.object({
  kind: z.enum(['missed_doses', ...CONTINUITY_EVENT_KINDS]),
  prescriptionId: z.uuid(),
  medication: ZMedication,
  since: z.iso.datetime({ offset: true }),
  /** Consecutive missed doses, for `missed_doses`. */
  count: z.number().int().nullable(),
});
export type ContinuityAlert = z.infer<typeof ZContinuityAlert>;
