import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { Actor } from '../access/access-context.js';
import { isAdmin } from '../access/permissions.js';
import { courtPartners, organizations } from '../organizations/organizations.tables.js';
import type { Program } from './programs.schema.js';
import { phases, programs } from './programs.tables.js';

/** Programs are visible to admins, and to staff of the court or of one of its partners. */
function programVisibleSql(actor: Actor): SQL | undefined {
  if (isAdmin(actor)) return undefined;
  const orgIds =
    actor.kind === 'token'
      ? [actor.organizationId]
      : [...new Set(actor.memberships.filter((m) => m.role !== 'evaluator').map((m) => m.organizationId))];
  if (orgIds.length === 0) return sql`false`;
  return or(
    inArray(programs.courtId, orgIds),
    sql`EXISTS (SELECT 1 FROM ${courtPartners} WHERE ${courtPartners.courtId} = ${programs.courtId} AND ${inArray(courtPartners.partnerId, orgIds)})`,
  );
}

export async function listPrograms(
  q: Queryable,
  actor: Actor,
  filter: { id?: string; courtId?: string } = {},
): Promise<Program[]> {
  const rows = await q
    .select({ program: programs, courtName: organizations.name })
    .from(programs)
    .innerJoin(organizations, eq(organizations.id, programs.courtId))
    .where(
      and(
        programVisibleSql(actor),
        filter.id ? eq(programs.id, filter.id) : undefined,
        filter.courtId ? eq(programs.courtId, filter.courtId) : undefined,
      ),
    )
    .orderBy(asc(organizations.name), asc(programs.name));
  if (rows.length === 0) return [];
  const phaseRows = await q
    .select()
    .from(phases)
    .where(
      and(
        inArray(
          phases.programId,
          rows.map((r) => r.program.id),
        ),
        eq(phases.retired, false),
      ),
    )
    .orderBy(asc(phases.position));
  return rows.map(({ program, courtName }) => ({
    id: program.id,
    courtId: program.courtId,
    courtName,
    name: program.name,
    track: program.track,
    description: program.description,
    active: program.active,
    phases: phaseRows
      .filter((p) => p.programId === program.id)
      .map((p) => ({
        id: p.id,
        position: p.position,
        name: p.name,
        minDays: p.minDays,
        advancementCriteria: p.advancementCriteria,
        testsPerWeek: p.testsPerWeek,
      })),
  }));
}

export async function findProgram(q: Queryable, actor: Actor, id: string): Promise<Program | null> {
  const [program] = await listPrograms(q, actor, { id });
  return program ?? null;
}
