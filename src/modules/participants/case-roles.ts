import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import type { TeamRole } from './participants.schema.js';
import { caseTeamMembers } from './participants.tables.js';

/** A role the actor holds on a case, and the organization they hold it for (the custodian of what they record). */
export type CaseRole = { role: TeamRole; organizationId: string; part2: boolean };

/** Court roles that act on every case of their court, whether or not they sit on its team. */
const COURT_WIDE_ROLES: readonly TeamRole[] = ['judge', 'coordinator', 'case_manager'];

/**
 * The roles the actor holds on one case: their active places on its team, and — for the court's own
 * judge, coordinator and case managers — their role in the court itself.
 */
export async function caseRolesOf(
  q: Queryable,
  ctx: AccessContext,
  enrollment: { id: string; courtId: string },
): Promise<CaseRole[]> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return [];
  const team = await q
    .select({ role: caseTeamMembers.role, organizationId: caseTeamMembers.organizationId, part2: organizations.part2Program })
    .from(caseTeamMembers)
    .innerJoin(organizations, eq(organizations.id, caseTeamMembers.organizationId))
    .where(
      and(
        eq(caseTeamMembers.enrollmentId, enrollment.id),
        eq(caseTeamMembers.userId, actor.userId),
        isNull(caseTeamMembers.endedOn),
      ),
    );
  const roles: CaseRole[] = team.map((m) => ({ ...m, role: m.role as TeamRole }));
  for (const m of actor.memberships) {
    const role = m.role as TeamRole;
    if (m.organizationId === enrollment.courtId && COURT_WIDE_ROLES.includes(role) && !roles.some((r) => r.role === role)) {
      roles.push({ role, organizationId: m.organizationId, part2: false });
    }
  }
  return roles;
}

/**
 * The role in which the actor records something on a case: the first of theirs that may (in the
 * order given). 403 with `message` when none may. When `organizationId` is given, the record is made
 * for that organization and the actor must serve the case for it; `where` narrows the roles further.
 */
export async function recordingRole(
  q: Queryable,
  ctx: AccessContext,
  enrollment: { id: string; courtId: string },
  allowed: readonly TeamRole[],
  options: { message?: string; organizationId?: string | undefined; where?: (role: CaseRole) => boolean } = {},
): Promise<CaseRole> {
  const roles = await caseRolesOf(q, ctx, enrollment);
  const found = allowed
    .map((role) =>
      roles.find(
        (r) =>
          r.role === role &&
          (!options.organizationId || r.organizationId === options.organizationId) &&
          (!options.where || options.where(r)),
      ),
    )
    .find((r) => r !== undefined);
  if (!found) throw new AppError('forbidden', options.message);
  return found;
}
