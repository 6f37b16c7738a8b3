import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { pastInstant } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { findEnrollmentForWrite } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { caseTeamMembers } from '../participants/participants.tables.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { NOTE_ROLES, type NoteCreate } from './notes.schema.js';
import { treatmentNotes } from './notes.tables.js';

/**
 * Records a note on a participant's case. The author must serve on the case team in a role that keeps
 * such notes; the note's custodian is the organization they serve it for, so a treatment program's
 * note is its Part 2 record.
 */
export async function writeNote(options: { db: Db; ctx: AccessContext; enrollmentId: string; input: NoteCreate }) {
  const { ctx, input } = options;
  const actor = ctx.actor;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    if (actor.kind !== 'user') throw new AppError('forbidden');
    const serving = await tx
      .select({ organizationId: caseTeamMembers.organizationId, role: caseTeamMembers.role })
      .from(caseTeamMembers)
      .where(
        and(
          eq(caseTeamMembers.enrollmentId, enrollment.id),
          eq(caseTeamMembers.userId, actor.userId),
          isNull(caseTeamMembers.endedOn),
        ),
      );
    const membership = serving.find((m) => NOTE_ROLES[input.kind].includes(m.role as TeamRole));
    if (!membership) throw new AppError('forbidden', 'errors.note_role');
    const occurredAt = pastInstant(input.occurredAt, 'occurredAt');
    const [note] = await tx
      .insert(treatmentNotes)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        body: input.body,
        dataClass: input.kind === 'counseling' ? 'counseling_note' : 'clinical_note',
        custodianOrgId: membership.organizationId,
        occurredAt,
        enteredBy: actor.userId,
      })
      .returning({ id: treatmentNotes.id });
    await noteRecordHolder(tx, enrollment.participantId, membership.organizationId);
    await recordAudit(tx, ctx, {
      action: 'note.create',
      participantIds: [enrollment.participantId],
      targetType: 'treatment_note',
      targetId: note!.id,
      details: { kind: input.kind, enrollmentId: enrollment.id },
    });
    return { id: note!.id };
  });
}
