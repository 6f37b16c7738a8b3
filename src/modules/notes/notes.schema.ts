import { z } from 'zod';
import type { TeamRole } from '../participants/participants.schema.js';

/** Progress (clinical) notes and SUD counseling notes, which are kept apart and shared under their own consent only. */
export const NOTE_KINDS = ['clinical', 'counseling'] as const;
export const ZNoteKind = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof ZNoteKind>;

/** Team roles that keep notes: clinical notes by the treatment team; counseling notes by counselors only. */
export const NOTE_ROLES: Record<NoteKind, readonly TeamRole[]> = {
  clinical: ['treatment_provider', 'case_manager', 'peer_specialist'],
  counseling: ['treatment_provider'],
};

export const ZNoteCreate = z.object({
  kind: ZNoteKind.default('clinical'),
  body: z.string().trim().min(1).max(20_000),
  /** When the session or conversation took place; now when omitted. Not in the future. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type NoteCreate = z.infer<typeof ZNoteCreate>;
