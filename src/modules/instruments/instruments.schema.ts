import { z } from 'zod';
import type { TeamRole } from '../participants/participants.schema.js';
import { ZLocale } from '../users/users.schema.js';
import { INSTRUMENT_IDS, RISK_NEED_QUADRANTS } from './instrument-catalog.js';

/** What can be recorded: an instrument Tandem scores, or a risk–need triage's result (RANT) as the tool gave it. */
export const INSTRUMENT_KINDS = [...INSTRUMENT_IDS, 'rant'] as const;
export const ZInstrumentKind = z.enum(INSTRUMENT_KINDS);
export type InstrumentKind = z.infer<typeof ZInstrumentKind>;

/** Roles that follow up a PHQ-9 safety prompt: the clinicians of the program that holds the response. */
export const CLINICAL_ROLES: readonly TeamRole[] = ['treatment_provider', 'case_manager'];

/** Who records each instrument: the clinical screens by clinicians; recovery capital and readiness by peers too; the triage by those who screen referrals. */
export const INSTRUMENT_ROLES: Record<InstrumentKind, readonly TeamRole[]> = {
  barc10: ['treatment_provider', 'case_manager', 'peer_specialist'],
  readiness_ruler: ['treatment_provider', 'case_manager', 'peer_specialist'],
  phq9: ['treatment_provider', 'case_manager'],
  gad7: ['treatment_provider', 'case_manager'],
  rant: ['coordinator', 'case_manager', 'treatment_provider', 'probation_officer'],
};

/** Who answered: the participant on their own (on a device handed to them), or staff reading the items with them. */
export const RESPONDENTS = ['participant', 'staff_read'] as const;

export const ZInstrumentResponseCreate = z
  .object({
    enrollmentId: z.uuid(),
    instrument: ZInstrumentKind,
    completedOn: z.iso.date(),
    respondent: z.enum(RESPONDENTS).default('participant'),
    language: ZLocale,
    /** Each item's answer, by item id. */
    answers: z.record(z.string().max(40), z.number().int().min(0).max(10)).default({}),
    /** A RANT quadrant. */
    externalResult: z.enum(RISK_NEED_QUADRANTS).nullable().default(null),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((v) => v.instrument !== 'rant' || v.externalResult !== null, {
    path: ['externalResult'],
    error: 'Give the quadrant the triage tool reported.',
  });
export type InstrumentResponseCreate = z.infer<typeof ZInstrumentResponseCreate>;

export const ZSafetyFollowUp = z.object({ note: z.string().trim().min(1).max(2000) });

export const ZInstrumentResponse = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  instrument: ZInstrumentKind,
  version: z.string(),
  completedOn: z.iso.date(),
  respondent: z.enum(RESPONDENTS),
  language: ZLocale,
  total: z.number().int().nullable(),
  band: z.string().nullable(),
  values: z.record(z.string(), z.number()),
  externalResult: z.enum(RISK_NEED_QUADRANTS).nullable(),
  note: z.string(),
  /**
   * The PHQ-9 item-9 safety prompt, for the clinicians of the program that holds the response:
   * open until one of them records the follow-up. Null for every other reader.
   */
  safety: z
    .object({
      status: z.enum(['open', 'followed_up']),
      followedUpByName: z.string().nullable(),
      followedUpAt: z.iso.datetime({ offset: true }).nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  custodianName: z.string(),
  part2: z.boolean(),
  enteredByName: z.string().nullable(),
});
export type InstrumentResponse = z.infer<typeof ZInstrumentResponse>;
