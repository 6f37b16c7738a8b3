import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { organizations } from '../organizations/organizations.tables.js';
import { phases, programs } from '../programs/programs.tables.js';
import { recordOrigin } from '../records/record-columns.js';
import { noteRecordHolder } from '../records/record-holders.js';
import type { ParticipantCreate } from './participants.schema.js';
import {
  caseTeamMembers,
  enrollmentPhaseHistory,
  enrollmentStatusHistory,
  enrollments,
  participants,
} from './participants.tables.js';
import { servingOrganization } from './team-eligibility.js';

/**
 * Enrolls a new participant in a court program: the identity, the enrollment with its first status
 * (and first phase when admitted as active), and the case team, in one transaction. The court is
 * the custodian of these records.
 */
export async function enrollParticipant(options: { db: Db; ctx: AccessContext; input: ParticipantCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [program] = await tx
      .select({ program: programs, timeZone: organizations.timeZone })
      .from(programs)
      .innerJoin(organizations, eq(organizations.id, programs.courtId))
      .where(eq(programs.id, input.enrollment.programId));
    // A program in a court where the actor cannot enroll is as good as unknown to them.
    if (!program || !canInCourt(ctx.actor, 'participant.enroll', program.program.courtId)) throw notFound();
    if (!program.program.active) throw new AppError('conflict', 'errors.program_inactive');
    const courtId = program.program.courtId;
    const today = todayIn(program.timeZone);
    const record = recordOrigin(ctx, courtId);

    let phaseId: string | null = null;
    if (input.enrollment.status === 'active') {
      const programPhases = await tx
        .select()
        .from(phases)
        .where(and(eq(phases.programId, program.program.id), eq(phases.retired, false)))
        .orderBy(asc(phases.position));
      phaseId = input.enrollment.phaseId ?? programPhases[0]?.id ?? null;
      if (!phaseId || !programPhases.some((p) => p.id === phaseId)) {
        throw new AppError('validation', 'errors.phase_not_in_program', {
          fields: [{ path: 'enrollment.phaseId', message: 'errors.phase_not_in_program' }],
        });
      }
    }

    const { identity } = input;
    const [participant] = await tx
      .insert(participants)
      .values({
        firstName: identity.firstName,
        lastName: identity.lastName,
        preferredName: identity.preferredName ?? null,
        dateOfBirth: identity.dateOfBirth ?? null,
        pronouns: identity.pronouns ?? null,
        language: identity.language,
        raceEthnicity: identity.raceEthnicity,
        gender: identity.gender ?? null,
        phone: identity.phone ?? null,
        email: identity.email ?? null,
        address: identity.address ?? null,
        ...record,
      })
      .returning({ id: participants.id });
    if (!participant) throw new Error('participant insert returned nothing');

    const existing = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.courtId, courtId), eq(enrollments.caseNumber, input.enrollment.caseNumber)));
    if (existing.length > 0) {
      throw new AppError('conflict', 'errors.case_number_taken', {
        fields: [{ path: 'enrollment.caseNumber', message: 'errors.case_number_taken' }],
      });
    }
    const [enrollment] = await tx
      .insert(enrollments)
      .values({
        participantId: participant.id,
        programId: program.program.id,
        courtId,
        caseNumber: input.enrollment.caseNumber,
        referralSource: input.enrollment.referralSource ?? null,
        referredOn: input.enrollment.referredOn,
        status: input.enrollment.status,
        statusSince: today,
        currentPhaseId: phaseId,
        phaseStartedOn: phaseId ? today : null,
        nextCourtDate: input.enrollment.nextCourtDate ?? null,
        ...record,
      })
      .returning({ id: enrollments.id });
    if (!enrollment) throw new Error('enrollment insert returned nothing');
    await tx.insert(enrollmentStatusHistory).values({
      enrollmentId: enrollment.id,
      participantId: participant.id,
      fromStatus: null,
      toStatus: input.enrollment.status,
      effectiveOn: today,
      reason: 'Enrolled',
      ...record,
    });
    if (phaseId) {
      await tx.insert(enrollmentPhaseHistory).values({
        enrollmentId: enrollment.id,
        participantId: participant.id,
        phaseId,
        startedOn: today,
        reason: 'Admitted',
        ...record,
      });
    }
    for (const member of input.team) {
      const organizationId = await servingOrganization(tx, { courtId, userId: member.userId, role: member.role });
      if (!organizationId) {
        throw new AppError('validation', 'errors.team_member_role', {
          params: { role: member.role },
          fields: [{ path: 'team', message: 'errors.team_member_role' }],
        });
      }
      await tx.insert(caseTeamMembers).values({
        enrollmentId: enrollment.id,
        participantId: participant.id,
        userId: member.userId,
        organizationId,
        role: member.role,
        assignedOn: today,
        ...record,
      });
    }
    await noteRecordHolder(tx, participant.id, courtId);
    await recordAudit(tx, ctx, {
      action: 'participant.create',
      participantIds: [participant.id],
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { courtId, programId: program.program.id, status: input.enrollment.status, team: input.team.length },
    });
    return { participantId: participant.id, enrollmentId: enrollment.id };
  });
}
