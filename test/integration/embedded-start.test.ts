import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runTandem, startTandemProcess } from '../support/cli.js';

/*
 * `tandem start` as a user runs it: its own embedded PostgreSQL in a data folder, the demo court on
 * first start, one process per data folder, and an orderly stop on Ctrl-C (SIGINT).
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-start-'));
fs.chmodSync(dataDir, 0o755);
const env = { TANDEM_DATA_DIR: dataDir, PORT: '0', TANDEM_DEMO_PASSWORD: 'tandem-demo-2026' };
const running: ChildProcess[] = [];

function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = startTandemProcess(['start'], env);
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Tandem is running at (http:\/\/\S+)/);
      if (match && output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

async function caseloadTotal(url: string): Promise<number> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@riverbend.example', password: 'tandem-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const list = await fetch(`${url}/api/v1/participants`, { headers: { cookie } });
  return ((await list.json()) as { total: number }).total;
}

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('tandem start with the embedded database', () => {
  it('starts, serves, refuses a second process on the folder, stops cleanly and starts again with its data', async () => {
    const first = await start();
    expect(first.output()).toMatch(/coordinator@riverbend\.example/);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { status: string; database: { mode: string } };
    expect(health).toMatchObject({ status: 'ok', database: { mode: 'embedded' } });
    expect(await caseloadTotal(first.url)).toBe(34);

    // The application connects as its own role, which may not change or unprotect the audit log.
    const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { url: string; ownerUrl: string };
    expect(new URL(runtime.url).username).toBe('tandem_app');
    const app = new pg.Client({ connectionString: runtime.url });
    await app.connect();
    try {
      await expect(app.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(/must be owner/);
      await expect(app.query('DELETE FROM audit_chain')).rejects.toThrow(/permission denied/);
      expect((await app.query('SELECT count(*)::int AS n FROM participants')).rows[0].n).toBe(40);
    } finally {
      await app.end();
    }

    const second = await runTandem(['start'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another Tandem process \(pid \d+\) is already using the data folder/);

    // A command-line tool shares the running server instead of starting another.
    const verify = await runTandem(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toMatch(/Tandem stopped\./);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'tandem.lock'))).toBe(false);

    const again = await start();
    expect(again.output()).not.toMatch(/Demo court loaded/);
    expect(await caseloadTotal(again.url)).toBe(34);

    // Killed outright: its lock and its PostgreSQL are left behind; the next start copes with both.
    again.child.kill('SIGKILL');
    await new Promise((resolve) => again.child.once('exit', resolve));
    const recovered = await start();
    expect(recovered.output()).toMatch(/left running by an earlier Tandem/);
    expect(await caseloadTotal(recovered.url)).toBe(34);
    expect(await stop(recovered.child)).toBe(0);
    // Four starts of Tandem and its PostgreSQL, one after another: more than the default test time
    // on a busy machine.
  }, 120_000);
});
