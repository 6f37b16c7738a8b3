import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabase } from './support/bench-database.js';
import { alternateRounds, load, meanOf } from './support/load.js';

/**
 * What consent enforcement costs: the caseload list and a participant's timeline, each on a Tandem
 * that enforces consent and on one with enforcement bypassed (same code, same data, same run),
 * alternating rounds at 20 concurrent clients. The coordinator reads a participant with treatment
 * notes and 2–4 consents, so every timeline request decides Part 2 records against them.
 */
export async function benchConsent(options: {
  seconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}) {
  const db = await benchDatabase({ courts: 50, participants: 20_000, log: options.log });
  const email = 'coordinator@court-001.example';
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const picked = await client.query<{ id: string; consents: number; notes: number }>(`
    SELECT p.id, (SELECT count(*)::int FROM consents c WHERE c.participant_id = p.id) AS consents,
           (SELECT count(*)::int FROM treatment_notes n WHERE n.participant_id = p.id) AS notes
    FROM participants p JOIN enrollments e ON e.participant_id = p.id JOIN organizations o ON o.id = e.court_id
    WHERE o.name LIKE '% 001 County Treatment Court' AND e.status = 'active'
      AND (SELECT count(*) FROM consents c WHERE c.participant_id = p.id) BETWEEN 3 AND 4
      AND (SELECT count(*) FROM treatment_notes n WHERE n.participant_id = p.id) >= 2
    ORDER BY p.id LIMIT 1`);
  const perParticipant = await client.query<{ avg: string }>(
    'SELECT avg(n)::numeric(4,2) AS avg FROM (SELECT count(*) AS n FROM consents GROUP BY participant_id) x',
  );
  await client.end();
  const participant = picked.rows[0]!;
  options.log(
    `Timeline of a participant with ${participant.consents} consents and ${participant.notes} treatment notes; ` +
      `${perParticipant.rows[0]!.avg} consents per participant who has any.`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'consent-servers.ts')], {
    env: { ...process.env, BENCH_URL: db.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const ports = JSON.parse(first) as { on: number; bypass: number };
    const cookieFor = async (port: number) => {
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: BENCH_PASSWORD }),
      });
      return login.headers.get('set-cookie')!.split(';')[0]!;
    };
    const cookies = { on: await cookieFor(ports.on), bypass: await cookieFor(ports.bypass) };
    const routes = { caseload: '/api/v1/participants', timeline: `/api/v1/participants/${participant.id}/timeline` };
    const summary: Record<string, unknown> = {};
    for (const [name, route] of Object.entries(routes)) {
      const url = (mode: 'on' | 'bypass') => `http://127.0.0.1:${ports[mode]}${route}`;
      const check = async (mode: 'on' | 'bypass') => (await fetch(url(mode), { headers: { cookie: cookies[mode] } })).json();
      const [onBody, bypassBody] = (await Promise.all([check('on'), check('bypass')])) as { entries?: { dataClass: string }[] }[];
      if (name === 'timeline') {
        const notes = (body: typeof onBody) => body!.entries!.filter((e) => e.dataClass === 'clinical_note').length;
        options.log(
          `  timeline entries: enforced ${onBody!.entries!.length} (notes ${notes(onBody)}), bypassed ${bypassBody!.entries!.length} (notes ${notes(bypassBody)})`,
        );
      }
      const run = (mode: 'on' | 'bypass', seconds: number) =>
        load({ url: url(mode), connections: options.connections, seconds, headers: { cookie: cookies[mode] } });
      const results = await alternateRounds({
        targets: ['on', 'bypass'],
        rounds: options.rounds,
        seconds: options.seconds,
        run,
        log: options.log,
        label: `${name} `,
      });
      const mean = meanOf;
      summary[name] = {
        enforced: {
          requestsPerSecond: mean(results.on, 'requestsPerSecond'),
          p50: mean(results.on, 'p50'),
          p95: mean(results.on, 'p95'),
        },
        bypassed: {
          requestsPerSecond: mean(results.bypass, 'requestsPerSecond'),
          p50: mean(results.bypass, 'p50'),
          p95: mean(results.bypass, 'p95'),
        },
        ratio: mean(results.on, 'requestsPerSecond') / mean(results.bypass, 'requestsPerSecond'),
        target: 0.85,
      };
    }
    return summary as Record<
      'caseload' | 'timeline',
      { enforced: { requestsPerSecond: number }; bypassed: { requestsPerSecond: number }; ratio: number; target: number }
    >;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.stop();
  }
}
