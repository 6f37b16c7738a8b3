import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { programs } from '../programs/programs.tables.js';
import { recordOrigin } from '../records/record-columns.js';
import { isClosedStatus } from './enrollment-status-rules.js';
import { findEnrollmentForWrite } from './participants.repository.js';
import type { TeamRole } from './participants.schema.js';
import { caseTeamMembers } from './participants.tables.js';
import { servingOrganization, teamCandidates } from './team-eligibility.js';

/** Who could be added to this enrollment's team (the court's and its partners' staff). */
export async function listTeamCandidates(options: { db: Db; ctx: AccessContext; enrollmentId: string }) {
  const enrollment = await findEnrollmentForWrite(options.db, options.ctx, options.enrollmentId);
  if (!enrollment) throw notFound();
  if (!canInCourt(options.ctx.actor, 'case_team.manage', enrollment.courtId)) throw new AppError('forbidden');
  return teamCandidates(options.db, enrollment.courtId);
}

/** Who could serve on case teams of a program's court (for the enrollment form). */
export async function listProgramTeamCandidates(options: { db: Db; ctx: AccessContext; programId: string }) {
  const [program] = await options.db
    .select({ courtId: programs.courtId })
    .from(programs)
    .where(eq(programs.id, options.programId));
  if (!program || !canInCourt(options.ctx.actor, 'participant.enroll', program.courtId)) throw notFound();
  return teamCandidates(options.db, program.courtId);
}

/** Puts a person on a participant's case team in one of the roles they hold. */
export async function assignTeamMember(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  userId: string;
  role: TeamRole;
}) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'case_team.manage', enrollment.courtId)) throw new AppError('forbidden');
    if (isClosedStatus(enrollment.status))
      throw new AppError('conflict', 'errors.status_transition', {
        params: { from: enrollment.status, to: enrollment.status },
      });
    const organizationId = await servingOrganization(tx, {
      courtId: enrollment.courtId,
      userId: options.userId,
      role: options.role,
    });
    if (!organizationId) {
      throw new AppError('validation', 'errors.team_member_role', {
        params: { role: options.role },
        fields: [{ path: 'userId', message: 'errors.team_member_role' }],
      });
    }
    const existing = await tx
      .select({ id: caseTeamMembers.id })
      .from(caseTeamMembers)
      .where(
        and(
          eq(caseTeamMembers.enrollmentId, enrollment.id),
          eq(caseTeamMembers.userId, options.userId),
          eq(caseTeamMembers.role, options.role),
          isNull(caseTeamMembers.endedOn),
        ),
      );
    if (existing.length > 0) throw new AppError('conflict', 'errors.team_member_exists');
    const [member] = await tx
      .insert(caseTeamMembers)
      .values({
        enrollmentId: enrollment.id,
        participantId: enrollment.participantId,
        userId: options.userId,
        organizationId,
        role: options.role,
        assignedOn: todayIn(enrollment.timeZone),
        ...recordOrigin(ctx, enrollment.courtId),
      })
      .returning({ id: caseTeamMembers.id });
    if (!member) throw new Error('team insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'case_team.assign',
      participantIds: [enrollment.participantId],
      targetType: 'case_team_member',
      targetId: member.id,
      details: { enrollmentId: enrollment.id, userId: options.userId, role: options.role },
    });
    return member;
  });
}

/** Ends a person's service on a case team (the record stays, with its end date). */
export async function endTeamMember(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  memberId: string;
  reason?: string;
}) {
  const { ctx } = options;
  await options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'case_team.manage', enrollment.courtId)) throw new AppError('forbidden');
    const ended = await tx
      .update(caseTeamMembers)
      .set({ endedOn: todayIn(enrollment.timeZone) })
      .where(
        and(
          eq(caseTeamMembers.id, options.memberId),
          eq(caseTeamMembers.enrollmentId, enrollment.id),
          isNull(caseTeamMembers.endedOn),
        ),
      )
      .returning({ id: caseTeamMembers.id, userId: caseTeamMembers.userId, role: caseTeamMembers.role });
    if (ended.length === 0) throw notFound();
    await recordAudit(tx, ctx, {
      action: 'case_team.end',
      participantIds: [enrollment.participantId],
      targetType: 'case_team_member',
      targetId: options.memberId,
      details: { enrollmentId: enrollment.id, userId: ended[0]?.userId, role: ended[0]?.role, reason: options.reason ?? null },
    });
  });
}
