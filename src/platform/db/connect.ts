import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { ensureApplicationRole, grantApplicationRole } from './application-role.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server.js';
import { ensureDatabase } from './ensure-database.js';
import { type MigrationState, runMigrations } from './migrate.js';

export const EMBEDDED_DATABASE = 'tandem';
const EMBEDDED_APP_ROLE = 'tandem_app';

/** A reachable PostgreSQL for this process: the external server, or the data folder's embedded one. */
export type Connection = {
  /** What the application connects as: never the schema's owner when a separate role exists. */
  url: string;
  /** The schema owner, for migrations, grants, backup and restore. */
  ownerUrl: string;
  mode: 'embedded' | 'external';
  /** Stops what this process started (embedded server, data folder lock). */
  release: () => Promise<void>;
};

type RuntimeFile = { pid: number; url: string; ownerUrl: string };

function runtimeFile(dataDir: string): string {
  return path.join(dataDir, 'runtime.json');
}

function liveRuntime(dataDir: string): RuntimeFile | null {
  try {
    const runtime = JSON.parse(fs.readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeFile;
    process.kill(runtime.pid, 0);
    return runtime;
  } catch {
    return null;
  }
}

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Opens the database Tandem runs on. With DATABASE_URL, that server (and the owner from
 * TANDEM_MIGRATION_DATABASE_URL when given). Otherwise the embedded server of the data folder:
 * started here (and stopped by `release`) — or, for a command-line tool while `tandem start` already
 * runs on the folder, the running server (`shareRunning`).
 */
export async function connect(
  config: Config,
  options: { shareRunning?: boolean; log?: (line: string) => void } = {},
): Promise<Connection> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl,
      mode: 'external',
      release: async () => undefined,
    };
  }
  if (options.shareRunning) {
    const running = liveRuntime(config.dataDir);
    if (running) return { url: running.url, ownerUrl: running.ownerUrl, mode: 'embedded', release: async () => undefined };
  }
  let lock: DataDirLock | undefined;
  let server: EmbeddedServer | undefined;
  try {
    lock = lockDataDir(config.dataDir);
    server = await startEmbeddedServer({ dataDir: config.dataDir, log: options.log });
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await server?.stop();
    lock?.release();
    throw error;
  }
  const ownerUrl = server.urlFor(EMBEDDED_DATABASE);
  const appPassword = readOrCreateSecret(path.join(config.dataDir, 'app.password'));
  await ensureApplicationRole({ ownerUrl, role: EMBEDDED_APP_ROLE, password: appPassword });
  const url = server.urlFor(EMBEDDED_DATABASE, { user: EMBEDDED_APP_ROLE, password: appPassword });
  fs.writeFileSync(runtimeFile(config.dataDir), JSON.stringify({ pid: process.pid, url, ownerUrl } satisfies RuntimeFile), {
    mode: 0o600,
  });
  const started = server;
  const held = lock;
  return {
    url,
    ownerUrl,
    mode: 'embedded',
    release: async () => {
      fs.rmSync(runtimeFile(config.dataDir), { force: true });
      await started.stop();
      held.release();
    },
  };
}

/** Migrates (as the owner) and grants the application role what the new schema needs. */
export async function prepareDatabase(connection: Pick<Connection, 'url' | 'ownerUrl'>): Promise<MigrationState> {
  const state = await runMigrations(connection.ownerUrl);
  await grantApplicationRole({ ownerUrl: connection.ownerUrl, appUrl: connection.url });
  return state;
}
