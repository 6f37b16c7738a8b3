import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { packageRoot } from '../paths.js';

/** The committed SQL migrations. */
export function migrationsFolder(): string {
  return path.join(packageRoot(), 'drizzle');
}

// Any fixed number: every Tandem process uses the same key, so concurrent starts migrate one at a time.
const MIGRATION_LOCK_KEY = 7_316_532_001;

export type MigrationState = { applied: number; available: number; latest: string | null };

/** Applies pending migrations, forward only, under an advisory lock. */
export async function runMigrations(url: string): Promise<MigrationState> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-migrate' });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
    return await readMigrationState(client);
  } finally {
    await client.end();
  }
}

type Journal = { entries: { tag: string; when: number }[] };

/** How many of the committed migrations the database has applied. */
export async function readMigrationState(client: pg.ClientBase | pg.Pool): Promise<MigrationState> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;
  let applied = 0;
  try {
    const result = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations');
    applied = result.rows[0]?.count ?? 0;
  } catch (error) {
    // A database that was never migrated has no migrations table (or schema) yet.
    const code = (error as { code?: string }).code;
    if (code !== '42P01' && code !== '3F000') throw error;
    applied = 0;
  }
  return { applied, available: journal.entries.length, latest: journal.entries.at(-1)?.tag ?? null };
}
