import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { BENCH_PASSWORD, benchDatabase } from './support/bench-database.js';
import { alternateRounds, load, meanOf } from './support/load.js';

/**
 * The caseload list at 20 concurrent clients on 50 courts / 20,000 participants: Tandem's route
 * (session lookup, access layer, transaction with audit-on-read, schema-checked JSON) against a bare
 * Fastify route running the same SQL through pg, measured side by side, alternating rounds.
 */
export async function benchCaseload(options: {
  seconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}) {
  const db = await benchDatabase({ courts: 50, participants: 20_000, log: options.log });
  const email = 'coordinator@court-001.example';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'caseload-servers.ts')], {
    env: { ...process.env, BENCH_URL: db.url, BENCH_EMAIL: email },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const ports = JSON.parse(first) as { tandem: number; bare: number; sql: string; params: number };
    const login = await fetch(`http://127.0.0.1:${ports.tandem}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const tandemUrl = `http://127.0.0.1:${ports.tandem}/api/v1/participants`;
    const bareUrl = `http://127.0.0.1:${ports.bare}/bare/caseload`;
    const check = (await (await fetch(tandemUrl, { headers: { cookie } })).json()) as { items: unknown[]; total: number };
    const bareCheck = (await (await fetch(bareUrl)).json()) as { items: unknown[] };
    if (check.items.length !== 25 || bareCheck.items.length !== 25) throw new Error('the two routes do not return the same page');
    options.log(`Caseload of ${email}: ${check.total} enrollments, 25 per page.`);

    const run = (target: 'tandem' | 'bare', seconds: number) =>
      load({
        url: target === 'tandem' ? tandemUrl : bareUrl,
        connections: options.connections,
        seconds,
        headers: target === 'tandem' ? { cookie } : {},
      });
    const results = await alternateRounds({
      targets: ['tandem', 'bare'],
      rounds: options.rounds,
      seconds: options.seconds,
      run,
      log: options.log,
    });
    const mean = meanOf;
    const summary = {
      benchmark: 'caseload list, 20 concurrent clients, 50 courts / 20,000 participants',
      tandem: {
        requestsPerSecond: mean(results.tandem, 'requestsPerSecond'),
        p50: mean(results.tandem, 'p50'),
        p95: mean(results.tandem, 'p95'),
      },
      bare: {
        requestsPerSecond: mean(results.bare, 'requestsPerSecond'),
        p50: mean(results.bare, 'p50'),
        p95: mean(results.bare, 'p95'),
      },
      ratio: mean(results.tandem, 'requestsPerSecond') / mean(results.bare, 'requestsPerSecond'),
      target: 0.5,
      rounds: options.rounds,
      seconds: options.seconds,
    };
    return summary;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.stop();
  }
}
