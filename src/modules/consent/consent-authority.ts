import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { organizations } from '../organizations/organizations.tables.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import { caseTeamMembers } from '../participants/participants.tables.js';

/**
 * What the actor may do with a case's consents. The treatment program's own staff on the case
 * (counselors and case managers of a Part 2 program on its team) keep the consent process: they
 * record consents, revocations, restriction requests and decide on them. The court's coordinator
 * records consents signed in court and court orders, but does not decide on restrictions — the
 * program that holds the records does (§2.26).
 */
export async function consentAuthority(
  q: Queryable,
  ctx: AccessContext,
  enrollment: { id: string; courtId: string },
): Promise<{ manage: boolean; program: boolean; programOrgIds: string[] }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return { manage: false, program: false, programOrgIds: [] };
  const rows = await q
    .select({ organizationId: caseTeamMembers.organizationId })
    .from(caseTeamMembers)
    .innerJoin(organizations, eq(organizations.id, caseTeamMembers.organizationId))
    .where(
      and(
        eq(caseTeamMembers.enrollmentId, enrollment.id),
        eq(caseTeamMembers.userId, actor.userId),
        isNull(caseTeamMembers.endedOn),
        inArray(caseTeamMembers.role, ['treatment_provider', 'case_manager']),
        eq(organizations.part2Program, true),
      ),
    );
  const programOrgIds = [...new Set(rows.map((r) => r.organizationId))];
  const program = programOrgIds.length > 0;
  return { manage: program || canInCourt(actor, 'consent.manage', enrollment.courtId), program, programOrgIds };
}

/**
 * The first of the participant's visible cases where the actor may manage consents — or, with
 * `program`, where the actor is the treatment program's own staff — with the actor's authority
 * there: 404 when no case is visible, 403 when none qualifies.
 */
export async function managedEnrollment(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  options: { program?: boolean; message?: string } = {},
) {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) throw notFound();
  for (const id of enrollmentIds) {
    const enrollment = await findEnrollmentForWrite(q, ctx, id);
    if (!enrollment) continue;
    const authority = await consentAuthority(q, ctx, enrollment);
    if (options.program ? authority.program : authority.manage) return { enrollment, authority };
  }
  throw new AppError('forbidden', options.message);
}
