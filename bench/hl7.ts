import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { frame, MllpDecoder } from '../src/modules/labs/mllp.js';
import { NEG, oru, POS } from '../test/support/hl7-messages.js';
import { BENCH_PASSWORD, benchDatabase } from './support/bench-database.js';

/*
 * HL7 lab results into Tandem: a lab's ORU^R01 stream over MLLP (each message a ten-drug urine screen
 * with creatinine and specific gravity, about one in ten with a positive), from several connections
 * that each send the next message when the last is acknowledged — as lab interface engines send.
 * Tandem matches each to its test, stores the message, the results and the audit row, reinterprets
 * the test and acknowledges after the commit. The baseline inserts the same rows (the message and
 * its results) with nothing else, one transaction per message, over as many pg connections.
 * Then: how soon after its ACK a result is on the participant's timeline.
 */

const PANEL: [string, string][] = [
  ['19261-7', 'Amphetamines [Presence] in Urine by Screen method'],
  ['19554-5', 'Methamphetamine [Presence] in Urine by Screen method'],
  ['19359-9', 'Cocaine [Presence] in Urine by Screen method'],
  ['19295-5', 'Opiates [Presence] in Urine by Screen method'],
  ['19642-8', 'oxyCODONE [Presence] in Urine by Screen method'],
  ['59673-4', 'fentaNYL [Presence] in Urine by Screen method'],
  ['93494-3', 'Buprenorphine [Presence] in Urine by Screen method'],
  ['19550-3', 'Methadone [Presence] in Urine by Screen method'],
  ['14316-4', 'Benzodiazepines [Presence] in Urine by Screen method'],
  ['18282-4', 'Cannabinoids [Presence] in Urine by Screen method'],
];

type Target = { testId: string; participantId: string; accession: string };

function message(facility: string, controlId: string, target: Target, index: number): string {
  const positive = index % 10 === 3 ? index % PANEL.length : -1;
  return oru({
    controlId,
    facility,
    patient: { id: target.participantId },
    orders: [
      {
        filler: target.accession,
        collected: '20261201081500',
        observations: [
          ...PANEL.map(([code, text], i) => ({ code, text, value: i === positive ? POS : NEG })),
          { code: '2161-8', text: 'Creatinine [Mass/volume] in Urine', type: 'NM' as const, value: '96', units: 'mg/dL' },
          { code: '2965-2', text: 'Specific gravity of Urine', type: 'NM' as const, value: '1.017' },
        ],
      },
    ],
  });
}

/** One MLLP connection: send a message, wait for its ACK, and so on; resolves with each ACK's time. */
function sender(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  const decoder = new MllpDecoder();
  const waiting: ((ack: string) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const f of decoder.push(chunk)) if (f.kind === 'message') waiting.shift()?.(f.text);
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    ready,
    send: async (text: string) => {
      const ack = new Promise<string>((resolve) => waiting.push(resolve));
      socket.write(frame(text));
      return ack;
    },
    close: () => socket.end(),
  };
}

async function stream(port: number, messages: string[], connections: number) {
  const senders = Array.from({ length: connections }, () => sender(port));
  await Promise.all(senders.map((s) => s.ready));
  let next = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    senders.map(async (s) => {
      while (next < messages.length) {
        const ack = await s.send(messages[next++]!);
        if (!ack.includes('MSA|AA|')) refused++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const s of senders) s.close();
  return { messagesPerSecond: messages.length / seconds, seconds, refused };
}

export async function benchHl7(options: { messages: number; connections: number; log: (line: string) => void }) {
  const db = await benchDatabase({ courts: 50, participants: 20_000, log: options.log });
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  // The embedded server ends idle connections when it stops at the end.
  pool.on('error', () => undefined);
  const run = Date.now().toString(36).toUpperCase();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'lab-servers.ts')], {
    env: { ...process.env, BENCH_URL: db.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    // The court's lab, and a collected test awaiting results for each message, spread over the
    // court's active participants (as a day's specimens are).
    const lab = (
      await pool.query<{ id: string; facility: string; org: string }>(
        `SELECT l.id, l.sending_facility AS facility, l.organization_id AS org FROM labs l WHERE l.sending_facility = 'TOX001'`,
      )
    ).rows[0]!;
    const people = (
      await pool.query<{ participant_id: string; enrollment_id: string }>(
        `SELECT e.participant_id, e.id AS enrollment_id FROM enrollments e JOIN organizations o ON o.id = e.court_id
         WHERE o.name LIKE '% 001 County Treatment Court' AND e.status = 'active' ORDER BY e.case_number`,
      )
    ).rows;
    const targets = (
      await pool.query<Target>(
        `INSERT INTO drug_tests (participant_id, enrollment_id, reason, specimen_type, notified_at, collection, collected_at,
                                 observed, accession_id, lab_id, custodian_org_id, occurred_at)
         SELECT (p->>'participant_id')::uuid, (p->>'enrollment_id')::uuid, 'for_cause', 'urine', now() - interval '3 hours',
                'collected', now() - interval '2 hours', true, $1 || '-' || n, $2, $3, now() - interval '2 hours'
         FROM generate_series(1, $4::int) AS n, LATERAL (SELECT $5::jsonb -> ((n - 1) % jsonb_array_length($5::jsonb))) AS x(p)
         RETURNING id AS "testId", participant_id AS "participantId", accession_id AS accession`,
        [`BENCH${run}`, lab.id, lab.org, options.messages + 40, JSON.stringify(people)],
      )
    ).rows;
    const throughputTargets = targets.slice(0, options.messages);
    const latencyTargets = targets.slice(options.messages);
    const messages = throughputTargets.map((t, i) => message(lab.facility, `${run}-${i}`, t, i));
    options.log(
      `${messages.length} ORU^R01 messages (${PANEL.length} results each, ${Math.round(messages.reduce((n, m) => n + m.length, 0) / messages.length)} bytes on average) for ${people.length} participants`,
    );

    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const ports = JSON.parse(first) as { http: number; mllp: number };

    // Warm-up: a few hundred messages of their own tests are not counted.
    await stream(ports.mllp, messages.slice(0, 200), options.connections);
    const tandem = await stream(ports.mllp, messages.slice(200), options.connections);
    const stored = await pool.query<{ results: number; messages: number }>(
      `SELECT (SELECT count(*)::int FROM test_results r JOIN drug_tests t ON t.id = r.test_id WHERE t.accession_id LIKE $1) AS results,
              (SELECT count(*)::int FROM hl7_messages WHERE control_id LIKE $2 AND status = 'processed') AS messages`,
      [`BENCH${run}-%`, `${run}-%`],
    );
    const counts = stored.rows[0]!;
    if (counts.messages !== messages.length || tandem.refused > 0)
      throw new Error(`Tandem processed ${counts.messages} of ${messages.length} messages (${tandem.refused} refused)`);
    options.log(
      `  Tandem: ${tandem.messagesPerSecond.toFixed(0)} msg/s over ${options.connections} MLLP connections (${counts.results} results stored)`,
    );

    // Baseline: the same rows, bare, into copies of the two tables (same columns, defaults and indexes).
    await pool.query(
      `DROP TABLE IF EXISTS bench_hl7_messages, bench_test_results;
       CREATE TABLE bench_hl7_messages (LIKE hl7_messages INCLUDING DEFAULTS INCLUDING INDEXES);
       CREATE TABLE bench_test_results (LIKE test_results INCLUDING DEFAULTS INCLUDING INDEXES);`,
    );
    const rows = await pool.query<{ message: Record<string, unknown>; results: Record<string, unknown>[] }>(
      `SELECT to_jsonb(m) AS message,
              (SELECT jsonb_agg(to_jsonb(r)) FROM test_results r WHERE r.test_id = ANY (m.test_ids) AND r.message_id = m.id) AS results
       FROM hl7_messages m WHERE m.control_id LIKE $1 ORDER BY m.received_at OFFSET 200`,
      [`${run}-%`],
    );
    const bare = async () => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          const client = await pool.connect();
          try {
            while (next < rows.rows.length) {
              const row = rows.rows[next++]!;
              await client.query('BEGIN');
              await client.query(
                'INSERT INTO bench_hl7_messages SELECT * FROM jsonb_populate_record(NULL::bench_hl7_messages, $1::jsonb)',
                [{ ...row.message, id: crypto.randomUUID() }],
              );
              await client.query(
                'INSERT INTO bench_test_results SELECT * FROM jsonb_populate_recordset(NULL::bench_test_results, $1::jsonb)',
                [JSON.stringify(row.results.map((r) => ({ ...r, id: crypto.randomUUID() })))],
              );
              await client.query('COMMIT');
            }
          } finally {
            client.release();
          }
        }),
      );
      return rows.rows.length / ((performance.now() - started) / 1000);
    };
    const baseline = await bare();
    await pool.query('DROP TABLE bench_hl7_messages, bench_test_results');
    options.log(`  bare insert of the same rows: ${baseline.toFixed(0)} msg/s`);

    // From ACK to timeline: the counselor reads the participant's timeline right after each ACK.
    const login = await fetch(`http://127.0.0.1:${ports.http}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'counselor1@court-001.example', password: BENCH_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const one = sender(ports.mllp);
    await one.ready;
    const delays: number[] = [];
    for (const [i, target] of latencyTargets.entries()) {
      const ack = await one.send(message(lab.facility, `${run}-late-${i}`, target, i));
      if (!ack.includes('MSA|AA|')) throw new Error(`latency message ${i} refused: ${ack}`);
      const acked = performance.now();
      for (;;) {
        const page = (await (
          await fetch(`http://127.0.0.1:${ports.http}/api/v1/participants/${target.participantId}/timeline?limit=50`, {
            headers: { cookie },
          })
        ).json()) as { entries: { id: string; detail: { kind: string; outcome?: string } }[] };
        const entry = page.entries.find((e) => e.id === target.testId);
        if (entry && entry.detail.outcome !== 'pending') break;
        if (performance.now() - acked > 5_000) throw new Error(`test ${target.testId} not on the timeline 5 s after its ACK`);
      }
      delays.push(performance.now() - acked);
    }
    one.close();
    delays.sort((a, b) => a - b);
    const visible = {
      p50: delays[Math.floor(delays.length / 2)]!,
      max: delays.at(-1)!,
    };
    options.log(
      `  on the timeline after the ACK: p50 ${visible.p50.toFixed(1)} ms, max ${visible.max.toFixed(1)} ms (${delays.length} messages)`,
    );
    return {
      tandem,
      baseline: { messagesPerSecond: baseline },
      ratio: tandem.messagesPerSecond / baseline,
      target: 1000,
      timelineAfterAck: visible,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await pool.end();
    await db.stop();
  }
}
