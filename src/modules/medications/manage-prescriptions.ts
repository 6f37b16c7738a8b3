import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { pastInstant, todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { recordingRole } from '../participants/case-roles.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { reinterpretTests, testIdsBetween } from '../testing/tests.repository.js';
import { isMoud, type Medication } from './medication-catalog.js';
import { type HeldPrescription, participantPrescriptions, prescriptionView, recordsOf } from './medications.repository.js';
import {
  CONTINUITY_EVENT_CLASS,
  type ContinuityAlert,
  DOSING_ROLES,
  MEDICATION_ROLES,
  type Prescription,
  type PrescriptionCreate,
  type PrescriptionUpdate,
  type ZContinuityEventCreate,
  type ZDoseCreate,
} from './medications.schema.js';
import { continuityEvents, doseRecords, prescriptions } from './medications.tables.js';

/*
 * Prescriptions (MOUD first), doses where the program keeps them, and the events that put
 * continuity at risk. A prescription is recorded by the treatment team, or by court or probation
 * staff from what the participant shows them (their own record then). Treatment decisions about a
 * medication belong to its prescriber: Tandem records them, and a court condition can never require
 * stopping or tapering one (the goals work enforces it on conditions).
 */

/** How many doses missed in a row make an alert (an OTP re-evaluates after a few missed doses). */
export const MISSED_DOSES_ALERT = 2;
/** How long a continuity event keeps its alert open. */
const CONTINUITY_ALERT_DAYS = 14;

function view(p: HeldPrescription, detail: 'full' | 'moud_only'): Prescription {
  const full = detail === 'full';
  return {
    id: p.id,
    participantId: p.participantId,
    enrollmentId: p.enrollmentId,
    medication: p.medication as Medication,
    moud: isMoud(p.medication as Medication),
    detail,
    // Seen only as "receives MOUD": which medication and since when, no dose, prescriber or pharmacy.
    productName: full ? p.productName : '',
    dose: full ? p.dose : '',
    covers: full ? p.covers : [],
    prescriber: full ? p.prescriber : '',
    dispenser: full ? p.dispenser : '',
    startedOn: p.startedOn,
    endedOn: p.endedOn,
    stopReason: full ? p.stopReason : null,
    custodian: { id: p.custodianOrgId, name: p.custodianName, part2: p.custodianPart2 ?? true },
    enteredAt: p.enteredAt.toISOString(),
    enteredByName: full ? p.enteredByName : null,
  };
}

/**
 * Only a prescription's holder changes it or records its doses: anyone else who may see it is refused
 * (403); to anyone who may not, it does not exist (404).
 */
async function holderRole(q: Queryable, ctx: AccessContext, row: typeof prescriptions.$inferSelect, roles: readonly TeamRole[]) {
  const enrollment = await findEnrollmentForWrite(q, ctx, row.enrollmentId);
  if (!enrollment) throw notFound();
  const role = await recordingRole(q, ctx, enrollment, roles, { organizationId: row.custodianOrgId }).catch(() => null);
  if (role) return { enrollment, role };
  const held = (await participantPrescriptions(q, row.participantId)).find((p) => p.id === row.id)!;
  const policy = DisclosurePolicy.for(ctx);
  await policy.prepare(q, recordsOf([held]));
  if (prescriptionView(policy, held) === null) throw notFound();
  throw new AppError('forbidden', 'errors.prescription_holder');
}

export async function createPrescription(options: { db: Db; ctx: AccessContext; input: PrescriptionCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, MEDICATION_ROLES, { message: 'errors.medication_role' });
    if (input.endedOn !== null && input.endedOn > todayIn(enrollment.timeZone)) {
      throw new AppError('validation', 'errors.date_in_future', {
        fields: [{ path: 'endedOn', message: 'errors.date_in_future' }],
      });
    }
    const [row] = await tx
      .insert(prescriptions)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        medication: input.medication,
        productName: input.productName,
        dose: input.dose,
        covers: input.medication === 'other' ? [...new Set(input.covers)] : [],
        prescriber: input.prescriber,
        dispenser: input.dispenser,
        startedOn: input.startedOn,
        endedOn: input.endedOn,
        stopReason: input.stopReason,
        custodianOrgId: role.organizationId,
        occurredAt: new Date(`${input.startedOn}T12:00:00Z`),
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: prescriptions.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    // Tests taken while it was in effect read differently now.
    await reinterpretTests(
      tx,
      enrollment.participantId,
      await testIdsBetween(tx, enrollment.participantId, input.startedOn, input.endedOn),
    );
    await recordAudit(tx, ctx, {
      action: 'prescription.create',
      participantIds: [enrollment.participantId],
      targetType: 'prescription',
      targetId: row!.id,
      details: { medication: input.medication, moud: isMoud(input.medication) },
    });
    return { id: row!.id };
  });
}

/** A prescription's holder corrects it, or records that it ended (with the reason the prescriber gave). */
export async function updatePrescription(options: {
  db: Db;
  ctx: AccessContext;
  prescriptionId: string;
  input: PrescriptionUpdate;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(prescriptions).where(eq(prescriptions.id, options.prescriptionId)).for('update');
    if (!row) throw notFound();
    await holderRole(tx, ctx, row, MEDICATION_ROLES);
    const endedOn = input.endedOn === undefined ? row.endedOn : input.endedOn;
    if (endedOn !== null && endedOn < row.startedOn) {
      throw new AppError('validation', 'errors.ended_before_started', {
        fields: [{ path: 'endedOn', message: 'errors.ended_before_started' }],
      });
    }
    await tx
      .update(prescriptions)
      .set({
        ...input,
        covers: row.medication === 'other' && input.covers ? [...new Set(input.covers)] : row.covers,
        updatedAt: new Date(),
      })
      .where(eq(prescriptions.id, row.id));
    const from = row.startedOn;
    await reinterpretTests(tx, row.participantId, await testIdsBetween(tx, row.participantId, from, null));
    await recordAudit(tx, ctx, {
      action: 'prescription.update',
      participantIds: [row.participantId],
      targetType: 'prescription',
      targetId: row.id,
      details: { fields: Object.keys(input), ended: endedOn !== null },
    });
    return { id: row.id };
  });
}

/** A dose taken, missed or held, by the program that keeps the prescription's dosing. */
export async function recordDose(options: {
  db: Db;
  ctx: AccessContext;
  prescriptionId: string;
  input: z.infer<typeof ZDoseCreate>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(prescriptions).where(eq(prescriptions.id, options.prescriptionId));
    if (!row) throw notFound();
    const { enrollment, role } = await holderRole(tx, ctx, row, DOSING_ROLES);
    if (input.dueOn > todayIn(enrollment.timeZone)) {
      throw new AppError('validation', 'errors.date_in_future', {
        fields: [{ path: 'dueOn', message: 'errors.date_in_future' }],
      });
    }
    const [dose] = await tx
      .insert(doseRecords)
      .values({
        prescriptionId: row.id,
        participantId: row.participantId,
        enrollmentId: row.enrollmentId,
        dueOn: input.dueOn,
        status: input.status,
        note: input.note,
        custodianOrgId: role.organizationId,
        occurredAt: new Date(`${input.dueOn}T12:00:00Z`),
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: doseRecords.id });
    await recordAudit(tx, ctx, {
      action: 'dose.record',
      participantIds: [row.participantId],
      targetType: 'prescription',
      targetId: row.id,
      details: { status: input.status, dueOn: input.dueOn },
    });
    return { id: dose!.id };
  });
}

/** Custody, a release, a discharge: recorded by whoever learns of it; the treatment team is alerted. */
export async function recordContinuityEvent(options: {
  db: Db;
  ctx: AccessContext;
  input: z.infer<typeof ZContinuityEventCreate>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, MEDICATION_ROLES, { message: 'errors.medication_role' });
    const [event] = await tx
      .insert(continuityEvents)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        kind: input.kind,
        note: input.note,
        expectedDays: input.expectedDays,
        dataClass: CONTINUITY_EVENT_CLASS[input.kind],
        custodianOrgId: role.organizationId,
        occurredAt: pastInstant(input.occurredAt, 'occurredAt'),
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: continuityEvents.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'continuity_event.create',
      participantIds: [enrollment.participantId],
      targetType: 'continuity_event',
      targetId: event!.id,
      details: { kind: input.kind },
    });
    return { id: event!.id };
  });
}

/**
 * MOUD continuity alerts for a participant, for the treatment team that holds the prescription: doses
 * missed in a row, and custody, release or discharge while a MOUD prescription is in effect.
 */
export async function continuityAlerts(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  held: readonly HeldPrescription[],
  now: Date,
) {
  const readerOrgs = ctx.actor.kind === 'token' ? [ctx.actor.organizationId] : ctx.actor.memberships.map((m) => m.organizationId);
  const today = now.toISOString().slice(0, 10);
  const mine = held.filter(
    (p) =>
      isMoud(p.medication as Medication) &&
      p.custodianPart2 &&
      readerOrgs.includes(p.custodianOrgId) &&
      (p.endedOn === null || p.endedOn >= today),
  );
  if (mine.length === 0) return [];
  const alerts: ContinuityAlert[] = [];
  const doses = await q
    .select()
    .from(doseRecords)
    .where(
      inArray(
        doseRecords.prescriptionId,
        mine.map((p) => p.id),
      ),
    )
    .orderBy(desc(doseRecords.dueOn));
  for (const p of mine) {
    let missed = 0;
    let since: string | null = null;
    for (const d of doses.filter((x) => x.prescriptionId === p.id)) {
      if (d.status !== 'missed') break;
      missed += 1;
      since = d.dueOn;
    }
    if (missed >= MISSED_DOSES_ALERT) {
      alerts.push({
        kind: 'missed_doses',
        prescriptionId: p.id,
        medication: p.medication as Medication,
        since: `${since}T00:00:00.000Z`,
        count: missed,
      });
    }
  }
  const events = await q
    .select()
    .from(continuityEvents)
    .where(and(eq(continuityEvents.participantId, participantId)))
    .orderBy(desc(continuityEvents.occurredAt));
  const recent = events.filter((e) => now.getTime() - e.occurredAt.getTime() <= CONTINUITY_ALERT_DAYS * 86_400_000);
  for (const e of recent) {
    for (const p of mine) {
      alerts.push({
        kind: e.kind,
        prescriptionId: p.id,
        medication: p.medication as Medication,
        since: e.occurredAt.toISOString(),
        count: null,
      });
    }
  }
  return alerts;
}

/** A participant's prescriptions as the reader may see them (in full, or only as "receives MOUD"), with alerts for the treatment team. */
export async function readPrescriptions(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const policy = DisclosurePolicy.for(ctx);
    const all = (await participantPrescriptions(tx, participantId)).filter((p) => enrollmentIds.includes(p.enrollmentId));
    await policy.prepare(tx, recordsOf(all));
    const items: Prescription[] = [];
    const shown: { p: HeldPrescription; detail: 'full' | 'moud_only' }[] = [];
    for (const p of all) {
      const detail = prescriptionView(policy, p);
      if (!detail) continue;
      items.push(view(p, detail));
      shown.push({ p, detail });
    }
    policy.disclose(
      shown.filter((s) => s.detail === 'full').map((s) => s.p),
      (p) => recordsOf([p])[0]!,
    );
    policy.disclose(
      shown.filter((s) => s.detail === 'moud_only').map((s) => s.p),
      (p) => recordsOf([p])[1]!,
    );
    const alerts = await continuityAlerts(tx, ctx, participantId, all, policy.now);
    const disclosureIds = await recordRead(tx, ctx, policy, 'screen', {
      action: 'participant.prescriptions.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { prescriptions: items.length },
    });
    return { participantId, items, alerts, redisclosureNotice: disclosureIds.length > 0 };
  });
}
