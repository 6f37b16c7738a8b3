import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { visibleCourtsOfParticipant } from './participants.repository.js';
import type { ZParticipantUpdate } from './participants.schema.js';
import { participants } from './participants.tables.js';

/** Corrects a participant's identity or contact details (court staff of one of their courts). */
export async function updateParticipant(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  patch: z.infer<typeof ZParticipantUpdate>;
}) {
  const { ctx } = options;
  await options.db.transaction(async (tx) => {
    const courts = await visibleCourtsOfParticipant(tx, ctx, options.participantId);
    if (courts.length === 0) throw notFound();
    if (!courts.some((courtId) => canInCourt(ctx.actor, 'participant.edit', courtId))) throw new AppError('forbidden');
    const changed = Object.keys(options.patch);
    await tx
      .update(participants)
      .set({ ...options.patch, updatedAt: new Date() })
      .where(eq(participants.id, options.participantId));
    await recordAudit(tx, ctx, {
      action: 'participant.update',
      participantIds: [options.participantId],
      targetType: 'participant',
      targetId: options.participantId,
      details: { fields: changed },
    });
  });
}
