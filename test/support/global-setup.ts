import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../src/demo/seed.js';
import { lockDataDir } from '../../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { startEmbeddedServer } from '../../src/platform/db/embedded-server.js';
import { runMigrations } from '../../src/platform/db/migrate.js';
import { todayIn } from '../../src/platform/time.js';
import { DEMO_PASSWORD } from './demo-password.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string; demoTemplate: string; demoToday: string };
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * One PostgreSQL for the whole run: the server named by TEST_DATABASE_URL, or an embedded one in a
 * temporary folder. Migrations run once into a template database; each test file copies it.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stopServer: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
    fs.chmodSync(dataDir, 0o755);
    const lock = lockDataDir(dataDir);
    const server = await startEmbeddedServer({ dataDir, ephemeral: true });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      lock.release();
    };
  }
  const template = `tandem_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await runMigrations(withDatabase(adminUrl, template));
  // A second template with the demo deployment loaded once, for the many files that start from it.
  const demoTemplate = `tandem_demo_${process.pid}`;
  const demoToday = todayIn('America/Chicago');
  const copier = new pg.Client({ connectionString: adminUrl });
  await copier.connect();
  await copier.query(`DROP DATABASE IF EXISTS ${demoTemplate} WITH (FORCE)`);
  await copier.query(`CREATE DATABASE ${demoTemplate} TEMPLATE ${template}`);
  await copier.end();
  const demo = openDatabase({ url: withDatabase(adminUrl, demoTemplate), poolSize: 2 });
  try {
    await seedDemo(demo.db, { password: DEMO_PASSWORD, today: demoToday });
  } finally {
    await demo.close();
  }
  project.provide('testDatabase', { adminUrl, template, demoTemplate, demoToday });

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const leftovers = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `tandem_t${process.pid}_%`],
    );
    await client.query(`DROP DATABASE IF EXISTS tandem_demo_${process.pid} WITH (FORCE)`);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
    await stopServer?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
