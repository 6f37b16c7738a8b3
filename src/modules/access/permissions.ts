import type { Role } from '../users/users.schema.js';
import type { Actor } from './access-context.js';

/** Things done within one court: who may do them. */
export const COURT_ACTIONS = {
  'participant.enroll': ['coordinator'],
  'participant.edit': ['coordinator', 'case_manager'],
  'enrollment.edit': ['coordinator'],
  'enrollment.status': ['coordinator', 'judge'],
  'enrollment.phase': ['coordinator', 'judge'],
  'case_team.manage': ['coordinator'],
  'program.manage': ['coordinator'],
  /** Record consents, revocations, restriction requests and court orders (with the program's own staff). */
  'consent.manage': ['coordinator'],
  /** Testing schedules: call-in groups, participants' testing plans, the court's holidays, the daily draw. */
  'testing.manage': ['coordinator'],
  /** The court's testing dashboard. */
  'testing.monitor': ['coordinator', 'judge', 'case_manager'],
} as const satisfies Record<string, readonly Role[]>;
export type CourtAction = keyof typeof COURT_ACTIONS;

/** Court actions an integration token with `participants:write` may take for its own court. */
const TOKEN_COURT_ACTIONS: ReadonlySet<CourtAction> = new Set(['participant.enroll', 'participant.edit', 'enrollment.edit']);

/** May the actor take this action in this court? Admins manage programs of every court. */
export function canInCourt(actor: Actor, action: CourtAction, courtId: string): boolean {
  if (actor.kind === 'token') {
    return actor.organizationId === courtId && actor.scopes.includes('participants:write') && TOKEN_COURT_ACTIONS.has(action);
  }
  if (action === 'program.manage' && isAdmin(actor)) return true;
  const roles: readonly Role[] = COURT_ACTIONS[action];
  return actor.memberships.some((m) => m.organizationId === courtId && roles.includes(m.role));
}

/** Courts where the actor may take the action (for forms that offer a choice). */
export function courtsWhere(actor: Actor, action: CourtAction): string[] {
  if (actor.kind === 'token') return canInCourt(actor, action, actor.organizationId) ? [actor.organizationId] : [];
  const roles: readonly Role[] = COURT_ACTIONS[action];
  return [
    ...new Set(
      actor.memberships.filter((m) => m.organizationKind === 'court' && roles.includes(m.role)).map((m) => m.organizationId),
    ),
  ];
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.role === 'admin');
}
