import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { phases } from '../programs/programs.tables.js';
import { recordOrigin } from '../records/record-columns.js';
import { isInProgram } from './enrollment-status-rules.js';
import { findEnrollmentForWrite } from './participants.repository.js';
import { enrollmentPhaseHistory, enrollments } from './participants.tables.js';

/**
 * Moves an active participant to another phase of their program, with the reason; the phase
 * history keeps every placement with its dates.
 */
export async function changePhase(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  phaseId: string;
  reason: string;
  effectiveOn?: string;
}) {
  const { ctx } = options;
  await options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'enrollment.phase', enrollment.courtId)) throw new AppError('forbidden');
    if (!isInProgram(enrollment.status)) throw new AppError('conflict', 'errors.phase_requires_active');
    if (enrollment.currentPhaseId === options.phaseId) throw new AppError('conflict', 'errors.phase_unchanged');
    const [phase] = await tx
      .select()
      .from(phases)
      .where(and(eq(phases.id, options.phaseId), eq(phases.programId, enrollment.programId), eq(phases.retired, false)));
    if (!phase) {
      throw new AppError('validation', 'errors.phase_not_in_program', {
        fields: [{ path: 'phaseId', message: 'errors.phase_not_in_program' }],
      });
    }
    const effectiveOn = options.effectiveOn ?? todayIn(enrollment.timeZone);
    await tx
      .update(enrollmentPhaseHistory)
      .set({ endedOn: effectiveOn })
      .where(and(eq(enrollmentPhaseHistory.enrollmentId, enrollment.id), isNull(enrollmentPhaseHistory.endedOn)));
    await tx.insert(enrollmentPhaseHistory).values({
      enrollmentId: enrollment.id,
      participantId: enrollment.participantId,
      phaseId: phase.id,
      startedOn: effectiveOn,
      reason: options.reason,
      ...recordOrigin(ctx, enrollment.courtId),
    });
    await tx
      .update(enrollments)
      .set({ currentPhaseId: phase.id, phaseStartedOn: effectiveOn })
      .where(eq(enrollments.id, enrollment.id));
    await recordAudit(tx, ctx, {
      action: 'enrollment.phase_change',
      participantIds: [enrollment.participantId],
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { from: enrollment.currentPhaseId, to: phase.id, position: phase.position, effectiveOn },
    });
  });
}
