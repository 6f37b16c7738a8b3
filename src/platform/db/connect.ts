import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server.js';
import { ensureDatabase } from './ensure-database.js';

export const EMBEDDED_DATABASE = 'tandem';

/** A reachable PostgreSQL for this process: the external server, or the data folder's embedded one. */
export type Connection = {
  url: string;
  mode: 'embedded' | 'external';
  /** Stops what this process started (embedded server, data folder lock). */
  release: () => Promise<void>;
};

type RuntimeFile = { pid: number; url: string };

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

/**
 * Opens the database Tandem runs on. With DATABASE_URL, that server. Otherwise the embedded server
 * of the data folder: started here (and stopped by `release`) — or, for a command-line tool while
 * `tandem start` already runs on the folder, the running server (`shareRunning`).
 */
export async function connect(
  config: Config,
  options: { shareRunning?: boolean; log?: (line: string) => void } = {},
): Promise<Connection> {
  if (config.databaseUrl) return { url: config.databaseUrl, mode: 'external', release: async () => undefined };
  if (options.shareRunning) {
    const running = liveRuntime(config.dataDir);
    if (running) return { url: running.url, mode: 'embedded', release: async () => undefined };
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
  const url = server.urlFor(EMBEDDED_DATABASE);
  fs.writeFileSync(runtimeFile(config.dataDir), JSON.stringify({ pid: process.pid, url } satisfies RuntimeFile), { mode: 0o600 });
  const started = server;
  const held = lock;
  return {
    url,
    mode: 'embedded',
    release: async () => {
      fs.rmSync(runtimeFile(config.dataDir), { force: true });
      await started.stop();
      held.release();
    },
  };
}
