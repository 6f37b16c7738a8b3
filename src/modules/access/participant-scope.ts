import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { courtPartners } from '../organizations/organizations.tables.js';
import { caseTeamMembers, enrollments } from '../participants/participants.tables.js';
import { participantRecordHolders } from '../records/records.tables.js';
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

/** SQL condition over `enrollments`: true for the enrollments the scope may see. */
export function enrollmentVisibleSql(scope: ParticipantScope): SQL {
  const conditions: SQL[] = [];
  if (scope.courtIds.length > 0) conditions.push(inArray(enrollments.courtId, scope.courtIds));
  if (scope.teamUserId !== null && scope.teamOrgIds.length > 0) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${caseTeamMembers} WHERE ${and(
        eq(caseTeamMembers.enrollmentId, enrollments.id),
        eq(caseTeamMembers.userId, scope.teamUserId),
        isNull(caseTeamMembers.endedOn),
        inArray(caseTeamMembers.organizationId, scope.teamOrgIds),
      )})`,
    );
  }
  if (scope.holderOrgIds.length > 0) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${participantRecordHolders} JOIN ${courtPartners} ON ${courtPartners.partnerId} = ${participantRecordHolders.organizationId} WHERE ${and(
        eq(participantRecordHolders.participantId, enrollments.participantId),
        eq(courtPartners.courtId, enrollments.courtId),
        inArray(participantRecordHolders.organizationId, scope.holderOrgIds),
      )})`,
    );
  }
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}
