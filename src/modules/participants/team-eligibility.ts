import { and, eq, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { courtPartners, organizations } from '../organizations/organizations.tables.js';
import { memberships, users } from '../users/users.tables.js';
import type { TeamRole } from './participants.schema.js';
import { TEAM_ROLES } from './participants.schema.js';

/**
 * People who can serve on a case team of a court: active users holding a team role in the court
 * itself or in one of its partner organizations.
 */
export async function teamCandidates(q: Queryable, courtId: string) {
  const rows = await q
    .select({
      userId: users.id,
      displayName: users.displayName,
      role: memberships.role,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(users.status, 'active'),
        eq(organizations.active, true),
        sql`${memberships.role} IN ${[...TEAM_ROLES]}`,
        or(
          eq(organizations.id, courtId),
          sql`EXISTS (SELECT 1 FROM ${courtPartners} WHERE ${courtPartners.courtId} = ${courtId} AND ${courtPartners.partnerId} = ${organizations.id})`,
        ),
      ),
    )
    .orderBy(memberships.role, users.displayName);
  return rows.map((row) => ({ ...row, role: row.role as TeamRole }));
}

/** The organization from which a user serves a court in a role, or null when they cannot. */
export async function servingOrganization(q: Queryable, options: { courtId: string; userId: string; role: TeamRole }) {
  const candidates = await teamCandidates(q, options.courtId);
  return candidates.find((c) => c.userId === options.userId && c.role === options.role)?.organizationId ?? null;
}
