import { z } from 'zod';

/**
 * Every participant-level record has one data class. Consents name classes they allow or exclude,
 * so the catalog grows with each module (test results, attendance, clinical notes…); the core knows
 * these.
 */
export const DATA_CLASSES = [
  /** Name, date of birth, contact, demographics. */
  'identity',
  /** The enrollment itself: program, case number, referral. */
  'enrollment',
  /** Status changes (active, graduated, discharged…). */
  'program_status',
  /** Phase placement and its history. */
  'phase_progress',
  /** Who serves the participant. */
  'case_team',
  // Classes of records the treatment program makes (42 CFR Part 2 when it is a Part 2 program);
  // the consent rules name them, the monitoring and goals modules write them.
  /** Attendance at treatment sessions. */
  'attendance',
  /** Drug and alcohol test results. */
  'test_result',
  /** Use the participant reported themself: its own fact, never a test result. */
  'use_report',
  /** Whether the participant receives medication for opioid use disorder (yes/no). */
  'moud_enrollment',
  /** Prescriptions and dosing. */
  'medication',
  /** Treatment plan and goals made by the provider. */
  'treatment_plan',
  /** Progress and clinical notes. */
  'clinical_note',
  /** Diagnoses and assessments. */
  'diagnosis',
  /** SUD counseling notes (psychotherapy-style notes kept apart): only ever under their own consent. */
  'counseling_note',
] as const;
export const ZDataClass = z.enum(DATA_CLASSES);
export type DataClass = z.infer<typeof ZDataClass>;

/** Classes of records a treatment program makes: the ones consents name when they share treatment information. */
export const TREATMENT_CLASSES = [
  'attendance',
  'test_result',
  'use_report',
  'moud_enrollment',
  'medication',
  'treatment_plan',
  'clinical_note',
  'diagnosis',
  'counseling_note',
] as const satisfies readonly DataClass[];
