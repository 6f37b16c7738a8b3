import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabase } from './support/bench-database.js';
import { alternateRounds, type LoadResult, load, meanOf } from './support/load.js';

/**
 * A participant's timeline with two years of history (court 001's first participant: about 200
 * tests and 600 attendance events, with notes, consents and status changes) at 20 concurrent
 * clients on the 20,000-participant set, read by their counselor a page at a time as the web app
 * does (50 entries). Against a bare route running the timeline's own statement, alternating rounds.
 */
export async function benchTimeline(options: {
  seconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}) {
  const db = await benchDatabase({ courts: 50, participants: 20_000, log: options.log });
  const page = 50;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const picked = (
    await client.query<{ participant_id: string; enrollment_id: string; tests: number; attendance: number; records: number }>(
      `SELECT e.participant_id, e.id AS enrollment_id,
              (SELECT count(*)::int FROM drug_tests t WHERE t.participant_id = e.participant_id) AS tests,
              (SELECT count(*)::int FROM attendance_events a WHERE a.participant_id = e.participant_id) AS attendance,
              (SELECT count(*)::int FROM test_results r JOIN drug_tests t ON t.id = r.test_id WHERE t.participant_id = e.participant_id) AS records
       FROM enrollments e WHERE e.case_number = 'C001-000001'`,
    )
  ).rows[0]!;
  await client.end();
  options.log(
    `Timeline of C001-000001: ${picked.tests} tests (${picked.records} results) and ${picked.attendance} attendance events; pages of ${page}.`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'timeline-servers.ts')], {
    env: {
      ...process.env,
      BENCH_URL: db.url,
      BENCH_PARTICIPANT: picked.participant_id,
      BENCH_ENROLLMENTS: picked.enrollment_id,
      BENCH_PAGE: String(page),
    },
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
    const tandemUrl = `http://127.0.0.1:${ports.tandem}/api/v1/participants/${picked.participant_id}/timeline?limit=${page}`;
    const bareUrl = `http://127.0.0.1:${ports.bare}/bare/timeline`;
    const check = (await (await fetch(tandemUrl, { headers: { cookie } })).json()) as { entries: { detail: { kind: string } }[] };
    const bareCheck = (await (await fetch(bareUrl)).json()) as { entries: unknown[] };
    const kinds = [...new Set(check.entries.map((e) => e.detail.kind))].join(', ');
    options.log(`  first page: Tandem ${check.entries.length} entries (${kinds}), bare ${bareCheck.entries.length}`);
    if (check.entries.length !== page || bareCheck.entries.length !== page)
      throw new Error('the two routes do not return a full page');

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
    const side = (list: LoadResult[]) => ({
      requestsPerSecond: mean(list, 'requestsPerSecond'),
      p50: mean(list, 'p50'),
      p95: mean(list, 'p95'),
      worstP95: Math.max(...list.map((r) => r.p95)),
    });
    return {
      benchmark: 'timeline (two years of history), 20 concurrent clients, 50 courts / 20,000 participants',
      tandem: side(results.tandem),
      bare: side(results.bare),
      ratio: mean(results.tandem, 'requestsPerSecond') / mean(results.bare, 'requestsPerSecond'),
      targetP95Ms: 50,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.stop();
  }
}
