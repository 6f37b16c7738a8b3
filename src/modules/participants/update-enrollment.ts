import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { findEnrollmentForWrite } from './participants.repository.js';
import type { ZEnrollmentUpdate } from './participants.schema.js';
import { enrollments } from './participants.tables.js';

/** Changes an enrollment's case number, referral source or next court date. */
export async function updateEnrollment(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  patch: z.infer<typeof ZEnrollmentUpdate>;
}) {
  const { ctx, patch } = options;
  if (Object.keys(patch).length === 0) throw new AppError('validation', 'errors.nothing_to_change');
  await options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'enrollment.edit', enrollment.courtId)) throw new AppError('forbidden');
    await tx.update(enrollments).set(patch).where(eq(enrollments.id, enrollment.id));
    await recordAudit(tx, ctx, {
      action: 'enrollment.update',
      participantIds: [enrollment.participantId],
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { fields: Object.keys(patch) },
    });
  });
}
