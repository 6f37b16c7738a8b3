import { and, asc, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { insertRowsStatement, updateRowsStatement, writeTogether } from '../../platform/db/sql-helpers.js';
import type { NewResult } from './manage-tests.js';
import { testResults } from './testing.tables.js';

/*
 * The standing results of some tests, and what is to be added to them, kept in memory so that any
 * number of result sets (a batch of lab messages, several for one test among them) are weighed in
 * the order they arrived and then written in a fixed number of statements: one read, and one
 * write (the insert, and the update of the results replaced, when any). What stands afterwards (standing) is what the
 * tests' interpretation reads; the tests' first-result times are for the caller to write with the
 * rest of its change to the tests (or by writeFirstResults).
 *
 * A result for an analyte and stage that has one already replaces it when it corrects it (or is
 * entered by hand, or the earlier one was preliminary); the earlier one stays as history. The same
 * result sent again changes nothing. A different final result for one that is final already is not
 * applied: it is returned as a conflict for a person to settle.
 */

export type ResultRow = typeof testResults.$inferSelect;

const key = (r: { analyte: string; stage: string }) => `${r.analyte}|${r.stage}`;

export class ResultLedger {
  private readonly current = new Map<string, Map<string, ResultRow>>();
  private readonly pending: ResultRow[] = [];
  private readonly replaced: { old: string; by: string }[] = [];
  /** The first results' time of the tests that had none standing and now have one. */
  readonly firstResults = new Map<string, Date>();

  private constructor() {}

  /** The standing results of these tests (one query). */
  static async load(q: Queryable, testIds: readonly string[]): Promise<ResultLedger> {
    const ledger = new ResultLedger();
    for (const id of testIds) ledger.current.set(id, new Map());
    if (testIds.length === 0) return ledger;
    const rows = await q
      .select()
      .from(testResults)
      .where(and(inArray(testResults.testId, [...new Set(testIds)]), isNull(testResults.supersededBy)))
      .orderBy(asc(testResults.reportedAt));
    for (const row of rows) ledger.current.get(row.testId)!.set(key(row), row);
    return ledger;
  }

  /** The results that stand for a test now, with what this ledger added. */
  standing(testId: string): ResultRow[] {
    return [...(this.current.get(testId)?.values() ?? [])];
  }

  /** Weighs results for one test against what stands (including what this ledger added before). */
  add(
    testId: string,
    results: readonly NewResult[],
    source: { messageId?: string | null; enteredBy?: string | null; reportedAt: Date },
  ): { applied: number; conflicts: NewResult[] } {
    const current = this.current.get(testId);
    if (!current) throw new Error(`The ledger was not loaded for test ${testId}`);
    const conflicts: NewResult[] = [];
    let applied = 0;
    for (const r of results) {
      const existing = current.get(key(r));
      if (existing && existing.result === r.result && (existing.value ?? null) === (r.value ?? null)) continue;
      if (existing && !(r.status === 'corrected' || r.status === 'manual' || existing.status === 'preliminary')) {
        conflicts.push(r);
        continue;
      }
      const row: ResultRow = {
        id: crypto.randomUUID(),
        testId,
        analyte: r.analyte,
        substanceGroup: r.group,
        stage: r.stage,
        result: r.result,
        value: r.value ?? null,
        unit: r.unit ?? null,
        cutoff: r.cutoff ?? null,
        method: r.method ?? null,
        code: r.code ?? null,
        codeSystem: r.codeSystem ?? null,
        observedAt: r.observedAt ?? null,
        status: r.status,
        reportedAt: source.reportedAt,
        messageId: source.messageId ?? null,
        enteredBy: source.enteredBy ?? null,
        supersededBy: null,
      };
      if (existing) {
        const earlier = this.pending.find((p) => p.id === existing.id);
        if (earlier) earlier.supersededBy = row.id;
        else this.replaced.push({ old: existing.id, by: row.id });
      }
      this.pending.push(row);
      // Last in the order reported, as a read would give it.
      current.delete(key(r));
      current.set(key(r), row);
      if (!this.firstResults.has(testId)) this.firstResults.set(testId, source.reportedAt);
      applied++;
    }
    return { applied, conflicts };
  }

  /** What was added, as statements to write together with the rest of a change (writeTogether). */
  statements(): (SQL | null)[] {
    return [
      insertRowsStatement(testResults, this.pending),
      updateRowsStatement(
        testResults,
        this.replaced.map((r) => ({ id: r.old, set: { supersededBy: r.by } })),
      ),
    ];
  }

  /** Writes what was added. */
  async write(q: Queryable): Promise<void> {
    await writeTogether(q, this.statements());
  }

  /** Writes the first-result times of tests that had none (for a caller that changes nothing else of the tests). */
  async writeFirstResults(q: Queryable): Promise<void> {
    if (this.firstResults.size === 0) return;
    const first = [...this.firstResults].map(([id, at]) => ({ id, at: at.toISOString() }));
    await q.execute(sql`
      UPDATE drug_tests AS t SET first_result_at = x.at, updated_at = clock_timestamp()
      FROM jsonb_to_recordset(${JSON.stringify(first)}::jsonb) AS x(id uuid, at timestamptz)
      WHERE t.id = x.id AND t.first_result_at IS NULL`);
  }
}
