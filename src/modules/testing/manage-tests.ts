import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { pastInstant } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { disclosureRecordOf } from '../consent/disclosure-record.js';
import { labCodeMappings } from '../labs/labs.tables.js';
import { recordingRole } from '../participants/case-roles.js';
import { findEnrollmentForWrite } from '../participants/participants.repository.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { ResultLedger } from './result-ledger.js';
import { reportByOf, reportWithinHours } from './schedules.js';
import { builtInGroup, type SubstanceGroup } from './substances.js';
import {
  DISPUTE_ROLES,
  type ResultInput,
  type ResultStatus,
  TESTING_ROLES,
  USE_REPORT_ROLES,
  type ZCollection,
  type ZReviewClose,
  type ZReviewCreate,
  type ZTestCreate,
  type ZUseReportCreate,
} from './testing.schema.js';
import { drugTests, testReviews, useReports } from './testing.tables.js';
import { openReview, reinterpretTests } from './tests.repository.js';

/*
 * Writing tests: asking for one (for cause, at intake), what happened at collection, results entered
 * by hand, disputes and carry-over reviews, and use the participant reported themself. Whoever
 * collects a test holds it: their organization is its custodian, and only its staff record its
 * collection and results. Every change reinterprets the test and is audited with it.
 */

/** A test and its case, locked for a change, as the actor may see it; 404 otherwise. */
async function testForWrite(q: Queryable, ctx: AccessContext, testId: string) {
  const [test] = await q.select().from(drugTests).where(eq(drugTests.id, testId)).for('update');
  if (!test) throw notFound();
  const enrollment = await findEnrollmentForWrite(q, ctx, test.enrollmentId);
  if (!enrollment) throw notFound();
  // The test itself must be one the actor may see (a Part 2 test is not seen by just anyone on the case).
  const policy = DisclosurePolicy.for(ctx);
  const record = await disclosureRecordOf(q, test);
  await policy.prepare(q, [record]);
  if (!policy.decide(record).permit) throw notFound();
  return { test, enrollment };
}

/** Asks for a test outside the random draw: for cause, at intake, or one scheduled by hand. */
export async function createTest(options: { db: Db; ctx: AccessContext; input: z.infer<typeof ZTestCreate> }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, TESTING_ROLES, {
      message: 'errors.testing_role',
      organizationId: input.collectorOrgId,
    });
    const notifiedAt = pastInstant(input.notifiedAt, 'notifiedAt');
    const [test] = await tx
      .insert(drugTests)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        reason: input.reason,
        specimenType: input.specimenType,
        notifiedAt,
        reportBy: reportByOf(notifiedAt, input.specimenType, await reportWithinHours(tx, enrollment.courtId)),
        accessionId: input.accessionId ?? null,
        labId: input.labId ?? null,
        custodianOrgId: role.organizationId,
        occurredAt: notifiedAt,
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await reinterpretTests(tx, enrollment.participantId, [test!.id]);
    await recordAudit(tx, ctx, {
      action: 'test.create',
      participantIds: [enrollment.participantId],
      targetType: 'drug_test',
      targetId: test!.id,
      details: { reason: input.reason, specimenType: input.specimenType },
    });
    return { id: test!.id };
  });
}

/** The collecting organization's staff record how collection went, and the specimen's validity readings. */
export async function recordCollection(options: {
  db: Db;
  ctx: AccessContext;
  testId: string;
  input: z.infer<typeof ZCollection>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { test, enrollment } = await testForWrite(tx, ctx, options.testId);
    await recordingRole(tx, ctx, enrollment, TESTING_ROLES, {
      message: 'errors.testing_custodian',
      organizationId: test.custodianOrgId,
    });
    if (test.collection !== 'scheduled') throw new AppError('conflict', 'errors.test_already_collected');
    const collectedAt = input.collection === 'collected' ? pastInstant(input.collectedAt, 'collectedAt') : null;
    await tx
      .update(drugTests)
      .set({
        collection: input.collection,
        collectedAt,
        collector: input.collector ?? null,
        observed: input.observed ?? null,
        observedBy: input.observedBy ?? null,
        temperatureC: input.temperatureC ?? null,
        creatinineMgDl: input.creatinineMgDl ?? null,
        specificGravity: input.specificGravity ?? null,
        ph: input.ph ?? null,
        adulterantDetected: input.adulterantDetected ?? null,
        reportedValidity: input.reportedValidity ?? null,
        chainOfCustodyId: input.chainOfCustodyId ?? test.chainOfCustodyId,
        accessionId: input.accessionId ?? test.accessionId,
        ...(collectedAt ? { occurredAt: collectedAt } : {}),
        updatedAt: new Date(),
      })
      .where(eq(drugTests.id, test.id));
    await reinterpretTests(tx, test.participantId, [test.id]);
    await recordAudit(tx, ctx, {
      action: 'test.collection',
      participantIds: [test.participantId],
      targetType: 'drug_test',
      targetId: test.id,
      details: { collection: input.collection },
    });
    return { id: test.id };
  });
}

/** A result to add to a test, from a lab's message or entered by hand. */
export type NewResult = ResultInput & {
  group: SubstanceGroup;
  status: ResultStatus;
  code?: string | null;
  codeSystem?: string | null;
  observedAt?: Date | null;
};

/** Adds results to a test, as a ResultLedger weighs them. */
export async function applyResults(
  q: Queryable,
  test: { id: string },
  results: readonly NewResult[],
  source: { messageId?: string | null; enteredBy?: string | null; reportedAt?: Date },
): Promise<{ applied: number; conflicts: NewResult[] }> {
  if (results.length === 0) return { applied: 0, conflicts: [] };
  const ledger = await ResultLedger.load(q, [test.id]);
  const outcome = ledger.add(test.id, results, { ...source, reportedAt: source.reportedAt ?? new Date() });
  await ledger.write(q);
  await ledger.writeFirstResults(q);
  return outcome;
}

export async function recordResults(options: { db: Db; ctx: AccessContext; testId: string; results: ResultInput[] }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const { test, enrollment } = await testForWrite(tx, ctx, options.testId);
    await recordingRole(tx, ctx, enrollment, TESTING_ROLES, {
      message: 'errors.testing_custodian',
      organizationId: test.custodianOrgId,
    });
    if (test.collection !== 'collected') throw new AppError('conflict', 'errors.test_not_collected');
    const groups = await analyteGroups(
      tx,
      test.labId,
      options.results.map((r) => r.analyte),
    );
    const unknown = options.results.filter((r) => !groups.has(r.analyte));
    if (unknown.length > 0) {
      throw new AppError('validation', 'errors.unknown_analyte', {
        params: { analyte: unknown[0]!.analyte },
        fields: unknown.map((r) => ({
          path: `results.${options.results.indexOf(r)}.analyte`,
          message: 'errors.unknown_analyte',
        })),
      });
    }
    await applyResults(
      tx,
      test,
      options.results.map((r) => ({ ...r, group: groups.get(r.analyte)!, status: 'manual' as const })),
      { enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null },
    );
    await reinterpretTests(tx, test.participantId, [test.id]);
    await recordAudit(tx, ctx, {
      action: 'test.results',
      participantIds: [test.participantId],
      targetType: 'drug_test',
      targetId: test.id,
      details: { results: options.results.length, source: 'manual' },
    });
    return { id: test.id };
  });
}

/** The substance group of each analyte: built in, or defined by the test's lab panel. */
export async function analyteGroups(q: Queryable, labId: string | null, analytes: readonly string[]) {
  const groups = new Map<string, SubstanceGroup>();
  const custom: string[] = [];
  for (const analyte of analytes) {
    const group = builtInGroup(analyte);
    if (group) groups.set(analyte, group);
    else custom.push(analyte);
  }
  if (custom.length > 0) {
    const rows = await q
      .selectDistinct({ analyte: labCodeMappings.analyte, group: labCodeMappings.substanceGroup })
      .from(labCodeMappings)
      .where(labId ? eq(labCodeMappings.labId, labId) : undefined);
    for (const row of rows) {
      if (row.analyte && row.group && custom.includes(row.analyte)) groups.set(row.analyte, row.group as SubstanceGroup);
    }
  }
  return groups;
}

/** A dispute of a result (a confirmation is asked of the lab), or the team's review of a possible carry-over. */
export async function openTestReview(options: {
  db: Db;
  ctx: AccessContext;
  testId: string;
  input: z.infer<typeof ZReviewCreate>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { test, enrollment } = await testForWrite(tx, ctx, options.testId);
    await recordingRole(tx, ctx, enrollment, input.kind === 'dispute' ? DISPUTE_ROLES : TESTING_ROLES, {
      message: 'errors.testing_role',
    });
    if (await openReview(tx, test.id, input.kind)) throw new AppError('conflict', 'errors.review_open');
    const [review] = await tx
      .insert(testReviews)
      .values({
        testId: test.id,
        participantId: test.participantId,
        kind: input.kind,
        statement: input.statement ?? null,
        openedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: testReviews.id });
    if (input.kind === 'dispute' && input.requestConfirmation && test.confirmationRequestedAt === null) {
      await tx.update(drugTests).set({ confirmationRequestedAt: new Date() }).where(eq(drugTests.id, test.id));
    }
    await reinterpretTests(tx, test.participantId, [test.id]);
    await recordAudit(tx, ctx, {
      action: 'test.review.open',
      participantIds: [test.participantId],
      targetType: 'drug_test',
      targetId: test.id,
      details: { kind: input.kind, reviewId: review!.id },
    });
    return { id: review!.id };
  });
}

const FINDINGS_OF: Record<'dispute' | 'carry_over', readonly string[]> = {
  dispute: ['result_stands', 'result_overturned'],
  carry_over: ['new_use', 'carry_over'],
};

export async function closeTestReview(options: {
  db: Db;
  ctx: AccessContext;
  reviewId: string;
  input: z.infer<typeof ZReviewClose>;
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [review] = await tx.select().from(testReviews).where(eq(testReviews.id, options.reviewId)).for('update');
    if (!review) throw notFound();
    const { test, enrollment } = await testForWrite(tx, ctx, review.testId);
    await recordingRole(tx, ctx, enrollment, TESTING_ROLES, {
      message: 'errors.testing_custodian',
      organizationId: test.custodianOrgId,
    });
    if (review.closedAt) throw new AppError('conflict', 'errors.review_closed');
    if (!FINDINGS_OF[review.kind].includes(input.finding)) {
      throw new AppError('validation', 'errors.review_finding', {
        fields: [{ path: 'finding', message: 'errors.review_finding' }],
      });
    }
    await tx
      .update(testReviews)
      .set({
        closedAt: new Date(),
        closedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        finding: input.finding,
        note: input.note ?? null,
      })
      .where(eq(testReviews.id, review.id));
    await reinterpretTests(tx, test.participantId, [test.id]);
    await recordAudit(tx, ctx, {
      action: 'test.review.close',
      participantIds: [test.participantId],
      targetType: 'drug_test',
      targetId: test.id,
      details: { kind: review.kind, finding: input.finding },
    });
    return { id: review.id };
  });
}

/** Use the participant reported themself, recorded by whoever heard it (their organization holds the record). */
export async function recordUseReport(options: { db: Db; ctx: AccessContext; input: z.infer<typeof ZUseReportCreate> }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, USE_REPORT_ROLES, { message: 'errors.use_report_role' });
    if (input.usedTo !== null && input.usedTo < input.usedFrom) {
      throw new AppError('validation', 'errors.ended_before_started', {
        fields: [{ path: 'usedTo', message: 'errors.ended_before_started' }],
      });
    }
    const occurredAt = pastInstant(input.occurredAt, 'occurredAt');
    const [report] = await tx
      .insert(useReports)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        substanceGroups: [...new Set(input.substanceGroups)],
        usedFrom: input.usedFrom,
        usedTo: input.usedTo,
        statement: input.statement,
        custodianOrgId: role.organizationId,
        occurredAt,
        enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: useReports.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'use_report.create',
      participantIds: [enrollment.participantId],
      targetType: 'use_report',
      targetId: report!.id,
    });
    return { id: report!.id };
  });
}
