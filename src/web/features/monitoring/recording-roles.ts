import type { TeamRole } from '../../../modules/participants/participants.schema';
import type { Enrollment, Participant } from '../../api/types';

/** The roles this person holds on the case now. */
export function myCaseRoles(enrollment: Enrollment, userId: string): TeamRole[] {
  return enrollment.team.filter((m) => m.userId === userId && m.endedOn === null).map((m) => m.role);
}

/**
 * The participant's cases on which this person serves in one of the roles that record a kind of
 * monitoring record (the server decides; this only keeps the web app from offering what it would refuse).
 */
export function casesWhereRecording(participant: Participant, userId: string, roles: readonly TeamRole[]): Enrollment[] {
  return participant.enrollments.filter((e) => myCaseRoles(e, userId).some((role) => roles.includes(role)));
}
