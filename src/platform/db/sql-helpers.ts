import { createHash } from 'node:crypto';
import { getTableColumns, getTableName, is, Placeholder, type Query, type SQL, sql } from 'drizzle-orm';
import { type PgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './database.js';

/** A literal `'a', 'b'` list for CHECK constraints over a fixed vocabulary. */
export function inList(values: readonly string[]): SQL {
  return sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
}

const dialect = new PgDialect();

/** A statement built and named once; its values are filled in on each run. */
export type PreparedStatement = { query: Query; name: string };

/**
 * A statement whose every value is a placeholder (`sql.placeholder(name)`), built once — at module
 * load, or once per shape — and named after its text.
 */
export function preparedStatement(query: SQL): PreparedStatement {
  const built = dialect.sqlToQuery(query);
  if (!built.params.every((p) => is(p, Placeholder))) {
    throw new Error('A prepared statement takes its values as placeholders only');
  }
  return { query: built, name: `tandem_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}` };
}

/**
 * Runs a statement as a prepared statement, so PostgreSQL parses and plans it once per connection
 * instead of on every call; for frequent reads. Rows come back as `execute` gives them (timestamps
 * as text).
 */
export async function executePrepared<T>(
  q: Queryable,
  statement: PreparedStatement,
  values: Record<string, unknown>,
): Promise<{ rows: T[] }> {
  const prepared = q._.session.prepareQuery(statement.query, undefined, statement.name, false);
  return (await prepared.execute(values)) as { rows: T[] };
}

const inserts = new Map<string, PreparedStatement>();

type InsertOptions<T extends PgTable> = {
  onConflictDoNothing?: boolean;
  returning?: readonly (keyof T['$inferSelect'] & string)[];
};

/** The columns rows name (property names), and the rows as JSON by column name. */
function rowsAsJson(table: PgTable, rows: readonly Record<string, unknown>[]) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => columns[key]);
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const key of keys) out[columns[key]!.name] = row[key] === undefined ? null : row[key];
      return out;
    }),
  );
  return { columns, keys, json };
}

function insertStatement(
  table: PgTable,
  columns: Record<string, PgColumn>,
  keys: readonly string[],
  rows: SQL,
  options: { onConflictDoNothing?: boolean; returning?: readonly string[] },
) {
  const name = `"${getTableName(table)}"`;
  const list = sql.raw(keys.map((key) => `"${columns[key]!.name}"`).join(', '));
  const returning = (options.returning ?? []).map((key) => `"${columns[key]!.name}"`);
  return sql`
    INSERT INTO ${sql.raw(name)} (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.raw(name)}, ${rows}::jsonb)
    ${options.onConflictDoNothing ? sql`ON CONFLICT DO NOTHING` : sql``}
    ${returning.length > 0 ? sql.raw(`RETURNING ${returning.join(', ')}`) : sql``}`;
}

/**
 * Inserts any number of rows as one JSON value: one prepared statement per table and set of
 * columns, whatever the number of rows, where a query builder would build a parameter for every
 * value of every row (for bulk writes on hot paths: a batch of lab messages, their results, their
 * audit rows). Keys are the table's property names; a key one row lacks is NULL in it, not the
 * column's default. Returns the rows' `returning` columns (by column name), as text.
 */
export async function insertRows<T extends PgTable>(
  q: Queryable,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: InsertOptions<T> = {},
): Promise<Record<string, string | null>[]> {
  if (rows.length === 0) return [];
  const { columns, keys, json } = rowsAsJson(table, rows as Record<string, unknown>[]);
  const shape = `${getTableName(table)}|${keys.join(',')}|${options.onConflictDoNothing ?? false}|${(options.returning ?? []).join(',')}`;
  let statement = inserts.get(shape);
  if (!statement) {
    statement = preparedStatement(insertStatement(table, columns, keys, sql`${sql.placeholder('rows')}`, options));
    inserts.set(shape, statement);
  }
  const result = await executePrepared<Record<string, string | null>>(q, statement, { rows: json });
  return result.rows;
}

/** The same insert as a statement, to write together with others (writeTogether); null when there are no rows. */
export function insertRowsStatement<T extends PgTable>(
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: { onConflictDoNothing?: boolean } = {},
): SQL | null {
  if (rows.length === 0) return null;
  const { columns, keys, json } = rowsAsJson(table, rows as Record<string, unknown>[]);
  return insertStatement(table, columns, keys, sql`${json}`, options);
}

function updateStatement(table: PgTable, columns: Record<string, PgColumn>, keys: readonly string[], changes: SQL) {
  const names = keys.map((key) => `"${columns[key]!.name}"`);
  return sql`
    UPDATE ${sql.raw(`"${getTableName(table)}"`)} AS t
    SET (${sql.raw(names.join(', '))}) = (SELECT ${sql.raw(names.map((n) => `r.${n}`).join(', '))} FROM jsonb_populate_record(t, x.v) AS r)
    FROM jsonb_to_recordset(${changes}::jsonb) AS x(id uuid, v jsonb)
    WHERE t.id = x.id`;
}

function changesAsJson(table: PgTable, changes: readonly { id: string; set: Record<string, unknown> }[]) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(changes.flatMap((c) => Object.keys(c.set)))].filter((key) => columns[key] && key !== 'id');
  const json = JSON.stringify(
    changes.map((c) => {
      const v: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(c.set))
        if (columns[key] && key !== 'id' && value !== undefined) v[columns[key]!.name] = value;
      return { id: c.id, v };
    }),
  );
  return { columns, keys, json };
}

const updates = new Map<string, PreparedStatement>();

/**
 * Changes any number of rows by id, each with its own columns, in one statement (one prepared
 * statement per table and set of columns): a column a row's change does not name keeps its value.
 * Keys are the table's property names.
 */
export async function updateRows<T extends PgTable>(
  q: Queryable,
  table: T,
  changes: readonly { id: string; set: Partial<T['$inferInsert']> }[],
): Promise<void> {
  if (changes.length === 0) return;
  const { columns, keys, json } = changesAsJson(table, changes as { id: string; set: Record<string, unknown> }[]);
  if (keys.length === 0) return;
  const shape = `${getTableName(table)}|${keys.join(',')}`;
  let statement = updates.get(shape);
  if (!statement) {
    statement = preparedStatement(updateStatement(table, columns, keys, sql`${sql.placeholder('changes')}`));
    updates.set(shape, statement);
  }
  await executePrepared(q, statement, { changes: json });
}

/** The same change as a statement, to write together with others (writeTogether); null when nothing changes. */
export function updateRowsStatement<T extends PgTable>(
  table: T,
  changes: readonly { id: string; set: Partial<T['$inferInsert']> }[],
): SQL | null {
  if (changes.length === 0) return null;
  const { columns, keys, json } = changesAsJson(table, changes as { id: string; set: Record<string, unknown> }[]);
  return keys.length === 0 ? null : updateStatement(table, columns, keys, sql`${json}`);
}

/**
 * Runs inserts and updates as one statement (data-modifying WITH queries), in one round trip to
 * the database, and gives how many rows each wrote. They see the same snapshot and not one
 * another's rows, so none may depend on another's (foreign keys are checked at the statement's end).
 */
export async function writeTogether(q: Queryable, statements: readonly (SQL | null)[]): Promise<number[]> {
  const present = statements.flatMap((s, i) => (s ? [{ s, i }] : []));
  const counts = statements.map(() => 0);
  if (present.length === 0) return counts;
  const query = sql`WITH ${sql.join(
    present.map(({ s }, n) => sql`${sql.raw(`w${n}`)} AS (${s} RETURNING 1)`),
    sql`, `,
  )} SELECT ${sql.join(
    present.map((_, n) => sql.raw(`(SELECT count(*)::int FROM w${n}) AS c${n}`)),
    sql`, `,
  )}`;
  const result = await q.execute<Record<string, number>>(query);
  const row = result.rows[0]!;
  present.forEach(({ i }, n) => {
    counts[i] = Number(row[`c${n}`]);
  });
  return counts;
}
