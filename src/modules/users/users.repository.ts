import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../platform/db/database.js';
import type { User, ZUserListQuery } from './users.schema.js';
import { users } from './users.tables.js';

type UserRow = typeof users.$inferSelect & { memberships: User['memberships'] };

const membershipsJson = sql<User['memberships']>`coalesce((
  SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name, 'organizationKind', o.kind, 'role', m.role)
                  ORDER BY o.name, m.role)
  FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = users.id), '[]'::json)`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    status: row.status,
    mfaEnabled: row.mfaSecret !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    memberships: row.memberships,
  };
}

export async function listUsers(q: Queryable, query: z.infer<typeof ZUserListQuery>): Promise<User[]> {
  const filters: SQL[] = [];
  if (query.q) {
    const needle = `%${query.q.toLowerCase().replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(sql`(${users.email} LIKE ${needle} OR lower(${users.displayName}) LIKE ${needle})`);
  }
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.organizationId || query.role) {
    filters.push(
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id
        ${query.organizationId ? sql`AND m.organization_id = ${query.organizationId}` : sql``}
        ${query.role ? sql`AND m.role = ${query.role}` : sql``})`,
    );
  }
  const rows = await q
    .select({ user: users, memberships: membershipsJson })
    .from(users)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(asc(users.displayName))
    .limit(1000);
  return rows.map((r) => toUser({ ...r.user, memberships: r.memberships }));
}

export async function findUser(q: Queryable, id: string): Promise<User | null> {
  const [row] = await q.select({ user: users, memberships: membershipsJson }).from(users).where(eq(users.id, id));
  return row ? toUser({ ...row.user, memberships: row.memberships }) : null;
}

/** Display names of users by id (nulls and repeats ignored), in one query. */
export async function userNames(q: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
