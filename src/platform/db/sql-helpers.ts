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
  options: { onConflictDoNothing?: boolean; returning?: readonly (keyof T['$inferSelect'] & string)[] } = {},
): Promise<Record<string, string | null>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => columns[key]);
  const name = getTableName(table);
  const returning = (options.returning ?? []).map((key) => columns[key]!.name);
  const shape = `${name}|${keys.join(',')}|${options.onConflictDoNothing ?? false}|${returning.join(',')}`;
  let statement = inserts.get(shape);
  if (!statement) {
    const list = sql.raw(keys.map((key) => `"${columns[key]!.name}"`).join(', '));
    statement = preparedStatement(sql`
      INSERT INTO ${sql.raw(`"${name}"`)} (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.raw(`"${name}"`)}, ${sql.placeholder('rows')}::jsonb)
      ${options.onConflictDoNothing ? sql`ON CONFLICT DO NOTHING` : sql``}
      ${returning.length > 0 ? sql.raw(`RETURNING ${returning.map((c) => `"${c}"`).join(', ')}`) : sql``}`);
    inserts.set(shape, statement);
  }
  const payload = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = (row as Record<string, unknown>)[key];
      out[columns[key]!.name] = value === undefined ? null : value;
    }
    return out;
  });
  const result = await executePrepared<Record<string, string | null>>(q, statement, { rows: JSON.stringify(payload) });
  return result.rows;
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
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(changes.flatMap((c) => Object.keys(c.set)))].filter((key) => columns[key] && key !== 'id');
  if (keys.length === 0) return;
  const name = getTableName(table);
  const shape = `${name}|${keys.join(',')}`;
  let statement = updates.get(shape);
  if (!statement) {
    const names = keys.map((key) => `"${columns[key]!.name}"`);
    statement = preparedStatement(sql`
      UPDATE ${sql.raw(`"${name}"`)} AS t
      SET (${sql.raw(names.join(', '))}) = (SELECT ${sql.raw(names.map((n) => `r.${n}`).join(', '))} FROM jsonb_populate_record(t, x.v) AS r)
      FROM jsonb_to_recordset(${sql.placeholder('changes')}::jsonb) AS x(id uuid, v jsonb)
      WHERE t.id = x.id`);
    updates.set(shape, statement);
  }
  const payload = changes.map((c) => {
    const v: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(c.set))
      if (columns[key] && key !== 'id' && value !== undefined) v[columns[key]!.name] = value;
    return { id: c.id, v };
  });
  await executePrepared(q, statement, { changes: JSON.stringify(payload) });
}
