import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { phases } from '../programs/programs.tables.js';
import { recordOrigin } from '../records/record-columns.js';
import { canChangeStatus, isClosedStatus } from './enrollment-status-rules.js';
import { findEnrollmentForWrite } from './participants.repository.js';
import type { EnrollmentStatus } from './participants.schema.js';
import { caseTeamMembers, enrollmentPhaseHistory, enrollmentStatusHistory, enrollments } from './participants.tables.js';

/**
 * Changes an enrollment's status with a reason. Admission (to active) places the participant in the
 * program's first phase; closing the case ends the current phase and the team's assignments.
 */
export async function changeEnrollmentStatus(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  status: EnrollmentStatus;
  reason: string;
  effectiveOn?: string;
}) {
  const { ctx } = options;
  await options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'enrollment.status', enrollment.courtId)) throw new AppError('forbidden');
    if (enrollment.status === options.status) throw new AppError('conflict', 'errors.status_unchanged');
    if (!canChangeStatus(enrollment.status, options.status)) {
      throw new AppError('conflict', 'errors.status_transition', { params: { from: enrollment.status, to: options.status } });
    }
    const effectiveOn = options.effectiveOn ?? todayIn(enrollment.timeZone);
    const record = recordOrigin(ctx, enrollment.courtId);
    const patch: Partial<typeof enrollments.$inferInsert> = { status: options.status, statusSince: effectiveOn };

    if (options.status === 'active' && !enrollment.currentPhaseId) {
      const [first] = await tx
        .select()
        .from(phases)
        .where(and(eq(phases.programId, enrollment.programId), eq(phases.retired, false)))
        .orderBy(asc(phases.position))
        .limit(1);
      if (first) {
        patch.currentPhaseId = first.id;
        patch.phaseStartedOn = effectiveOn;
        await tx.insert(enrollmentPhaseHistory).values({
          enrollmentId: enrollment.id,
          participantId: enrollment.participantId,
          phaseId: first.id,
          startedOn: effectiveOn,
          reason: options.reason,
          ...record,
        });
      }
    }
    if (isClosedStatus(options.status)) {
      await tx
        .update(enrollmentPhaseHistory)
        .set({ endedOn: effectiveOn })
        .where(and(eq(enrollmentPhaseHistory.enrollmentId, enrollment.id), isNull(enrollmentPhaseHistory.endedOn)));
      await tx
        .update(caseTeamMembers)
        .set({ endedOn: effectiveOn })
        .where(and(eq(caseTeamMembers.enrollmentId, enrollment.id), isNull(caseTeamMembers.endedOn)));
    }
    await tx.update(enrollments).set(patch).where(eq(enrollments.id, enrollment.id));
    await tx.insert(enrollmentStatusHistory).values({
      enrollmentId: enrollment.id,
      participantId: enrollment.participantId,
      fromStatus: enrollment.status,
      toStatus: options.status,
      effectiveOn,
      reason: options.reason,
      ...record,
    });
    await recordAudit(tx, ctx, {
      action: 'enrollment.status_change',
      participantIds: [enrollment.participantId],
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { from: enrollment.status, to: options.status, effectiveOn },
    });
  });
}
