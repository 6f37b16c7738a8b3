import { createHash } from 'node:crypto';
import { is, Placeholder, type Query, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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
