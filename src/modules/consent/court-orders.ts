import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import { userNames } from '../users/users.repository.js';
import type { ZCourtOrder, ZCourtOrderCreate } from './consent.schema.js';
import { courtOrders } from './consent.tables.js';
import { managedEnrollment } from './consent-authority.js';

/*
 * Part 2 court orders (42 CFR part 2, subpart E): a subpoena alone never permits disclosure, but an
 * order made under those rules does, for the classes it names. Recorded by whoever keeps the case's
 * consents; they open records for use in proceedings (R6) and are accounted like any disclosure.
 */

type CourtOrder = z.infer<typeof ZCourtOrder>;

async function views(q: Queryable, rows: (typeof courtOrders.$inferSelect)[]) {
  const names = await userNames(
    q,
    rows.map((r) => r.recordedBy),
  );
  return rows.map(
    (r): CourtOrder => ({
      id: r.id,
      participantId: r.participantId,
      issuingCourt: r.issuingCourt,
      reference: r.reference,
      scope: r.scope,
      dataClasses: r.dataClasses,
      issuedAt: r.issuedAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      recordedByName: r.recordedBy ? (names.get(r.recordedBy) ?? null) : null,
      recordedAt: r.recordedAt.toISOString(),
    }),
  );
}

export async function listCourtOrders(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    if ((await visibleEnrollmentIds(tx, ctx, participantId)).length === 0) throw notFound();
    const rows = await tx
      .select()
      .from(courtOrders)
      .where(eq(courtOrders.participantId, participantId))
      .orderBy(asc(courtOrders.issuedAt));
    await recordAudit(tx, ctx, {
      action: 'court_order.list',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
    });
    return views(tx, rows);
  });
}

export async function recordCourtOrder(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  input: z.infer<typeof ZCourtOrderCreate>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    await managedEnrollment(tx, ctx, options.participantId);
    const issuedAt = new Date(input.issuedAt);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= issuedAt) {
      throw new AppError('validation', 'errors.dates_out_of_order', {
        fields: [{ path: 'expiresAt', message: 'errors.dates_out_of_order' }],
      });
    }
    const [row] = await tx
      .insert(courtOrders)
      .values({
        participantId: options.participantId,
        issuingCourt: input.issuingCourt,
        reference: input.reference,
        scope: input.scope,
        dataClasses: [...new Set(input.dataClasses)],
        issuedAt,
        expiresAt,
        recordedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'court_order.record',
      participantIds: [options.participantId],
      targetType: 'court_order',
      targetId: row!.id,
      details: { reference: input.reference, dataClasses: input.dataClasses },
    });
    return (await views(tx, [row!]))[0]!;
  });
}
