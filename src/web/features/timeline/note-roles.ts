import { NOTE_KINDS, NOTE_ROLES, type NoteKind } from '../../../modules/notes/notes.schema';
import type { Enrollment } from '../../api/types';

/** The kinds of note this person may write on this case: none unless they serve on its team in a role that keeps them. */
export function noteKindsFor(enrollment: Enrollment, userId: string): NoteKind[] {
  const roles = enrollment.team.filter((m) => m.userId === userId && m.endedOn === null).map((m) => m.role);
  return NOTE_KINDS.filter((kind) => NOTE_ROLES[kind].some((role) => roles.includes(role)));
}
