import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every process in the tree under `root` (Linux /proc). */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

function memoryOf(pid: number): { rssKb: number; pssKb: number; name: string } {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    const name = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return { rssKb: field('Rss'), pssKb: field('Pss'), name };
  } catch {
    return { rssKb: 0, pssKb: 0, name: '?' };
  }
}

async function waitForHealth(port: number, started: number, child: ChildProcess): Promise<number> {
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no health answer within 120 s');
}

async function exercise(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@riverbend.example', password: 'tandem-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const list = (await (await fetch(`${base}/api/v1/participants?pageSize=50`, { headers: { cookie } })).json()) as {
    items: { participantId: string }[];
  };
  for (const item of list.items) await fetch(`${base}/api/v1/participants/${item.participantId}`, { headers: { cookie } });
  await fetch(`${base}/`);
}

/**
 * `npm start` on a fresh data folder (init, migrations, demo court) and again on the same folder:
 * milliseconds until /api/health answers, and the memory of Tandem's processes after some use.
 * Resident memory is summed as PSS (shared pages counted once); plain RSS double-counts
 * PostgreSQL's shared buffers in every backend.
 */
export async function benchStartup(options: { log: (line: string) => void }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-startup-'));
  fs.chmodSync(dataDir, 0o755);
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const root = path.join(import.meta.dirname, '..');
  const results: Record<string, unknown> = {};
  try {
    for (const run of ['first', 'later'] as const) {
      const started = Date.now();
      const child = spawn('npm', ['start', '--silent'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
        detached: true,
      });
      const healthMs = await waitForHealth(port, started, child);
      await exercise(port);
      const pids = processTree(child.pid!);
      const memory = pids.map(memoryOf);
      const tandem = memory.filter((m) => m.name !== 'npm start' && !m.name.startsWith('npm') && m.name !== 'sh');
      const pssMb = tandem.reduce((sum, m) => sum + m.pssKb, 0) / 1024;
      const rssMb = tandem.reduce((sum, m) => sum + m.rssKb, 0) / 1024;
      const nodeMb = (memory.find((m) => m.name === 'node')?.rssKb ?? 0) / 1024;
      results[run] = { healthMs, pssMb, rssMb, nodeRssMb: nodeMb, processes: tandem.length };
      options.log(
        `  ${run.padEnd(5)} start: health after ${healthMs} ms · memory ${pssMb.toFixed(0)} MB (PSS, ${tandem.length} processes; RSS sum ${rssMb.toFixed(0)} MB, node ${nodeMb.toFixed(0)} MB)`,
      );
      process.kill(-child.pid!, 'SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...results, targets: { firstHealthMs: 10_000, laterHealthMs: 4_000, memoryMb: 300 } };
}
