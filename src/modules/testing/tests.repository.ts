import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

/** The participant's cannabinoid positives, from their THC-COOH results alone (one query, whatever the history). */
async function participantCannabinoidPositives(q: Queryable, participantId: string): Promise<EarlierCannabinoidPositive[]> {
  // Only the columns the carry-over reading needs: the stored interpretations stay in the database.
  const rows = await q
    .select({
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
        eq(drugTests.participantId, participantId),
        eq(testResults.analyte, CARRY_OVER_ANALYTE),
        isNull(testResults.supersededBy),
      ),
    );
  const tests = new Map(rows.map((r) => [r.test.id, r.test]));
  const results = new Map<string, (typeof rows)[number]['result'][]>();
  for (const r of rows) results.set(r.test.id, [...(results.get(r.test.id) ?? []), r.result]);
  return cannabinoidPositives([...tests.values()], results);
}

/**
 * Interprets tests of a participant again with everything known of them and stores what changed
 * (outcome, flags, whether it counts): the given tests (and, when one of them shows cannabinoids, the
 * later ones whose carry-over reading it may change), or all of them.
 */
export async function reinterpretTests(q: Queryable, participantId: string, onlyTestIds?: readonly string[]): Promise<void> {
  const positives = await participantCannabinoidPositives(q, participantId);
  let ids: string[] | undefined = onlyTestIds ? [...onlyTestIds] : undefined;
  if (ids) {
    const touched = positives.filter((p) => ids!.includes(p.testId));
    if (touched.length > 0) {
      const first = new Date(Math.min(...touched.map((p) => p.collectedAt.getTime())));
      const later = positives.filter((p) => p.collectedAt > first && p.collectedAt.getTime() - first.getTime() < 60 * 86_400_000);
      ids = [...new Set([...ids, ...later.map((p) => p.testId)])];
    }
  }
  const tests = await q
    .select()
    .from(drugTests)
    .where(and(eq(drugTests.participantId, participantId), ids ? inArray(drugTests.id, ids) : undefined));
  if (tests.length === 0) return;
  const rx = await q.select().from(prescriptions).where(eq(prescriptions.participantId, participantId));
  const { results, reviews } = await resultsAndReviews(
    q,
    tests.map((t) => t.id),
  );
  const prescribed = rx.map(prescriptionInput);
  for (const test of tests) {
    const interpretation = interpretTest(
      testInput(test, results.get(test.id) ?? [], reviews.get(test.id) ?? []),
      prescribed,
      positives.filter((p) => p.testId !== test.id),
    );
    if (sameInterpretation(test, interpretation)) continue;
    await q
      .update(drugTests)
      .set({
        outcome: interpretation.outcome,
        presumptive: interpretation.presumptive,
        countsAsUse: interpretation.countsAsUse,
        usableForResponse: interpretation.usableForResponse,
        interpretation,
        updatedAt: new Date(),
      })
      .where(eq(drugTests.id, test.id));
  }
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
