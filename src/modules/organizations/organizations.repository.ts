import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { Organization } from './organizations.schema.js';
import { courtPartners, organizations } from './organizations.tables.js';

export async function listOrganizations(q: Queryable, ids?: string[]): Promise<Organization[]> {
  const rows = await q
    .select({
      org: organizations,
      partnerIds: sql<
        string[]
      >`coalesce((SELECT array_agg(${courtPartners.partnerId}::text) FROM ${courtPartners} WHERE ${courtPartners.courtId} = organizations.id), '{}')`,
    })
    .from(organizations)
    .where(ids ? inArray(organizations.id, ids) : undefined)
    .orderBy(asc(organizations.kind), asc(organizations.name));
  return rows.map(({ org, partnerIds }) => ({
    id: org.id,
    name: org.name,
    kind: org.kind,
    part2Program: org.part2Program,
    timeZone: org.timeZone,
    active: org.active,
    partnerIds,
    createdAt: org.createdAt.toISOString(),
  }));
}

export async function findOrganization(q: Queryable, id: string): Promise<Organization | null> {
  const [org] = await listOrganizations(q, [id]);
  return org ?? null;
}

export async function organizationKinds(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: organizations.id, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.kind]));
}

export async function replacePartners(q: Queryable, courtId: string, partnerIds: string[]): Promise<void> {
  await q.delete(courtPartners).where(eq(courtPartners.courtId, courtId));
  if (partnerIds.length > 0) await q.insert(courtPartners).values(partnerIds.map((partnerId) => ({ courtId, partnerId })));
}
