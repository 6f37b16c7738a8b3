import { AppError } from '../../platform/http/errors.js';
import type { TokenScope } from '../auth/auth.schema.js';
import type { OrganizationKind } from '../organizations/organizations.schema.js';
import type { Locale, Role } from '../users/users.schema.js';

/** One role the actor holds in one organization. */
export type ActorMembership = {
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  role: Role;
};

/** A signed-in person. */
export type UserActor = {
  kind: 'user';
  userId: string;
  email: string;
  displayName: string;
  memberships: ActorMembership[];
};

/** An integration acting through an API token on behalf of one organization. */
export type TokenActor = {
  kind: 'token';
  tokenId: string;
  name: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  scopes: TokenScope[];
};

export type Actor = UserActor | TokenActor;

/** Why data is being read; the consent rules will match it against each consent's purposes. */
export type Purpose =
  | 'treatment'
  | 'payment'
  | 'operations'
  | 'court_monitoring'
  | 'supervision'
  | 'legal_representation'
  /** Use in civil, criminal, administrative or legislative proceedings against the participant (R6). */
  | 'legal_proceedings'
  | 'evaluation';

/**
 * Everything the access layer needs to decide what a request may see and to audit it. No function
 * that reads participant data can be called without one.
 */
export type AccessContext = {
  actor: Actor;
  purpose: Purpose;
  locale: Locale;
  request: { id: string; ip: string | null; userAgent: string | null };
  /** Set only by a benchmark's app (`buildApp({ consentEnforcement })`): consent decisions are skipped. */
  consentEnforcement?: 'bypass_for_benchmark';
};

/** The organization an audit entry is filed under: the token's, or the user's first. */
export function actorOrganizationId(actor: Actor): string | null {
  return actor.kind === 'token' ? actor.organizationId : (actor.memberships[0]?.organizationId ?? null);
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'token' ? `token:${actor.name}` : actor.email;
}

/** The purpose that fits the actor's roles; court and partner staff read for different reasons. */
export function purposeFor(actor: Actor): Purpose {
  if (actor.kind === 'token') return 'operations';
  const roles = new Set(actor.memberships.map((m) => m.role));
  if (roles.has('treatment_provider') || roles.has('peer_specialist') || roles.has('case_manager')) return 'treatment';
  // The prosecutor holding the charges monitors progress with the court (§2.35); the defense represents.
  if (roles.has('judge') || roles.has('coordinator') || roles.has('prosecutor')) return 'court_monitoring';
  if (roles.has('probation_officer')) return 'supervision';
  if (roles.has('defense_attorney')) return 'legal_representation';
  if (roles.has('evaluator')) return 'evaluation';
  return 'operations';
}

/** Roles of the parties to proceedings about a participant, who may read records for use in them (R6). */
const PROCEEDINGS_ROLES: readonly Role[] = ['judge', 'prosecutor', 'defense_attorney'];
const PROCEEDINGS_ORGANIZATIONS: readonly OrganizationKind[] = ['court', 'prosecution', 'defense'];

/**
 * The context of a read for use in legal proceedings (R6): for a judge, prosecutor or defense attorney
 * only; anyone else is refused (403: it depends on their roles, not on any participant). Whether a
 * treatment record is released under this purpose is the disclosure decision's: only a recorded Part 2
 * court order or a legal-proceedings consent releases it.
 */
export function legalProceedingsContext(ctx: AccessContext): AccessContext {
  const party =
    ctx.actor.kind === 'user' &&
    ctx.actor.memberships.some(
      (m) => PROCEEDINGS_ROLES.includes(m.role) && PROCEEDINGS_ORGANIZATIONS.includes(m.organizationKind),
    );
  if (!party) throw new AppError('forbidden', 'errors.legal_proceedings_role');
  return { ...ctx, purpose: 'legal_proceedings' };
}
