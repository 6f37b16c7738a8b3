import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { organizations } from '../organizations/organizations.tables.js';
import { DEFAULT_PHASES } from './default-phases.js';
import { findProgram } from './programs.repository.js';
import type { ZProgramCreate, ZProgramUpdate } from './programs.schema.js';
import { phases, programs } from './programs.tables.js';

/** Creates a court program with its phases (the standards' defaults when none are given). */
export async function createProgram(options: { db: Db; ctx: AccessContext; input: z.infer<typeof ZProgramCreate> }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [court] = await tx.select().from(organizations).where(eq(organizations.id, input.courtId));
    if (!court || !canInCourt(ctx.actor, 'program.manage', court.id)) {
      const member = ctx.actor.kind === 'user' && ctx.actor.memberships.some((m) => m.organizationId === input.courtId);
      throw member ? new AppError('forbidden') : notFound();
    }
    if (court.kind !== 'court') throw new AppError('validation', 'errors.court_required');
    const [program] = await tx
      .insert(programs)
      .values({ courtId: court.id, name: input.name, track: input.track, description: input.description })
      .returning({ id: programs.id });
    if (!program) throw new Error('program insert returned nothing');
    const phaseList = input.phases ?? DEFAULT_PHASES.map((p) => ({ ...p }));
    await tx.insert(phases).values(
      phaseList.map((p, index) => ({
        programId: program.id,
        position: index + 1,
        name: p.name,
        minDays: p.minDays,
        advancementCriteria: p.advancementCriteria,
        testsPerWeek: p.testsPerWeek,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'program.create',
      targetType: 'program',
      targetId: program.id,
      details: { courtId: court.id, name: input.name, phases: phaseList.length },
    });
    const created = await findProgram(tx, ctx.actor, program.id);
    if (!created) throw new Error('program vanished');
    return created;
  });
}

/**
 * Changes a program. The phase list given is the whole new list in order: listed phases keep their
 * ids (history stays linked), new ones are added, missing ones are retired unless a participant is
 * in them now.
 */
export async function updateProgram(options: { db: Db; ctx: AccessContext; id: string; patch: z.infer<typeof ZProgramUpdate> }) {
  const { ctx, patch } = options;
  return options.db.transaction(async (tx) => {
    const [program] = await tx.select().from(programs).where(eq(programs.id, options.id)).for('update');
    // Someone who cannot see the program learns nothing; someone who can but may not change it is refused.
    if (!program || !(await findProgram(tx, ctx.actor, program.id))) throw notFound();
    if (!canInCourt(ctx.actor, 'program.manage', program.courtId)) throw new AppError('forbidden');
    const { phases: phaseList, ...fields } = patch;
    if (Object.keys(fields).length > 0) await tx.update(programs).set(fields).where(eq(programs.id, program.id));
    if (phaseList) {
      const current = await tx
        .select()
        .from(phases)
        .where(and(eq(phases.programId, program.id), eq(phases.retired, false)));
      const keep = new Set(phaseList.flatMap((p) => (p.id ? [p.id] : [])));
      if (phaseList.some((p) => p.id && !current.some((c) => c.id === p.id))) {
        throw new AppError('validation', 'errors.phase_not_in_program');
      }
      const removed = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
      if (removed.length > 0) {
        const inUse = await tx.execute(
          sql`SELECT 1 FROM enrollments WHERE current_phase_id IN ${removed} AND status IN ('active', 'absconded') LIMIT 1`,
        );
        if (inUse.rows.length > 0) throw new AppError('conflict', 'errors.phase_in_use');
        await tx.update(phases).set({ retired: true }).where(inArray(phases.id, removed));
      }
      for (const [index, phase] of phaseList.entries()) {
        const values = {
          position: index + 1,
          name: phase.name,
          minDays: phase.minDays,
          advancementCriteria: phase.advancementCriteria,
          testsPerWeek: phase.testsPerWeek,
        };
        if (phase.id) await tx.update(phases).set(values).where(eq(phases.id, phase.id));
        else await tx.insert(phases).values({ ...values, programId: program.id });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'program.update',
      targetType: 'program',
      targetId: program.id,
      details: { fields: Object.keys(patch) },
    });
    const updated = await findProgram(tx, ctx.actor, program.id);
    if (!updated) throw new Error('program vanished');
    return updated;
  });
}
