import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from './access-context.js';

/**
 * Which participants an actor may see, before consent rules narrow what they see of them:
 * - court staff see every enrollment of their court;
 * - staff of other organizations see the enrollments whose case team they serve on, and the
 *   enrollments of a court their organization partners with when the organization holds records
 *   of that participant;
 * - admins manage the deployment and evaluators see de-identified figures: neither sees anyone.
 * A participant is visible when at least one of their enrollments is.
 */
export type ParticipantScope = {
  courtIds: string[];
  teamUserId: string | null;
  teamOrgIds: string[];
  holderOrgIds: string[];
};

const NO_PARTICIPANT_ACCESS = new Set(['admin', 'evaluator']);

/** The actor's scope: a pure function of its memberships (or token). */
export function participantScopeOf(actor: Actor): ParticipantScope {
  if (actor.kind === 'token') {
    if (!actor.scopes.includes('participants:read')) return { courtIds: [], teamUserId: null, teamOrgIds: [], holderOrgIds: [] };
    return actor.organizationKind === 'court'
      ? { courtIds: [actor.organizationId], teamUserId: null, teamOrgIds: [], holderOrgIds: [] }
      : { courtIds: [], teamUserId: null, teamOrgIds: [], holderOrgIds: [actor.organizationId] };
  }
  const courtIds = new Set<string>();
  const partnerOrgIds = new Set<string>();
  const teamOrgIds = new Set<string>();
  for (const m of actor.memberships) {
    if (NO_PARTICIPANT_ACCESS.has(m.role)) continue;
    teamOrgIds.add(m.organizationId);
    if (m.organizationKind === 'court') courtIds.add(m.organizationId);
    else partnerOrgIds.add(m.organizationId);
  }
  return {
    courtIds: [...courtIds],
    teamUserId: teamOrgIds.size > 0 ? actor.userId : null,
    teamOrgIds: [...teamOrgIds],
    holderOrgIds: [...partnerOrgIds],
  };
}

export function scopeIsEmpty(scope: ParticipantScope): boolean {
  return scope.courtIds.length === 0 && scope.teamUserId === null && scope.holderOrgIds.length === 0;
}

/**
 * SQL condition over the `enrollments` table: true for the enrollments the scope may see. The
 * table is named literally (never aliased in callers), because Drizzle leaves column names
 * unqualified in single-table queries and an unqualified `id` inside the sub-selects would bind to
 * the wrong table.
 */
export function enrollmentVisibleSql(scope: ParticipantScope): SQL {
  const conditions: SQL[] = [];
  if (scope.courtIds.length > 0) conditions.push(sql`enrollments.court_id IN ${scope.courtIds}`);
  if (scope.teamUserId !== null && scope.teamOrgIds.length > 0) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM case_team_members t WHERE t.enrollment_id = enrollments.id AND t.user_id = ${scope.teamUserId} AND t.ended_on IS NULL AND t.organization_id IN ${scope.teamOrgIds})`,
    );
  }
  if (scope.holderOrgIds.length > 0) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM participant_record_holders h JOIN court_partners cp ON cp.partner_id = h.organization_id WHERE h.participant_id = enrollments.participant_id AND cp.court_id = enrollments.court_id AND h.organization_id IN ${scope.holderOrgIds})`,
    );
  }
  return conditions.length === 0 ? sql`false` : sql`(${sql.join(conditions, sql` OR `)})`;
}
