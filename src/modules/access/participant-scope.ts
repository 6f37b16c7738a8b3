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

const NO_PARTICIPANT_ACCESS = new Set(['admin', 'evaluator', 'privacy_officer']);

/** The actor's scope: a pure function of its memberships (or token). */
export function participantScopeOf(actor: Actor): ParticipantScope {
  if (actor.kind === 'token') {
    // Writing participants implies reading them (an update must find its record first).
    const reads = actor.scopes.includes('participants:read') || actor.scopes.includes('participants:write');
    if (!reads) return { courtIds: [], teamUserId: null, teamOrgIds: [], holderOrgIds: [] };
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
 * SQL condition over the `enrollments` table: true for the enrollments the scope may see. It is an
 * `enrollments.id IN (…)` over one indexed branch per reason to see, so PostgreSQL reads only the
 * visible enrollments (an OR of the reasons would scan every enrollment of the deployment). The
 * table is named literally (callers never alias it), because Drizzle leaves column names unqualified
 * in single-table queries.
 */
export function enrollmentVisibleSql(scope: ParticipantScope): SQL {
  const branches: SQL[] = [];
  if (scope.courtIds.length > 0) branches.push(sql`SELECT e.id FROM enrollments e WHERE e.court_id IN ${scope.courtIds}`);
  if (scope.teamUserId !== null && scope.teamOrgIds.length > 0) {
    branches.push(
      // …while the member's organization still is the court or one of its partners.
      sql`SELECT t.enrollment_id FROM case_team_members t JOIN enrollments e ON e.id = t.enrollment_id
          WHERE t.user_id = ${scope.teamUserId} AND t.ended_on IS NULL AND t.organization_id IN ${scope.teamOrgIds}
            AND (t.organization_id = e.court_id
                 OR EXISTS (SELECT 1 FROM court_partners cp WHERE cp.court_id = e.court_id AND cp.partner_id = t.organization_id))`,
    );
  }
  if (scope.holderOrgIds.length > 0) {
    branches.push(
      sql`SELECT e.id FROM participant_record_holders h JOIN enrollments e ON e.participant_id = h.participant_id JOIN court_partners cp ON cp.court_id = e.court_id AND cp.partner_id = h.organization_id WHERE h.organization_id IN ${scope.holderOrgIds}`,
    );
  }
  return branches.length === 0 ? sql`false` : sql`enrollments.id = ANY (ARRAY(${sql.join(branches, sql` UNION `)}))`;
}

/**
 * The same condition for a lookup of one participant's or one enrollment's rows: an OR of the reasons
 * to see, each asked of the row in hand through its index (is this enrollment in a visible court, on
 * the actor's team, held by their organization?). Where `enrollmentVisibleSql` lists every visible
 * enrollment first — the right plan for a caseload, and thousands of ids for a program that holds many
 * participants' records — this reads only the few rows the lookup names. Same meaning, row by row.
 */
export function enrollmentRowVisibleSql(scope: ParticipantScope): SQL {
  const reasons: SQL[] = [];
  if (scope.courtIds.length > 0) reasons.push(sql`enrollments.court_id IN ${scope.courtIds}`);
  if (scope.teamUserId !== null && scope.teamOrgIds.length > 0) {
    reasons.push(
      sql`EXISTS (SELECT 1 FROM case_team_members t
          WHERE t.enrollment_id = enrollments.id AND t.user_id = ${scope.teamUserId} AND t.ended_on IS NULL
            AND t.organization_id IN ${scope.teamOrgIds}
            AND (t.organization_id = enrollments.court_id
                 OR EXISTS (SELECT 1 FROM court_partners cp WHERE cp.court_id = enrollments.court_id AND cp.partner_id = t.organization_id)))`,
    );
  }
  if (scope.holderOrgIds.length > 0) {
    reasons.push(
      sql`EXISTS (SELECT 1 FROM participant_record_holders h
          JOIN court_partners cp ON cp.court_id = enrollments.court_id AND cp.partner_id = h.organization_id
          WHERE h.participant_id = enrollments.participant_id AND h.organization_id IN ${scope.holderOrgIds})`,
    );
  }
  return reasons.length === 0 ? sql`false` : sql`(${sql.join(reasons, sql` OR `)})`;
}
