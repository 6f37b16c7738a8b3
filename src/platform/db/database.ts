import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

// DATE columns stay 'YYYY-MM-DD' strings: a court date is a local calendar date, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a JS number for every table Tandem has.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; every operation that reads or writes participant data receives one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  close: () => Promise<void>;
};

/** Opens a connection pool and the typed Drizzle handle over it. */
export function openDatabase(options: { url: string; poolSize?: number; applicationName?: string }): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'tandem',
    idleTimeoutMillis: 30_000,
  });
  // A connection dropped by the server (restart, shutdown) must not crash the process; the next
  // query reconnects or fails with an error the request handler maps.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  let closed = false;
  return {
    db,
    pool,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
