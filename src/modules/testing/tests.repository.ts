import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { updateRows } from '../../platform/db/sql-helpers.js';
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

const DAY = 86_400_000;
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
  const [results, reviews] = await Promise.all([allResultsOf(q, testIds), reviewsOf(q, testIds)]);
  return { results, reviews };
}

function byTest<T extends { testId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.testId);
    if (list) list.push(row);
    else map.set(row.testId, [row]);
  }
  return map;
}

/** Every result of these tests, superseded ones too, by test, in the order reported. */
async function allResultsOf(q: Queryable, testIds: readonly string[]): Promise<Map<string, ResultRow[]>> {
  if (testIds.length === 0) return new Map();
  return byTest(
    await q
      .select()
      .from(testResults)
      .where(inArray(testResults.testId, [...testIds]))
      .orderBy(asc(testResults.reportedAt)),
  );
}

/** The results that stand for these tests, by test. */
async function resultsOf(q: Queryable, testIds: readonly string[]): Promise<Map<string, ResultRow[]>> {
  if (testIds.length === 0) return new Map();
  return byTest(
    await q
      .select()
      .from(testResults)
      .where(and(inArray(testResults.testId, [...testIds]), isNull(testResults.supersededBy)))
      .orderBy(asc(testResults.reportedAt)),
  );
}

/** The reviews of these tests, by test, oldest first. */
async function reviewsOf(q: Queryable, testIds: readonly string[]): Promise<Map<string, ReviewRow[]>> {
  if (testIds.length === 0) return new Map();
  return byTest(
    await q
      .select()
      .from(testReviews)
      .where(inArray(testReviews.testId, [...testIds]))
      .orderBy(asc(testReviews.openedAt)),
  );
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
 * (a batch of lab messages).
 */
export async function reinterpretMany(q: Queryable, targets: readonly Reinterpretation[]): Promise<void> {
  const changed = await reinterpretations(q, targets);
  await updateRows(
    q,
    drugTests,
    changed.map(({ test, interpretation }) => ({ id: test.id, set: interpretationColumns(interpretation) })),
  );
}

/** The columns a test's stored interpretation fills. */
export function interpretationColumns(i: Interpretation) {
  return {
    outcome: i.outcome,
    presumptive: i.presumptive,
    countsAsUse: i.countsAsUse,
    usableForResponse: i.usableForResponse,
    interpretation: i,
    updatedAt: new Date(),
  } satisfies Partial<typeof drugTests.$inferInsert>;
}

/** Tests already in hand (as they are now, in this transaction) with the results that stand for them. */
export type KnownTests = { tests: ReadonlyMap<string, TestRow>; results: (testId: string) => readonly ResultRow[] };

/**
 * The tests whose interpretation changes, with the new one, not yet stored. Tests named in `known`
 * are not read again; for the rest, the tests and their results are read (two statements), and the
 * reviews and prescriptions always (two more). The participant's earlier cannabinoid positives are
 * read only when a test shows cannabinoids — only then does the carry-over criterion need them, and
 * only then can later tests' readings change.
 */
export async function reinterpretations(
  q: Queryable,
  targets: readonly Reinterpretation[],
  known?: KnownTests,
): Promise<{ test: TestRow; interpretation: Interpretation }[]> {
  if (targets.length === 0) return [];
  // Per participant: the tests asked for, or null for all of them.
  const wanted = new Map<string, Set<string> | null>();
  for (const t of targets) {
    const before = wanted.get(t.participantId);
    if (before === null) continue;
    if (!t.testIds) wanted.set(t.participantId, null);
    else wanted.set(t.participantId, new Set([...(before ?? []), ...t.testIds]));
  }
  const participantIds = [...wanted.keys()];
  const tests = new Map<string, TestRow>();
  const results = new Map<string, readonly ResultRow[]>();
  const load = async (everyTest: readonly string[], ids: readonly string[]) => {
    const fromKnown = ids.filter((id) => known?.tests.has(id) && !tests.has(id));
    for (const id of fromKnown) {
      tests.set(id, known!.tests.get(id)!);
      results.set(id, known!.results(id));
    }
    const unknownIds = ids.filter((id) => !tests.has(id));
    if (everyTest.length === 0 && unknownIds.length === 0) return;
    const rows = await q
      .select()
      .from(drugTests)
      .where(
        or(
          everyTest.length > 0 ? inArray(drugTests.participantId, [...everyTest]) : undefined,
          unknownIds.length > 0 ? inArray(drugTests.id, unknownIds) : undefined,
        ),
      );
    const read = rows.filter((row) => !tests.has(row.id) && wanted.has(row.participantId));
    for (const row of read) tests.set(row.id, known?.tests.get(row.id) ?? row);
    const standing = await resultsOf(
      q,
      read.filter((row) => !known?.tests.has(row.id)).map((row) => row.id),
    );
    for (const row of read) results.set(row.id, known?.tests.has(row.id) ? known.results(row.id) : (standing.get(row.id) ?? []));
  };
  const everyTest = participantIds.filter((id) => wanted.get(id) === null);
  await load(
    everyTest,
    participantIds.flatMap((id) => [...(wanted.get(id) ?? [])]),
  );

  // Cannabinoid positives: from every test when all of a participant's are here; else read, when a
  // test here shows cannabinoids (and then the later tests its reading may change are read too).
  const shown = cannabinoidPositives([...tests.values()], results);
  const positives = new Map<string, EarlierCannabinoidPositive[]>();
  for (const id of everyTest)
    positives.set(
      id,
      shown.filter((p) => tests.get(p.testId)!.participantId === id),
    );
  const needing = [...new Set(shown.map((p) => tests.get(p.testId)!.participantId))].filter((id) => wanted.get(id) !== null);
  if (needing.length > 0) {
    const read = await cannabinoidPositivesOf(q, needing);
    const later: string[] = [];
    for (const participantId of needing) {
      // What is stored, with the tests in hand as they are now (a batch's results are not written yet).
      const own = [
        ...(read.get(participantId) ?? []).filter((p) => !tests.has(p.testId)),
        ...shown.filter((p) => tests.get(p.testId)!.participantId === participantId),
      ].sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime());
      positives.set(participantId, own);
      const touched = shown.filter((p) => tests.get(p.testId)!.participantId === participantId);
      const first = Math.min(...touched.map((p) => p.collectedAt.getTime()));
      for (const p of own)
        if (p.collectedAt.getTime() > first && p.collectedAt.getTime() - first < 60 * DAY) later.push(p.testId);
    }
    await load([], later);
  }

  const testList = [...tests.values()];
  const [reviews, rx] = await Promise.all([
    reviewsOf(
      q,
      testList.map((t) => t.id),
    ),
    q.select().from(prescriptions).where(inArray(prescriptions.participantId, participantIds)),
  ]);
  return testList.flatMap((test) => {
    const interpretation = interpretTest(
      testInput(test, results.get(test.id) ?? [], reviews.get(test.id) ?? []),
      rx.filter((r) => r.participantId === test.participantId).map(prescriptionInput),
      (positives.get(test.participantId) ?? []).filter((p) => p.testId !== test.id),
    );
    return sameInterpretation(test, interpretation) ? [] : [{ test, interpretation }];
  });
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
