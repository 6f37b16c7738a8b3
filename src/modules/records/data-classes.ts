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
] as const;
export const ZDataClass = z.enum(DATA_CLASSES);
export type DataClass = z.infer<typeof ZDataClass>;
