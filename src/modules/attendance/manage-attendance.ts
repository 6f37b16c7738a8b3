import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { disclosureRecordOf } from '../consent/disclosure-record.js';
import { recordRead } from '../consent/record-read.js';
import { organizations } from '../organizations/organizations.tables.js';
import { recordingRole } from '../participants/case-roles.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { users } from '../users/users.tables.js';
import type { Attendance, AttendanceCreate, AttendanceUpdate } from './attendance.schema.js';
import { ATTENDANCE_ROLES } from './attendance.schema.js';
import { attendanceEvents } from './attendance.tables.js';

/*
 * Attendance: treatment sessions, court hearings, probation appointments, peer support and mutual-aid
 * meetings, each scheduled and then marked attended, late, excused, missed or rescheduled. Whoever
 * records an event holds it (a treatment program's session record is Part 2; the court's hearing is
 * the court's); only its holder marks how it went.
 */

export async function recordAttendance(options: { db: Db; ctx: AccessContext; input: AttendanceCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, ATTENDANCE_ROLES, { message: 'errors.attendance_role' });
    const scheduledAt = new Date(input.scheduledAt);
    // What is still to come can only be scheduled.
    if (input.outcome !== 'scheduled' && scheduledAt.getTime() > Date.now() + 60_000) {
      throw new AppError('validation', 'errors.outcome_in_future', {
        fields: [{ path: 'outcome', message: 'errors.outcome_in_future' }],
      });
    }
    const [row] = await tx
      .insert(attendanceEvents)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        kind: input.kind,
        title: input.title,
        durationMinutes: input.durationMinutes,
        outcome: input.outcome,
        selfReported: input.selfReported,
        note: input.note,
        custodianOrgId: role.organizationId,
        occurredAt: scheduledAt,
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: attendanceEvents.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'attendance.create',
      participantIds: [enrollment.participantId],
      targetType: 'attendance_event',
      targetId: row!.id,
      details: { kind: input.kind, outcome: input.outcome },
    });
    return { id: row!.id };
  });
}

/** Its holder marks how an event went, verifies a self-reported one, or reschedules it. */
export async function updateAttendance(options: { db: Db; ctx: AccessContext; eventId: string; input: AttendanceUpdate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(attendanceEvents).where(eq(attendanceEvents.id, options.eventId)).for('update');
    if (!row) throw notFound();
    const enrollment = await findEnrollmentForWrite(tx, ctx, row.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, ATTENDANCE_ROLES, { organizationId: row.custodianOrgId }).catch(
      () => null,
    );
    if (!role) {
      const policy = DisclosurePolicy.for(ctx);
      const record = await disclosureRecordOf(tx, row);
      await policy.prepare(tx, [record]);
      if (!policy.decide(record).permit) throw notFound();
      throw new AppError('forbidden', 'errors.attendance_holder');
    }
    const outcome = input.outcome ?? row.outcome;
    if (outcome !== 'scheduled' && outcome !== 'rescheduled' && row.occurredAt.getTime() > Date.now() + 60_000) {
      throw new AppError('validation', 'errors.outcome_in_future', {
        fields: [{ path: 'outcome', message: 'errors.outcome_in_future' }],
      });
    }
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    let rescheduledTo: string | null = row.rescheduledTo;
    if (input.rescheduledTo) {
      const [next] = await tx
        .insert(attendanceEvents)
        .values({
          participantId: row.participantId,
          enrollmentId: row.enrollmentId,
          kind: row.kind,
          title: row.title,
          durationMinutes: row.durationMinutes,
          custodianOrgId: row.custodianOrgId,
          occurredAt: new Date(input.rescheduledTo),
          enteredBy: userId,
        })
        .returning({ id: attendanceEvents.id });
      rescheduledTo = next!.id;
    }
    await tx
      .update(attendanceEvents)
      .set({
        outcome,
        note: input.note === undefined ? row.note : input.note,
        rescheduledTo,
        ...(input.verified === undefined
          ? {}
          : input.verified
            ? { verifiedBy: userId, verifiedAt: new Date() }
            : { verifiedBy: null, verifiedAt: null }),
        updatedAt: new Date(),
      })
      .where(eq(attendanceEvents.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'attendance.update',
      participantIds: [row.participantId],
      targetType: 'attendance_event',
      targetId: row.id,
      details: { outcome, verified: input.verified ?? null, rescheduledTo },
    });
    return { id: row.id, rescheduledTo };
  });
}

/** A participant's attendance as the reader may see it, soonest-to-come and most recent first. */
export async function readAttendance(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const rows = await tx
      .select({
        e: attendanceEvents,
        part2: organizations.part2Program,
        custodianName: organizations.name,
        enteredByName: users.displayName,
      })
      .from(attendanceEvents)
      .leftJoin(organizations, eq(organizations.id, attendanceEvents.custodianOrgId))
      .leftJoin(users, eq(users.id, attendanceEvents.enteredBy))
      .where(eq(attendanceEvents.participantId, participantId))
      .orderBy(asc(attendanceEvents.occurredAt));
    const policy = DisclosurePolicy.for(ctx);
    const candidates = rows
      .filter((r) => enrollmentIds.includes(r.e.enrollmentId))
      .map((r) => ({
        ...r,
        record: {
          participantId,
          custodianOrgId: r.e.custodianOrgId,
          custodianIsPart2: r.part2 ?? undefined,
          dataClass: r.e.dataClass,
          occurredAt: r.e.occurredAt,
          enteredBy: r.e.enteredBy,
        } satisfies DisclosureRecord,
      }));
    const shown = (await policy.visible(tx, candidates, (c) => c.record)).reverse();
    policy.disclose(shown, (c) => c.record);
    const disclosureIds = await recordRead(tx, ctx, policy, 'screen', {
      action: 'participant.attendance.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { events: shown.length },
    });
    const items: Attendance[] = shown.map(({ e, custodianName, part2, enteredByName }) => ({
      id: e.id,
      participantId,
      enrollmentId: e.enrollmentId,
      kind: e.kind,
      title: e.title,
      scheduledAt: e.occurredAt.toISOString(),
      durationMinutes: e.durationMinutes,
      outcome: e.outcome,
      selfReported: e.selfReported,
      verified: e.verifiedAt !== null,
      note: e.note,
      custodian: { id: e.custodianOrgId, name: custodianName ?? '', part2: part2 ?? true },
      enteredAt: e.enteredAt.toISOString(),
      enteredByName,
    }));
    return { participantId, items, redisclosureNotice: disclosureIds.length > 0 };
  });
}
