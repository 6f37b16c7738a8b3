import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { treatmentSide } from '../goals/goal-kinds.js';
import { organizations } from '../organizations/organizations.tables.js';
import { type CaseRole, caseRolesOf, recordingRole } from '../participants/case-roles.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import { enrollments } from '../participants/participants.tables.js';
import { recordOrigin } from '../records/record-columns.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { users } from '../users/users.tables.js';
import { INSTRUMENTS, valuesSeenBy } from './instrument-catalog.js';

/** Screens a treatment program's clinicians give: held only by a Part 2 program. */
const CLINICAL_INSTRUMENTS = new Set<string>(['phq9', 'gad7']);

import {
  CLINICAL_ROLES,
  INSTRUMENT_ROLES,
  type InstrumentResponse,
  type InstrumentResponseCreate,
} from './instruments.schema.js';
import { instrumentResponses } from './instruments.tables.js';
import { scoreInstrument } from './score-instrument.js';

/*
 * Instruments: a participant completes one (on a device handed to them, or with staff reading the
 * items) and it is scored on saving; a risk–need triage's result is recorded as the tool gave it. The
 * program that records it holds it (an assessment: Part 2 for a treatment program). A PHQ-9 with item
 * 9 above 0 raises a safety prompt that only that program's clinicians see until one records the
 * follow-up.
 */

export async function recordResponse(options: { db: Db; ctx: AccessContext; input: InstrumentResponseCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    // The clinical screens are a treatment program's records; recovery capital and readiness may be a
    // partner's (a peer specialist's) too; the triage result may be the court's. Only the last is ever held by the court.
    const role = await recordingRole(tx, ctx, enrollment, INSTRUMENT_ROLES[input.instrument], {
      message: 'errors.instrument_role',
      ...(input.instrument === 'rant'
        ? {}
        : CLINICAL_INSTRUMENTS.has(input.instrument)
          ? { where: (r: CaseRole) => r.part2 }
          : { where: treatmentSide(enrollment.courtId) }),
    });
    if (input.completedOn > todayIn(enrollment.timeZone)) {
      throw new AppError('validation', 'errors.date_in_future', {
        fields: [{ path: 'completedOn', message: 'errors.date_in_future' }],
      });
    }
    let score = null;
    if (input.instrument !== 'rant') {
      const scored = scoreInstrument(input.instrument, input.answers);
      if (!scored.ok) {
        throw new AppError('validation', 'errors.instrument_incomplete', {
          fields: scored.problems.map((p) => ({ path: `answers.${p.item}`, message: `errors.instrument_${p.problem}` })),
        });
      }
      score = scored.score;
    }
    const [row] = await tx
      .insert(instrumentResponses)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        instrument: input.instrument,
        version: input.instrument === 'rant' ? 'external' : INSTRUMENTS[input.instrument].version,
        completedOn: input.completedOn,
        respondent: input.respondent,
        language: input.language,
        answers: input.instrument === 'rant' ? {} : input.answers,
        score,
        externalResult: input.instrument === 'rant' ? input.externalResult : null,
        note: input.note,
        safetyPrompt: score?.safetyPrompt ? 'open' : 'none',
        ...recordOrigin(ctx, role.organizationId),
      })
      .returning({ id: instrumentResponses.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'instrument.record',
      participantIds: [enrollment.participantId],
      targetType: 'instrument_response',
      targetId: row!.id,
      details: { instrument: input.instrument, safetyPrompt: score?.safetyPrompt ?? false },
    });
    return { id: row!.id, safetyPrompt: score?.safetyPrompt ?? false };
  });
}

/** A clinician of the holding program records the follow-up of a safety prompt. */
export async function followUpSafety(options: { db: Db; ctx: AccessContext; responseId: string; note: string }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(instrumentResponses).where(eq(instrumentResponses.id, options.responseId)).for('update');
    const enrollment = row ? await findEnrollmentForWrite(tx, ctx, row.enrollmentId) : null;
    if (!row || !enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, CLINICAL_ROLES, { organizationId: row.custodianOrgId }).catch(
      () => null,
    );
    // Only the holding program's clinicians know of the prompt: to anyone else it does not exist.
    if (!role || row.safetyPrompt === 'none') throw notFound();
    if (row.safetyPrompt === 'followed_up') throw new AppError('conflict', 'errors.safety_followed_up');
    await tx
      .update(instrumentResponses)
      .set({
        safetyPrompt: 'followed_up',
        safetyFollowUpBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        safetyFollowUpAt: new Date(),
        safetyFollowUpNote: options.note,
      })
      .where(eq(instrumentResponses.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'instrument.safety_follow_up',
      participantIds: [row.participantId],
      targetType: 'instrument_response',
      targetId: row.id,
    });
    return { id: row.id };
  });
}

/** Every instrument response of a participant the reader may see, newest first (the chart reads them oldest first). */
export async function readInstruments(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const follower = alias(users, 'follower');
    const rows = await tx
      .select({
        r: instrumentResponses,
        custodianName: organizations.name,
        part2: organizations.part2Program,
        enteredByName: users.displayName,
        followedUpByName: follower.displayName,
        courtId: enrollments.courtId,
      })
      .from(instrumentResponses)
      .innerJoin(enrollments, eq(enrollments.id, instrumentResponses.enrollmentId))
      .leftJoin(organizations, eq(organizations.id, instrumentResponses.custodianOrgId))
      .leftJoin(users, eq(users.id, instrumentResponses.enteredBy))
      .leftJoin(follower, eq(follower.id, instrumentResponses.safetyFollowUpBy))
      .where(eq(instrumentResponses.participantId, participantId))
      .orderBy(desc(instrumentResponses.completedOn), desc(instrumentResponses.enteredAt));
    const policy = DisclosurePolicy.for(ctx);
    const candidates = rows
      .filter((r) => enrollmentIds.includes(r.r.enrollmentId))
      .map((r) => ({
        ...r,
        record: {
          participantId,
          custodianOrgId: r.r.custodianOrgId,
          custodianIsPart2: r.part2 ?? undefined,
          dataClass: r.r.dataClass,
          occurredAt: r.r.occurredAt,
          enteredBy: r.r.enteredBy,
        } satisfies DisclosureRecord,
      }));
    const shown = await policy.visible(tx, candidates, (c) => c.record);
    const roles = new Map<string, CaseRole[]>();
    for (const s of shown) {
      if (!roles.has(s.r.enrollmentId))
        roles.set(s.r.enrollmentId, await caseRolesOf(tx, ctx, { id: s.r.enrollmentId, courtId: s.courtId }));
    }
    policy.disclose(shown, (s) => s.record);
    const disclosureIds = await recordRead(tx, ctx, policy, 'screen', {
      action: 'participant.instruments.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { responses: shown.length },
    });
    const items: InstrumentResponse[] = shown.map(({ r, custodianName, part2, enteredByName, followedUpByName }) => {
      const clinician = (roles.get(r.enrollmentId) ?? []).some(
        (role) => CLINICAL_ROLES.includes(role.role) && role.organizationId === r.custodianOrgId,
      );
      return {
        id: r.id,
        enrollmentId: r.enrollmentId,
        instrument: r.instrument,
        version: r.version,
        completedOn: r.completedOn,
        respondent: r.respondent,
        language: r.language as InstrumentResponse['language'],
        total: r.score?.total ?? null,
        band: r.score?.band ?? null,
        values: valuesSeenBy(r.instrument, r.score?.values ?? {}, clinician),
        externalResult: (r.externalResult as InstrumentResponse['externalResult']) ?? null,
        note: r.note,
        safety:
          clinician && r.safetyPrompt !== 'none'
            ? {
                status: r.safetyPrompt,
                followedUpByName,
                followedUpAt: r.safetyFollowUpAt?.toISOString() ?? null,
                note: r.safetyFollowUpNote,
              }
            : null,
        custodianName: custodianName ?? '',
        part2: part2 ?? true,
        enteredByName,
      };
    });
    return { participantId, items, redisclosureNotice: disclosureIds.length > 0 };
  });
}
