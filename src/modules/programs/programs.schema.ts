import { z } from 'zod';

export const PROGRAM_TRACKS = [
  'adult_drug',
  'dwi',
  'veterans',
  'reentry',
  'family',
  'juvenile',
  'mental_health',
  'other',
] as const;
export const ZProgramTrack = z.enum(PROGRAM_TRACKS);

export const ZPhase = z.object({
  id: z.uuid(),
  position: z.number().int().min(1),
  name: z.string(),
  /** Expected minimum length in days. */
  minDays: z.number().int().min(0),
  advancementCriteria: z.string(),
  /** Drug and alcohol tests a week for participants in the phase (All Rise: at least 2 until the last phase). */
  testsPerWeek: z.number(),
});
export type Phase = z.infer<typeof ZPhase>;

export const ZProgram = z.object({
  id: z.uuid(),
  courtId: z.uuid(),
  courtName: z.string(),
  name: z.string(),
  track: ZProgramTrack,
  description: z.string(),
  active: z.boolean(),
  phases: z.array(ZPhase),
});
export type Program = z.infer<typeof ZProgram>;

export const ZPhaseInput = z.object({
  /** Present for an existing phase; absent for a new one. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(120),
  minDays: z.number().int().min(0).max(3650),
  advancementCriteria: z.string().trim().max(4000).default(''),
  testsPerWeek: z.number().min(0.25).max(7).default(2),
});

export const ZProgramCreate = z.object({
  courtId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  track: ZProgramTrack,
  description: z.string().trim().max(4000).default(''),
  /** Omitted: the default five phases drawn from the best practice standards. */
  phases: z.array(ZPhaseInput).min(1).max(12).optional(),
});

export const ZProgramUpdate = z
  .object({
    name: z.string().trim().min(2).max(200),
    track: ZProgramTrack,
    description: z.string().trim().max(4000),
    active: z.boolean(),
    /** The full ordered list of phases; phases in use by an enrollment cannot be removed. */
    phases: z.array(ZPhaseInput).min(1).max(12),
  })
  .partial();

export const ZProgramList = z.object({ items: z.array(ZProgram) });
