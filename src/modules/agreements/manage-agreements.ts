import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { type AuditEntry, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { Locale } from '../users/users.schema.js';
import { users } from '../users/users.tables.js';
import type { AgreementCreate } from './agreements.schema.js';
import { agreementConditions, agreements } from './agreements.tables.js';
import { CONDITION_RULES } from './condition-rules.js';
import { validateCondition } from './validate-condition.js';

/*
 * The agreement (the mandate) on a case: its conditions drafted by the court's coordinator, each
 * checked by the condition validator — a condition it refuses is never stored, and the person drafting
 * is told why in their language; what it warns about is kept with the condition — then acknowledged
 * by the participant in their language, before a staff member. A new version supersedes the one
 * before when it is acknowledged. The court's own record.
 */

/** The audit entry of a draft the validator refused: which rules refused it (its words are not kept). */
export function refusedDraftAudit(participantId: string, enrollmentId: string, ruleIds: readonly string[]): AuditEntry {
  return {
    action: 'agreement.draft',
    outcome: 'denied',
    participantIds: [participantId],
    targetType: 'enrollment',
    targetId: enrollmentId,
    details: { refusedBy: [...new Set(ruleIds)], rulesVersion: CONDITION_RULES.version },
  };
}

/** Drafts a new version of a case's agreement. A refused draft keeps nothing but its audit entry. */
export async function draftAgreement(options: { db: Db; ctx: AccessContext; input: AgreementCreate }) {
  const { ctx, input } = options;
  let refusal: AuditEntry | null = null;
  try {
    return await draft(options.db, ctx, input, (entry) => {
      refusal = entry;
    });
  } catch (error) {
    if (refusal) await recordAudit(options.db, ctx, refusal);
    throw error;
  }
}

async function draft(db: Db, ctx: AccessContext, input: AgreementCreate, refused: (entry: AuditEntry) => void) {
  return db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'participant.enroll', enrollment.courtId))
      throw new AppError('forbidden', 'errors.agreement_role');
    const checks = input.conditions.map((c) =>
      validateCondition({
        kind: c.kind,
        wording: c.wording,
        fromPhase: c.fromPhase,
        sanctioned: c.sanctioned,
        substances: c.substances ?? undefined,
        exceptsPrescribed: c.exceptsPrescribed,
        medication: c.medication ?? undefined,
      }),
    );
    const refusedFields = checks.flatMap((check, i) =>
      check.findings
        .filter((f) => f.severity === 'refuse')
        .map((f) => ({
          path: `conditions.${i}.wording`,
          message: 'errors.condition_refused',
          params: { reason_en: f.reason.en, reason_es: f.reason.es },
        })),
    );
    if (refusedFields.length > 0) {
      refused(
        refusedDraftAudit(
          enrollment.participantId,
          enrollment.id,
          checks.flatMap((c) => c.findings.filter((f) => f.severity === 'refuse').map((f) => f.ruleId)),
        ),
      );
      throw new AppError('validation', 'errors.conditions_refused', { fields: refusedFields });
    }
    const [last] = await tx
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.enrollmentId, enrollment.id))
      .orderBy(desc(agreements.version))
      .limit(1);
    const [agreement] = await tx
      .insert(agreements)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        version: (last?.version ?? 0) + 1,
        language: input.language,
        custodianOrgId: enrollment.courtId,
        occurredAt: new Date(),
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: agreements.id, version: agreements.version });
    await tx.insert(agreementConditions).values(
      input.conditions.map((c, position) => ({
        agreementId: agreement!.id,
        position,
        kind: c.kind,
        wording: c.wording,
        monitoredBy: c.monitoredBy,
        method: c.method,
        frequency: c.frequency,
        fromPhase: c.fromPhase,
        sanctioned: c.sanctioned,
        substances: c.substances,
        exceptsPrescribed: c.exceptsPrescribed,
        medication: c.medication,
        check: checks[position]!,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'agreement.draft',
      participantIds: [enrollment.participantId],
      targetType: 'agreement',
      targetId: agreement!.id,
      details: {
        version: agreement!.version,
        conditions: input.conditions.length,
        warnings: checks.flatMap((c) => c.findings.map((f) => f.ruleId)),
        rulesVersion: checks[0]?.rulesVersion ?? null,
      },
    });
    return { id: agreement!.id };
  });
}

/** Records the participant's acknowledgement of a drafted version; the version before it is superseded. */
export async function acknowledgeAgreement(options: { db: Db; ctx: AccessContext; agreementId: string; acknowledgedOn: string }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const [row] = await tx.select().from(agreements).where(eq(agreements.id, options.agreementId)).for('update');
    const enrollment = row ? await findEnrollmentForWrite(tx, ctx, row.enrollmentId) : null;
    if (!row || !enrollment) throw notFound();
    if (!canInCourt(ctx.actor, 'participant.enroll', enrollment.courtId))
      throw new AppError('forbidden', 'errors.agreement_role');
    if (row.status !== 'draft') throw new AppError('conflict', 'errors.agreement_not_draft');
    if (options.acknowledgedOn > todayIn(enrollment.timeZone)) {
      throw new AppError('validation', 'errors.date_in_future', {
        fields: [{ path: 'acknowledgedOn', message: 'errors.date_in_future' }],
      });
    }
    await tx
      .update(agreements)
      .set({ status: 'superseded' })
      .where(and(eq(agreements.enrollmentId, row.enrollmentId), eq(agreements.status, 'acknowledged')));
    await tx
      .update(agreements)
      .set({
        status: 'acknowledged',
        acknowledgedOn: options.acknowledgedOn,
        acknowledgedAt: new Date(),
        witnessedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .where(eq(agreements.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'agreement.acknowledge',
      participantIds: [row.participantId],
      targetType: 'agreement',
      targetId: row.id,
      details: { version: row.version, acknowledgedOn: options.acknowledgedOn },
    });
    return { id: row.id };
  });
}

/** A participant's agreements on the cases the reader may see, newest version first, warnings in the reader's language. */
export async function listAgreements(options: { db: Db; ctx: AccessContext; participantId: string; locale: Locale }) {
  const { ctx, participantId, locale } = options;
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const rows = await tx
      .select({ a: agreements, witness: users.displayName })
      .from(agreements)
      .leftJoin(users, eq(users.id, agreements.witnessedBy))
      .where(and(eq(agreements.participantId, participantId), inArray(agreements.enrollmentId, enrollmentIds)))
      .orderBy(desc(agreements.version));
    const conditions =
      rows.length === 0
        ? []
        : await tx
            .select()
            .from(agreementConditions)
            .where(
              inArray(
                agreementConditions.agreementId,
                rows.map((r) => r.a.id),
              ),
            )
            .orderBy(asc(agreementConditions.position));
    await recordAudit(tx, ctx, {
      action: 'participant.agreements.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { agreements: rows.length },
    });
    return {
      items: rows.map(({ a, witness }) => ({
        id: a.id,
        enrollmentId: a.enrollmentId,
        version: a.version,
        status: a.status,
        language: a.language as Locale,
        acknowledgedOn: a.acknowledgedOn,
        witnessedByName: witness,
        createdAt: a.enteredAt.toISOString(),
        conditions: conditions
          .filter((c) => c.agreementId === a.id)
          .map((c) => ({
            id: c.id,
            position: c.position,
            kind: c.kind,
            wording: c.wording,
            monitoredBy: c.monitoredBy,
            method: c.method,
            frequency: c.frequency,
            fromPhase: c.fromPhase,
            sanctioned: c.sanctioned,
            substances: c.substances === 'all' ? ('all' as const) : c.substances ? [...c.substances] : null,
            exceptsPrescribed: c.exceptsPrescribed,
            medication: c.medication ? { prescriberOrder: false, ...c.medication } : null,
            warnings: c.check.findings.map((f) => ({
              ruleId: f.ruleId,
              severity: f.severity,
              source: f.source,
              reason: f.reason[locale],
            })),
            rulesVersion: c.check.rulesVersion,
          })),
      })),
    };
  });
}
