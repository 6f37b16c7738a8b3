import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { NewResult } from './manage-tests.js';
import { testResults } from './testing.tables.js';

/*
 * The standing results of some tests, and what is to be added to them, kept in memory so that any
 * number of result sets (a batch of lab messages, several for one test among them) are weighed in
 * the order they arrived and then written in a fixed number of statements: one read, one insert,
 * one update of the tests' first-result times, and one update of the results replaced (when any).
 *
 * A result for an analyte and stage that has one already replaces it when it corrects it (or is
 * entered by hand, or the earlier one was preliminary); the earlier one stays as history. The same
 * result sent again changes nothing. A different final result for one that is final already is not
 * applied: it is returned as a conflict for a person to settle.
 */

type Standing = { id: string; result: string; value: number | null; status: string };
type Pending = typeof testResults.$inferInsert & { id: string };

const key = (r: { analyte: string; stage: string }) => `${r.analyte}|${r.stage}`;

export class ResultLedger {
  private readonly standing = new Map<string, Map<string, Standing>>();
  private readonly pending: Pending[] = [];
  private readonly replaced: { old: string; by: string }[] = [];
  private readonly firstResults = new Map<string, Date>();

  private constructor() {}

  /** The standing results of these tests (one query). */
  static async load(q: Queryable, testIds: readonly string[]): Promise<ResultLedger> {
    const ledger = new ResultLedger();
    for (const id of testIds) ledger.standing.set(id, new Map());
    if (testIds.length === 0) return ledger;
    const rows = await q
      .select({
        id: testResults.id,
        testId: testResults.testId,
        analyte: testResults.analyte,
        stage: testResults.stage,
        result: testResults.result,
        value: testResults.value,
        status: testResults.status,
      })
      .from(testResults)
      .where(and(inArray(testResults.testId, [...new Set(testIds)]), isNull(testResults.supersededBy)));
    for (const row of rows) ledger.standing.get(row.testId)!.set(key(row), row);
    return ledger;
  }

  /** Weighs results for one test against what stands (including what this ledger added before). */
  add(
    testId: string,
    results: readonly NewResult[],
    source: { messageId?: string | null; enteredBy?: string | null; reportedAt: Date },
  ): { applied: number; conflicts: NewResult[] } {
    const current = this.standing.get(testId);
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
      const row: Pending = {
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
      };
      if (existing) {
        const earlier = this.pending.find((p) => p.id === existing.id);
        if (earlier) earlier.supersededBy = row.id;
        else this.replaced.push({ old: existing.id, by: row.id });
      }
      this.pending.push(row);
      current.set(key(r), { id: row.id, result: row.result, value: row.value ?? null, status: row.status! });
      if (!this.firstResults.has(testId)) this.firstResults.set(testId, source.reportedAt);
      applied++;
    }
    return { applied, conflicts };
  }

  /** Writes what was added. */
  async write(q: Queryable): Promise<void> {
    if (this.pending.length === 0) return;
    await q.insert(testResults).values(this.pending);
    if (this.replaced.length > 0) {
      await q.execute(sql`
        UPDATE test_results SET superseded_by = x.by::uuid
        FROM (VALUES ${sql.join(
          this.replaced.map((r) => sql`(${r.old}, ${r.by})`),
          sql`, `,
        )}) AS x(old, by) WHERE test_results.id = x.old::uuid`);
    }
    const first = [...this.firstResults].map(([id, at]) => ({ id, at: at.toISOString() }));
    await q.execute(sql`
      UPDATE drug_tests AS t SET first_result_at = x.at, updated_at = clock_timestamp()
      FROM jsonb_to_recordset(${JSON.stringify(first)}::jsonb) AS x(id uuid, at timestamptz)
      WHERE t.id = x.id AND t.first_result_at IS NULL`);
  }
}
