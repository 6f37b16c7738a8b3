import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { pastInstant } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { userNames } from '../users/users.repository.js';
import type { ZRestriction, ZRestrictionCreate, ZRestrictionDecision } from './consent.schema.js';
import { disclosureRestrictions } from './consent.tables.js';
import { managedEnrollment } from './consent-authority.js';

/*
 * The participant's right to request restrictions (§2.26): staff record the request; the treatment
 * program that holds the records agrees or declines. An agreed restriction is a deny rule (R10) that
 * no consent overrides; the program can end it later.
 */

type Restriction = z.infer<typeof ZRestriction>;

async function views(q: Queryable, rows: (typeof disclosureRestrictions.$inferSelect)[]): Promise<Restriction[]> {
  const names = await userNames(
    q,
    rows.flatMap((r) => [...r.recipientUserIds, r.decidedBy]),
  );
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participantId,
    dataClasses: r.dataClasses,
    recipientUsers: r.recipientUserIds.map((id) => ({ id, displayName: names.get(id) ?? '' })),
    recipientRoles: r.recipientRoles,
    request: r.request,
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decisionNote: r.decisionNote,
  }));
}

/**
 * The participant's restriction requests, for the treatment program's own staff on the case: a request
 * says in the participant's words what they would rather the court not see, so it stays with the
 * program (404 when the participant is not visible, 403 for anyone else on the case).
 */
export async function listRestrictions(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    await managedEnrollment(tx, ctx, participantId, { program: true, message: 'errors.restriction_program_keeps' });
    const rows = await tx
      .select()
      .from(disclosureRestrictions)
      .where(eq(disclosureRestrictions.participantId, participantId))
      .orderBy(asc(disclosureRestrictions.requestedAt));
    await recordAudit(tx, ctx, {
      action: 'restriction.list',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
    });
    return views(tx, rows);
  });
}

export async function requestRestriction(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  input: z.infer<typeof ZRestrictionCreate>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    await managedEnrollment(tx, ctx, options.participantId);
    const [row] = await tx
      .insert(disclosureRestrictions)
      .values({
        participantId: options.participantId,
        dataClasses: [...new Set(input.dataClasses)],
        recipientUserIds: [...new Set(input.recipientUserIds)],
        recipientRoles: [...new Set(input.recipientRoles)],
        request: input.request,
        requestedAt: pastInstant(input.requestedAt, 'requestedAt'),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'restriction.request',
      participantIds: [options.participantId],
      targetType: 'restriction',
      targetId: row!.id,
    });
    return (await views(tx, [row!]))[0]!;
  });
}

/** The program agrees, declines, or ends an agreed restriction. */
export async function decideRestriction(options: {
  db: Db;
  ctx: AccessContext;
  restrictionId: string;
  input: z.infer<typeof ZRestrictionDecision>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(disclosureRestrictions)
      .where(eq(disclosureRestrictions.id, options.restrictionId))
      .for('update');
    if (!row) throw notFound();
    await managedEnrollment(tx, ctx, row.participantId, { program: true, message: 'errors.restriction_program_decides' });
    const allowed = row.status === 'requested' ? ['agreed', 'declined'] : row.status === 'agreed' ? ['ended'] : [];
    if (!allowed.includes(input.decision)) {
      throw new AppError('conflict', 'errors.restriction_transition', { params: { from: row.status, to: input.decision } });
    }
    const [updated] = await tx
      .update(disclosureRestrictions)
      .set({
        status: input.decision,
        decidedAt: new Date(),
        decidedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        decisionNote: input.note ?? null,
      })
      .where(eq(disclosureRestrictions.id, row.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'restriction.decide',
      participantIds: [row.participantId],
      targetType: 'restriction',
      targetId: row.id,
      details: { decision: input.decision },
    });
    return (await views(tx, [updated!]))[0]!;
  });
}
