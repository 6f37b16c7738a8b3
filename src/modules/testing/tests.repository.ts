import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { Medication } from '../medications/medication-catalog.js';
import { prescriptions } from '../medications/medications.tables.js';
import {
  type AnalyteResult,
  type EarlierCannabinoidPositive,
  type Interpretation,
  interpretTest,
  type PrescriptionForTest,
  type TestForInterpretation,
} from './interpret-test.js';
import { CARRY_OVER_ANALYTE, type SubstanceGroup } from './substances.js';
import { drugTests, type TestRow, testResults, testReviews } from './testing.tables.js';

/*
 * Reading tests with what their interpretation needs, and keeping each stored interpretation up to
 * date. The stored interpretation uses everything the system knows of the participant (their
 * prescriptions, earlier tests): it is what the testing program itself sees. A reader outside it
 * is shown the interpretation of what they may see (read-tests.ts).
 */

export type ResultRow = typeof testResults.$inferSelect;
export type ReviewRow = typeof testReviews.$inferSelect;
export type PrescriptionRow = typeof prescriptions.$inferSelect;

/** A test as the interpretation reads it. */
export function testInput(row: TestRow, results: readonly ResultRow[], reviews: readonly ReviewRow[]): TestForInterpretation {
  return {
    collection: row.collection,
    specimenType: row.specimenType,
    collectedAt: row.collectedAt,
    validity: {
      temperatureC: row.temperatureC,
      creatinineMgDl: row.creatinineMgDl,
      specificGravity: row.specificGravity,
      ph: row.ph,
      adulterantDetected: row.adulterantDetected,
      reported: row.reportedValidity,
    },
    results: results
      .filter((r) => r.supersededBy === null)
      .map(
        (r): AnalyteResult => ({
          analyte: r.analyte,
          group: r.substanceGroup as SubstanceGroup,
          stage: r.stage,
          result: r.result,
          value: r.value,
          unit: r.unit,
        }),
      ),
    confirmationRequested:
      row.confirmationRequestedAt !== null &&
      !results.some((r) => r.supersededBy === null && r.stage === 'confirmation' && r.reportedAt >= row.confirmationRequestedAt!),
    reviews: reviews.map((r) => ({
      kind: r.kind,
      status: r.closedAt ? ('closed' as const) : ('open' as const),
      finding: r.finding,
    })),
  };
}

export function prescriptionInput(row: PrescriptionRow): PrescriptionForTest {
  return {
    id: row.id,
    medication: row.medication as Medication,
    covers: row.covers,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
  };
}

/** The results and reviews of these tests, by test. */
export async function resultsAndReviews(q: Queryable, testIds: readonly string[]) {
  if (testIds.length === 0) return { results: new Map<string, ResultRow[]>(), reviews: new Map<string, ReviewRow[]>() };
  const [results, reviews] = await Promise.all([
    q
      .select()
      .from(testResults)
      .where(inArray(testResults.testId, [...testIds]))
      .orderBy(asc(testResults.reportedAt)),
    q
      .select()
      .from(testReviews)
      .where(inArray(testReviews.testId, [...testIds]))
      .orderBy(asc(testReviews.openedAt)),
  ]);
  const group = <T extends { testId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.testId, [...(map.get(row.testId) ?? []), row]);
    return map;
  };
  return { results: group(results), reviews: group(reviews) };
}

/** Cannabinoid positives among these tests, for the carry-over criterion of later ones. */
export function cannabinoidPositives(
  tests: readonly Pick<TestRow, 'id' | 'collection' | 'collectedAt' | 'creatinineMgDl'>[],
  results: ReadonlyMap<string, readonly Pick<ResultRow, 'analyte' | 'stage' | 'result' | 'value' | 'supersededBy'>[]>,
): EarlierCannabinoidPositive[] {
  const found: EarlierCannabinoidPositive[] = [];
  for (const test of tests) {
    if (test.collection !== 'collected' || test.collectedAt === null) continue;
    const standing = (results.get(test.id) ?? []).filter((r) => r.analyte === CARRY_OVER_ANALYTE && r.supersededBy === null);
    const confirmation = standing.find((r) => r.stage === 'confirmation');
    const result = confirmation ?? standing.find((r) => r.stage === 'screen');
    if (result?.result !== 'positive') continue;
    found.push({
      testId: test.id,
      collectedAt: test.collectedAt,
      thcCoohNgMl: result.value,
      creatinineMgDl: test.creatinineMgDl,
    });
  }
  return found;
}

/** Each participant's cannabinoid positives, from their THC-COOH results alone (one query, whatever the history). */
async function cannabinoidPositivesOf(
  q: Queryable,
  participantIds: readonly string[],
): Promise<Map<string, EarlierCannabinoidPositive[]>> {
  // Only the columns the carry-over reading needs: the stored interpretations stay in the database.
  const rows = await q
    .select({
      participantId: drugTests.participantId,
      test: {
        id: drugTests.id,
        collection: drugTests.collection,
        collectedAt: drugTests.collectedAt,
        creatinineMgDl: drugTests.creatinineMgDl,
      },
      result: {
        analyte: testResults.analyte,
        stage: testResults.stage,
        result: testResults.result,
        value: testResults.value,
        supersededBy: testResults.supersededBy,
      },
    })
    .from(testResults)
    .innerJoin(drugTests, eq(drugTests.id, testResults.testId))
    .where(
      and(
        inArray(drugTests.participantId, [...participantIds]),
        eq(testResults.analyte, CARRY_OVER_ANALYTE),
        isNull(testResults.supersededBy),
      ),
    );
  const byParticipant = new Map<string, EarlierCannabinoidPositive[]>();
  for (const participantId of participantIds) {
    const own = rows.filter((r) => r.participantId === participantId);
    const tests = new Map(own.map((r) => [r.test.id, r.test]));
    const results = new Map<string, (typeof rows)[number]['result'][]>();
    for (const r of own) results.set(r.test.id, [...(results.get(r.test.id) ?? []), r.result]);
    byParticipant.set(participantId, cannabinoidPositives([...tests.values()], results));
  }
  return byParticipant;
}

/** Tests of one participant to interpret again: the given ones, or (no list) all of them. */
export type Reinterpretation = { participantId: string; testIds?: readonly string[] };

/**
 * Interprets tests of a participant again with everything known of them and stores what changed
 * (outcome, flags, whether it counts): the given tests (and, when one of them shows cannabinoids, the
 * later ones whose carry-over reading it may change), or all of them.
 */
export async function reinterpretTests(q: Queryable, participantId: string, onlyTestIds?: readonly string[]): Promise<void> {
  await reinterpretMany(q, [{ participantId, testIds: onlyTestIds }]);
}

/**
 * The same for several participants at once, in a fixed number of statements whatever their number
 * (a batch of lab messages): five reads and one update.
 */
export async function reinterpretMany(q: Queryable, targets: readonly Reinterpretation[]): Promise<void> {
  if (targets.length === 0) return;
  // Per participant: the tests asked for, or null for all of them.
  const wanted = new Map<string, Set<string> | null>();
  for (const t of targets) {
    const before = wanted.get(t.participantId);
    if (before === null) continue;
    if (!t.testIds) wanted.set(t.participantId, null);
    else wanted.set(t.participantId, new Set([...(before ?? []), ...t.testIds]));
  }
  const participantIds = [...wanted.keys()];
  const positives = await cannabinoidPositivesOf(q, participantIds);
  for (const [participantId, ids] of wanted) {
    if (!ids) continue;
    const own = positives.get(participantId) ?? [];
    const touched = own.filter((p) => ids.has(p.testId));
    if (touched.length === 0) continue;
    const first = Math.min(...touched.map((p) => p.collectedAt.getTime()));
    for (const p of own)
      if (p.collectedAt.getTime() > first && p.collectedAt.getTime() - first < 60 * 86_400_000) ids.add(p.testId);
  }
  const everyTest = participantIds.filter((id) => wanted.get(id) === null);
  const someTests = participantIds.filter((id) => wanted.get(id) !== null);
  const ids = someTests.flatMap((id) => [...wanted.get(id)!]);
  if (everyTest.length === 0 && ids.length === 0) return;
  const tests = await q
    .select()
    .from(drugTests)
    .where(
      or(
        everyTest.length > 0 ? inArray(drugTests.participantId, everyTest) : undefined,
        ids.length > 0 ? and(inArray(drugTests.id, ids), inArray(drugTests.participantId, someTests)) : undefined,
      ),
    );
  if (tests.length === 0) return;
  const rx = await q.select().from(prescriptions).where(inArray(prescriptions.participantId, participantIds));
  const { results, reviews } = await resultsAndReviews(
    q,
    tests.map((t) => t.id),
  );
  const changed = tests.flatMap((test) => {
    const interpretation = interpretTest(
      testInput(test, results.get(test.id) ?? [], reviews.get(test.id) ?? []),
      rx.filter((r) => r.participantId === test.participantId).map(prescriptionInput),
      (positives.get(test.participantId) ?? []).filter((p) => p.testId !== test.id),
    );
    return sameInterpretation(test, interpretation) ? [] : [{ id: test.id, interpretation }];
  });
  if (changed.length === 0) return;
  const rows = changed.map(({ id, interpretation: i }) => ({
    id,
    outcome: i.outcome,
    presumptive: i.presumptive,
    counts_as_use: i.countsAsUse,
    usable_for_response: i.usableForResponse,
    interpretation: i,
  }));
  await q.execute(sql`
    UPDATE drug_tests AS t
    SET outcome = x.outcome, presumptive = x.presumptive, counts_as_use = x.counts_as_use,
        usable_for_response = x.usable_for_response, interpretation = x.interpretation, updated_at = clock_timestamp()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(id uuid, outcome text, presumptive boolean, counts_as_use boolean, usable_for_response boolean, interpretation jsonb)
    WHERE t.id = x.id`);
}

function sameInterpretation(row: TestRow, interpretation: Interpretation): boolean {
  return row.interpretation !== null && JSON.stringify(row.interpretation) === JSON.stringify(interpretation);
}

/** The tests of a participant collected within a span of days (to reinterpret after a prescription changes). */
export async function testIdsBetween(q: Queryable, participantId: string, from: string, to: string | null): Promise<string[]> {
  const rows = await q
    .select({ id: drugTests.id })
    .from(drugTests)
    .where(
      and(
        eq(drugTests.participantId, participantId),
        sql`${drugTests.collectedAt}::date >= ${from}::date`,
        to === null ? undefined : sql`${drugTests.collectedAt}::date <= (${to}::date + 60)`,
      ),
    );
  return rows.map((r) => r.id);
}

/** The open reviews of one kind on a test (at most one, by a unique index). */
export async function openReview(q: Queryable, testId: string, kind: ReviewRow['kind']) {
  const [row] = await q
    .select()
    .from(testReviews)
    .where(and(eq(testReviews.testId, testId), eq(testReviews.kind, kind), isNull(testReviews.closedAt)));
  return row ?? null;
}
