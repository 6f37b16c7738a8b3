import type { CourtAction } from '../../../modules/access/permissions';
import type { Me } from '../../api/types';

export type { CourtAction };

/** Courts where the person may take the action. */
export function courtsFor(me: Me, action: CourtAction): string[] {
  return me.capabilities.courtActions[action] ?? [];
}

export function canInCourt(me: Me, action: CourtAction, courtId: string): boolean {
  if (action === 'program.manage' && me.capabilities.admin) return true;
  return courtsFor(me, action).includes(courtId);
}

export function canEnroll(me: Me): boolean {
  return courtsFor(me, 'participant.enroll').length > 0;
}

export function canManagePrograms(me: Me): boolean {
  return me.capabilities.admin || courtsFor(me, 'program.manage').length > 0;
}
