import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { withheldClasses } from '../consent/withheld-classes.js';
import {
  type HeldPrescription,
  moudRecord,
  participantPrescriptions,
  prescriptionRecord,
  prescriptionView,
  recordsOf,
} from '../medications/medications.repository.js';
import { organizations } from '../organizations/organizations.tables.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { DataClass } from '../records/data-classes.js';
import { type Interpretation, interpretationSeenBy, interpretTest } from './interpret-test.js';
import type { Test } from './testing.schema.js';
import { drugTests, type TestRow } from './testing.tables.js';
import {
  cannabinoidPositives,
  prescriptionInput,
  type ResultRow,
  type ReviewRow,
  resultsAndReviews,
  testInput,
} from './tests.repository.js';

/*
 * A participant's tests as one reader may see them. Which tests: the disclosure policy decides each
 * (a treatment program's test is Part 2). How they read: the interpretation a reader is shown comes
 * from what that reader may see — the prescriptions and earlier tests visible to them — so that a
 * test never tells anyone about a prescription or an earlier result they may not know of
 * (interpretationSeenBy, or the test read again when that cannot say). A prescribed medication found
 * missing is a flag for the treatment team that holds the prescription, and no one else.
 */

const CONFIRMATION_DUE_MS = 48 * 3_600_000;

type Shown = { row: TestRow; interpretation: Interpretation; record: DisclosureRecord };

/** The tests of a participant this reader may see, each with the interpretation this reader is shown. */
export async function visibleTests(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  options: {
    before?: Date | undefined;
    limit?: number | undefined;
    policy?: DisclosurePolicy;
    /**
     * Only the tests from this instant on (a reading over a window of days). Earlier tests a carry-over
     * reading refers to are still read, to decide whether the reader may know of them.
     */
    since?: Date;
    /** False when only the interpretations are wanted: results and reviews are then read only to interpret again. */
    results?: boolean;
    /** The participant's enrollments the reader may see, when the caller has read them already. */
    enrollmentIds?: string[];
  } = {},
) {
  const enrollmentIds = options.enrollmentIds ?? (await visibleEnrollmentIds(q, ctx, participantId));
  if (enrollmentIds.length === 0) return null;
  const policy = options.policy ?? DisclosurePolicy.for(ctx);
  const select = () =>
    q
      .select({ test: drugTests, part2: organizations.part2Program, custodianName: organizations.name })
      .from(drugTests)
      .leftJoin(organizations, eq(organizations.id, drugTests.custodianOrgId));
  const rows = await select()
    .where(
      options.since
        ? and(eq(drugTests.participantId, participantId), gte(drugTests.occurredAt, options.since))
        : eq(drugTests.participantId, participantId),
    )
    .orderBy(desc(drugTests.occurredAt), desc(drugTests.id));
  const inWindow = new Set(rows.map((r) => r.test.id));
  const referenced = options.since
    ? [...new Set(rows.flatMap((r) => r.test.interpretation?.carryOver?.earlierTestId ?? []))].filter((id) => !inWindow.has(id))
    : [];
  const earlier = referenced.length > 0 ? await select().where(inArray(drugTests.id, referenced)) : [];
  const records = new Map<string, DisclosureRecord>();
  for (const r of [...rows, ...earlier]) {
    records.set(r.test.id, {
      participantId,
      custodianOrgId: r.test.custodianOrgId,
      custodianIsPart2: r.part2 ?? undefined,
      dataClass: r.test.dataClass,
      occurredAt: r.test.occurredAt,
      enteredBy: r.test.enteredBy,
    });
  }
  const prescriptions = await participantPrescriptions(q, participantId);
  await policy.prepare(q, [...records.values(), ...recordsOf(prescriptions)]);
  const enrollments = new Set(enrollmentIds);
  const permitted = (r: (typeof rows)[number]) =>
    enrollments.has(r.test.enrollmentId) && policy.decide(records.get(r.test.id)!).permit;
  const seen = rows.filter(permitted);
  const inRange = seen.filter((r) => !options.before || r.test.occurredAt < options.before);
  const page = options.limit === undefined ? inRange : inRange.slice(0, options.limit);
  const usable = prescriptions.filter((p) => prescriptionView(policy, p) !== null);
  const knownPrescriptions = new Set(usable.map((p) => p.id));
  const knownTests = new Set([...seen, ...earlier.filter(permitted)].map((r) => r.test.id));
  const knows = { prescription: (id: string) => knownPrescriptions.has(id), test: (id: string) => knownTests.has(id) };
  // The stored interpretation as this reader may see it; where it cannot be, the test read again from what they see.
  const projected = page.map((r) => (r.test.interpretation ? interpretationSeenBy(r.test.interpretation, knows) : null));
  const again = projected.some((p) => p === null);
  const { results, reviews } =
    again || options.results !== false
      ? await resultsAndReviews(q, again ? seen.map((r) => r.test.id) : page.map((r) => r.test.id))
      : { results: new Map<string, ResultRow[]>(), reviews: new Map<string, ReviewRow[]>() };
  const positives = again
    ? cannabinoidPositives(
        seen.map((r) => r.test),
        results,
      )
    : [];
  const shown: Shown[] = page.map((r, i) => ({
    row: r.test,
    record: records.get(r.test.id)!,
    interpretation:
      projected[i] ??
      interpretTest(
        testInput(r.test, results.get(r.test.id) ?? [], reviews.get(r.test.id) ?? []),
        usable.map(prescriptionInput),
        positives.filter((p) => p.testId !== r.test.id),
      ),
  }));
  const custodianNames = new Map(
    rows.map((r) => [r.test.custodianOrgId, { name: r.custodianName ?? '', part2: r.part2 ?? true }]),
  );
  return {
    policy,
    shown,
    more: inRange.length > page.length,
    results,
    reviews,
    prescriptions: usable,
    custodianNames,
  };
}

/** What a test says to this reader, with its results and reviews. */
export function testView(
  shown: Shown,
  results: readonly ResultRow[],
  reviews: readonly ReviewRow[],
  custodian: { id: string; name: string; part2: boolean },
  context: { prescriptions: readonly HeldPrescription[]; readerOrgIds: readonly string[]; now: Date },
): Test {
  const { row, interpretation } = shown;
  const byId = new Map(context.prescriptions.map((p) => [p.id, p]));
  const flags = interpretation.flags.filter((flag) => {
    if (flag.kind !== 'expected_medication_absent') return true;
    // For the treatment team that holds the prescription only.
    const prescription = byId.get(flag.prescriptionId);
    return (
      prescription !== undefined &&
      prescription.custodianPart2 === true &&
      context.readerOrgIds.includes(prescription.custodianOrgId)
    );
  });
  const confirmed = results.some(
    (r) =>
      r.supersededBy === null &&
      r.stage === 'confirmation' &&
      row.confirmationRequestedAt !== null &&
      r.reportedAt >= row.confirmationRequestedAt,
  );
  return {
    id: row.id,
    participantId: row.participantId,
    enrollmentId: row.enrollmentId,
    reason: row.reason,
    specimenType: row.specimenType,
    notifiedAt: row.notifiedAt?.toISOString() ?? null,
    reportBy: row.reportBy?.toISOString() ?? null,
    collection: row.collection,
    collectedAt: row.collectedAt?.toISOString() ?? null,
    observed: row.observed,
    accessionId: row.accessionId,
    outcome: interpretation.outcome,
    presumptive: interpretation.presumptive,
    countsAsUse: interpretation.countsAsUse,
    usableForResponse: interpretation.usableForResponse,
    validity: interpretation.validity,
    findings: interpretation.findings.map(({ prescriptionIds: _p, ...f }) => f),
    flags,
    carryOver: interpretation.carryOver,
    results: results.map((r) => ({
      id: r.id,
      analyte: r.analyte,
      group: r.substanceGroup as Test['results'][number]['group'],
      stage: r.stage,
      result: r.result,
      value: r.value,
      unit: r.unit,
      cutoff: r.cutoff,
      reportedAt: r.reportedAt.toISOString(),
      superseded: r.supersededBy !== null,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      kind: r.kind,
      statement: r.statement,
      openedAt: r.openedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      finding: r.finding,
    })),
    confirmationRequestedAt: row.confirmationRequestedAt?.toISOString() ?? null,
    confirmationOverdue:
      row.confirmationRequestedAt !== null &&
      !confirmed &&
      context.now.getTime() - row.confirmationRequestedAt.getTime() > CONFIRMATION_DUE_MS,
    custodian,
    enteredAt: row.enteredAt.toISOString(),
  };
}

/** The prescriptions that account for what these tests show (they are disclosed with them). */
export function prescriptionsBehind(shown: readonly Shown[], prescriptions: readonly HeldPrescription[]): HeldPrescription[] {
  const ids = new Set(shown.flatMap((s) => s.interpretation.findings.flatMap((f) => f.prescriptionIds)));
  return prescriptions.filter((p) => ids.has(p.id));
}

/** A participant's tests, newest first, as the reader may see them; disclosures accounted, the read audited. */
export async function readParticipantTests(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  query: { before?: string | undefined; limit: number };
}) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const found = await visibleTests(tx, ctx, participantId, {
      before: options.query.before ? new Date(options.query.before) : undefined,
      limit: options.query.limit,
    });
    if (!found) throw notFound();
    const { policy, shown } = found;
    const readerOrgIds =
      ctx.actor.kind === 'token' ? [ctx.actor.organizationId] : ctx.actor.memberships.map((m) => m.organizationId);
    const items = shown.map((s) =>
      testView(
        s,
        found.results.get(s.row.id) ?? [],
        found.reviews.get(s.row.id) ?? [],
        { id: s.row.custodianOrgId, ...found.custodianNames.get(s.row.custodianOrgId)! },
        { prescriptions: found.prescriptions, readerOrgIds, now: policy.now },
      ),
    );
    policy.disclose(shown, (s) => s.record);
    const behind = prescriptionsBehind(shown, found.prescriptions);
    // A prescription seen only as "receives MOUD" is disclosed as that.
    policy.disclose(
      behind.filter((p) => prescriptionView(policy, p) === 'full'),
      prescriptionRecord,
    );
    policy.disclose(
      behind.filter((p) => prescriptionView(policy, p) === 'moud_only'),
      moudRecord,
    );
    const withheld: DataClass[] = (await withheldClasses(tx, policy, participantId)).filter((c) => c === 'test_result');
    const disclosureIds = await recordRead(tx, ctx, policy, 'screen', {
      action: 'participant.tests.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { tests: items.length },
    });
    return {
      participantId,
      items,
      more: found.more,
      withheld,
      redisclosureNotice: disclosureIds.length > 0,
    };
  });
}
