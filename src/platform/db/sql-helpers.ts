import { type SQL, sql } from 'drizzle-orm';

/** A literal `'a', 'b'` list for CHECK constraints over a fixed vocabulary. */
export function inList(values: readonly string[]): SQL {
  return sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
}
