import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateLarge } from '../../src/demo/seed.js';
import { lockDataDir } from '../../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { startEmbeddedServer } from '../../src/platform/db/embedded-server.js';
import { ensureDatabase } from '../../src/platform/db/ensure-database.js';
import { runMigrations } from '../../src/platform/db/migrate.js';

export const BENCH_PASSWORD = 'tandem-bench-2026';

/**
 * The benchmark data set: 50 courts, 20,000 participants (tandem generate's defaults), in the
 * server named by BENCH_DATABASE_URL or in an embedded server under the system's temp folder. The
 * data is generated once and reused by later runs.
 */
export async function benchDatabase(options: { courts: number; participants: number; log: (line: string) => void }) {
  let adminUrl: string;
  let stop: () => Promise<void> = async () => {};
  if (process.env.BENCH_DATABASE_URL) {
    adminUrl = process.env.BENCH_DATABASE_URL;
  } else {
    const dataDir = path.join(os.tmpdir(), 'tandem-bench-data');
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const lock = lockDataDir(dataDir);
    const server = await startEmbeddedServer({ dataDir });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      lock.release();
    };
  }
  // The suffix is the data set's version: a new one when the generator writes new kinds of records.
  const name = `tandem_bench_${options.courts}_${options.participants}_v4`;
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const existing = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM enrollments')).rows[0]!.n;
  await client.end();
  if (existing !== options.participants) {
    if (existing > 0)
      throw new Error(`${name} holds ${existing} enrollments, not ${options.participants}; drop it and run again.`);
    options.log(`Generating ${options.participants} participants in ${options.courts} courts (once)…`);
    const database = openDatabase({ url: url.toString(), poolSize: 2 });
    const started = Date.now();
    await generateLarge(database.db, { courts: options.courts, participants: options.participants, password: BENCH_PASSWORD });
    await database.pool.query('VACUUM ANALYZE');
    await database.close();
    options.log(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return { url: url.toString(), stop };
}
