import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabase } from './support/bench-database.js';
import { alternateRounds, type LoadResult, load, meanOf } from './support/load.js';

/**
 * The participant overview of the goals work — goals with their history, indicators and steps, the
 * alignment view, the plan and the latest instrument scores — for the participant with two years of
 * history (court 001's first: about 200 tests and 600 attendance events; the indicators read the last 90 days)
 * at 20 concurrent clients on the 20,000-participant set, read by their counselor. Against a bare
 * route reading the same rows, alternating rounds.
 */
export async function benchOverview(options: {
  seconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}) {
  const db = await benchDatabase({ courts: 50, participants: 20_000, log: options.log });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const picked = (
    await client.query<{ participant_id: string; goals: number; instruments: number; tests: number }>(
      `SELECT e.participant_id,
              (SELECT count(*)::int FROM goals g WHERE g.participant_id = e.participant_id) AS goals,
              (SELECT count(*)::int FROM instrument_responses r WHERE r.participant_id = e.participant_id) AS instruments,
              (SELECT count(*)::int FROM drug_tests t WHERE t.participant_id = e.participant_id) AS tests
       FROM enrollments e WHERE e.case_number = 'C001-000001'`,
    )
  ).rows[0]!;
  await client.end();
  options.log(
    `Overview of C001-000001: ${picked.goals} goals, ${picked.instruments} instrument responses, ${picked.tests} tests (the last 90 days read).`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'overview-servers.ts')], {
    env: { ...process.env, BENCH_URL: db.url, BENCH_PARTICIPANT: picked.participant_id },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const ports = JSON.parse(first) as { tandem: number; bare: number };
    const login = await fetch(`http://127.0.0.1:${ports.tandem}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'counselor1@court-001.example', password: BENCH_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const tandemUrl = `http://127.0.0.1:${ports.tandem}/api/v1/participants/${picked.participant_id}/goals`;
    const bareUrl = `http://127.0.0.1:${ports.bare}/bare/overview`;
    const check = (await (await fetch(tandemUrl, { headers: { cookie } })).json()) as {
      goals: unknown[];
      alignment: { findings: unknown[] };
      latestScores: unknown[];
    };
    const bareCheck = (await (await fetch(bareUrl)).json()) as { goals: unknown[] };
    options.log(
      `  Tandem: ${check.goals.length} goals, ${check.alignment.findings.length} findings, ${check.latestScores.length} latest scores; bare: ${bareCheck.goals.length} goals`,
    );
    if (check.goals.length === 0 || check.goals.length !== bareCheck.goals.length)
      throw new Error('the two routes do not read the same goals');
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
    const side = (list: LoadResult[]) => ({
      requestsPerSecond: meanOf(list, 'requestsPerSecond'),
      p50: meanOf(list, 'p50'),
      p95: meanOf(list, 'p95'),
      worstP95: Math.max(...list.map((r) => r.p95)),
    });
    return {
      benchmark:
        'participant overview (goals, alignment, plan, latest scores), 20 concurrent clients, 50 courts / 20,000 participants',
      tandem: side(results.tandem),
      bare: side(results.bare),
      ratio: meanOf(results.tandem, 'requestsPerSecond') / meanOf(results.bare, 'requestsPerSecond'),
      targetP95Ms: 50,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.stop();
  }
}
