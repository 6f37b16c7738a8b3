import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable, Tx } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext, Actor } from '../access/access-context.js';
import { isAdmin } from '../access/permissions.js';
import { organizations } from '../organizations/organizations.tables.js';
import { drugTests } from '../testing/testing.tables.js';
import { users } from '../users/users.tables.js';
import { applyOrder, keepForReview, labMappings } from './ingest-hl7.js';
import type { CodeMappingInput, ReviewResolution, ZLabCreate } from './labs.schema.js';
import { hl7Messages, labCodeMappings, labReviewItems, labs } from './labs.tables.js';
import { readOru } from './read-oru.js';

/*
 * Labs, the mappings of their own codes, and their review queue. A lab reports to one organization
 * (a court, a treatment program or probation); that organization's staff who handle testing keep its
 * mappings and settle what its messages could not: a specimen no test matched, a code no mapping
 * knows, a result contradicting a final one. Administrators set labs up.
 */

/** Roles that handle a lab's results for their organization. */
const LAB_ROLES = ['coordinator', 'treatment_provider', 'case_manager', 'probation_officer'];

/** The organizations whose lab work the actor handles. */
export function labOrganizations(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.filter((m) => LAB_ROLES.includes(m.role)).map((m) => m.organizationId))];
}

function mayManage(actor: Actor, organizationId: string): boolean {
  return isAdmin(actor) || labOrganizations(actor).includes(organizationId);
}

export async function createLab(options: { db: Db; ctx: AccessContext; input: z.infer<typeof ZLabCreate> }) {
  const { ctx, input } = options;
  if (!mayManage(ctx.actor, input.organizationId)) throw new AppError('forbidden', 'errors.lab_manage');
  return options.db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!org)
      throw new AppError('validation', 'errors.organization_not_found', {
        fields: [{ path: 'organizationId', message: 'errors.organization_not_found' }],
      });
    const [row] = await tx.insert(labs).values(input).returning();
    await recordAudit(tx, ctx, {
      action: 'lab.create',
      targetType: 'lab',
      targetId: row!.id,
      details: { sendingFacility: input.sendingFacility },
    });
    return labView(row!);
  });
}

function labView(row: typeof labs.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    sendingFacility: row.sendingFacility,
    organizationId: row.organizationId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The labs of the organizations the actor handles lab work for (all of them, for an administrator). */
export async function listLabs(options: { db: Db; ctx: AccessContext }) {
  const { ctx } = options;
  const orgs = labOrganizations(ctx.actor);
  if (!isAdmin(ctx.actor) && orgs.length === 0) throw new AppError('forbidden', 'errors.lab_manage');
  const rows = await options.db
    .select()
    .from(labs)
    .where(isAdmin(ctx.actor) ? undefined : inArray(labs.organizationId, orgs))
    .orderBy(asc(labs.name));
  const mappings = rows.length
    ? await options.db
        .select()
        .from(labCodeMappings)
        .where(
          inArray(
            labCodeMappings.labId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(labCodeMappings.code))
    : [];
  return {
    items: rows.map((row) => ({
      ...labView(row),
      mappings: mappings
        .filter((m) => m.labId === row.id)
        .map((m) => ({
          id: m.id,
          code: m.code,
          target: m.target,
          analyte: m.analyte,
          substanceGroup: m.substanceGroup,
          stage: m.stage,
          display: m.display,
        })),
    })),
  };
}

async function labFor(q: Queryable, ctx: AccessContext, labId: string) {
  const [lab] = await q.select().from(labs).where(eq(labs.id, labId));
  if (!lab || !mayManage(ctx.actor, lab.organizationId)) throw notFound();
  return lab;
}

/** Adds or replaces the mapping of one of a lab's codes. */
export async function saveMapping(tx: Tx, ctx: AccessContext, labId: string, input: CodeMappingInput) {
  await labFor(tx, ctx, labId);
  const values = {
    labId,
    code: input.code,
    target: input.target,
    analyte: input.analyte,
    substanceGroup: input.substanceGroup,
    stage: input.stage,
    display: input.display,
  };
  const [row] = await tx
    .insert(labCodeMappings)
    .values(values)
    .onConflictDoUpdate({ target: [labCodeMappings.labId, labCodeMappings.code], set: values })
    .returning();
  await recordAudit(tx, ctx, {
    action: 'lab.mapping.save',
    targetType: 'lab',
    targetId: labId,
    details: { code: input.code, target: input.target, analyte: input.analyte },
  });
  return row!;
}

export async function putMapping(options: { db: Db; ctx: AccessContext; labId: string; input: CodeMappingInput }) {
  return options.db.transaction(async (tx) => {
    const row = await saveMapping(tx, options.ctx, options.labId, options.input);
    return { id: row.id };
  });
}

/**
 * A lab's review queue for the actor's organizations, oldest first. What a message said (the
 * patient's name and identifiers included) is shown only to the organization the lab reports to.
 */
export async function listReviewItems(options: { db: Db; ctx: AccessContext; status: 'open' | 'resolved' | 'dismissed' }) {
  const { ctx } = options;
  const orgs = labOrganizations(ctx.actor);
  if (orgs.length === 0) throw new AppError('forbidden', 'errors.lab_review');
  return options.db.transaction(async (tx) => {
    const rows = await tx
      .select({ item: labReviewItems, message: hl7Messages, lab: labs, resolvedByName: users.displayName })
      .from(labReviewItems)
      .innerJoin(hl7Messages, eq(hl7Messages.id, labReviewItems.messageId))
      .leftJoin(labs, eq(labs.id, hl7Messages.labId))
      .leftJoin(users, eq(users.id, labReviewItems.resolvedBy))
      .where(and(inArray(labReviewItems.organizationId, orgs), eq(labReviewItems.status, options.status)))
      .orderBy(options.status === 'open' ? asc(labReviewItems.createdAt) : desc(labReviewItems.resolvedAt))
      .limit(500);
    const testIds = rows.map((r) => r.item.testId).filter((id): id is string => id !== null);
    const participants = testIds.length
      ? await tx
          .select({ id: drugTests.id, participantId: drugTests.participantId })
          .from(drugTests)
          .where(inArray(drugTests.id, testIds))
      : [];
    await recordAudit(tx, ctx, {
      action: 'lab.review.list',
      participantIds: [...new Set(participants.map((p) => p.participantId))],
      details: { status: options.status, items: rows.length },
    });
    return {
      items: rows.map(({ item, message, lab, resolvedByName }) => ({
        id: item.id,
        reason: item.reason,
        status: item.status,
        detail: item.detail as Record<string, unknown>,
        testId: item.testId,
        lab: lab ? { id: lab.id, name: lab.name } : null,
        message: {
          id: message.id,
          controlId: message.controlId,
          receivedAt: message.receivedAt.toISOString(),
          transport: message.transport,
        },
        createdAt: item.createdAt.toISOString(),
        resolvedAt: item.resolvedAt?.toISOString() ?? null,
        resolvedByName,
        note: item.note,
      })),
    };
  });
}

/**
 * Settles a review item: the test the specimen belongs to (its results are then applied, and the
 * lab's identifier kept on the test so later messages find it), a mapping for an unknown code (the
 * order is applied again), or dismissal with a note. Nothing is applied to a test the
 * organization does not hold or serve.
 */
export async function resolveReviewItem(options: { db: Db; ctx: AccessContext; itemId: string; input: ReviewResolution }) {
  const { ctx, input } = options;
  const orgs = labOrganizations(ctx.actor);
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(labReviewItems).where(eq(labReviewItems.id, options.itemId)).for('update');
    if (!row || !orgs.includes(row.organizationId)) throw notFound();
    if (row.status !== 'open') throw new AppError('conflict', 'errors.review_item_settled');
    const [message] = await tx.select().from(hl7Messages).where(eq(hl7Messages.id, row.messageId));
    const [lab] = message?.labId ? await tx.select().from(labs).where(eq(labs.id, message.labId)) : [];
    if (!message || !lab) throw notFound();
    const [org] = await tx
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, lab.organizationId));
    const detail = row.detail as { order?: number; testId?: string };
    let testId: string | null = row.testId;
    const participantIds: string[] = [];
    if (input.action !== 'dismiss') {
      if (input.action === 'map') await saveMapping(tx, ctx, lab.id, input.mapping);
      if (input.action === 'match') testId = input.testId;
      if (!testId)
        throw new AppError('validation', 'errors.review_needs_test', {
          fields: [{ path: 'testId', message: 'errors.review_needs_test' }],
        });
      const [test] = await tx.select().from(drugTests).where(eq(drugTests.id, testId)).for('update');
      const served =
        test &&
        (test.custodianOrgId === lab.organizationId ||
          (
            await tx.execute<{ court_id: string }>(
              // A court's lab serves the tests of its court's cases.
              sql`SELECT court_id FROM enrollments WHERE id = ${test.enrollmentId}`,
            )
          ).rows[0]?.court_id === lab.organizationId);
      if (!test || !served)
        throw new AppError('validation', 'errors.review_test_not_served', {
          fields: [{ path: 'testId', message: 'errors.review_test_not_served' }],
        });
      const reading = readOru(message.raw, org?.timeZone ?? 'UTC');
      if (!reading.ok) throw new AppError('conflict', 'errors.review_item_settled');
      const index = (detail.order ?? 1) - 1;
      const order = reading.message.orders[index];
      if (!order) throw new AppError('conflict', 'errors.review_item_settled');
      if (input.action === 'match' && !test.accessionId) {
        const identifier = order.specimenIds[0] ?? order.fillerOrderNumber;
        if (identifier) await tx.update(drugTests).set({ accessionId: identifier }).where(eq(drugTests.id, test.id));
      }
      const outcome = await applyOrder(tx, {
        message: reading.message,
        order,
        index,
        test,
        mappings: await labMappings(tx, lab.id),
        messageId: message.id,
        now: new Date(),
      });
      // What is still unsettled in the order stays open, as items of its own.
      await keepForReview(
        tx,
        outcome.review.map((item) => ({ ...item, messageId: message.id, organizationId: row.organizationId })),
      );
      participantIds.push(test.participantId);
      await tx
        .update(hl7Messages)
        .set({ testIds: [...new Set([...message.testIds, test.id])] })
        .where(eq(hl7Messages.id, message.id));
    }
    await tx
      .update(labReviewItems)
      .set({
        status: input.action === 'dismiss' ? 'dismissed' : 'resolved',
        testId,
        resolvedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        resolvedAt: new Date(),
        note: input.note ?? null,
      })
      .where(eq(labReviewItems.id, row.id));
    const open = await tx
      .select({ id: labReviewItems.id })
      .from(labReviewItems)
      .where(and(eq(labReviewItems.messageId, message.id), eq(labReviewItems.status, 'open')));
    if (open.length === 0) await tx.update(hl7Messages).set({ status: 'processed' }).where(eq(hl7Messages.id, message.id));
    await recordAudit(tx, ctx, {
      action: 'lab.review.resolve',
      participantIds,
      targetType: 'lab_review_item',
      targetId: row.id,
      details: { action: input.action, testId },
    });
    return { id: row.id };
  });
}
