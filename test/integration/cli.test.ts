import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { NEG, oru, POS } from '../support/hl7-messages.js';
import { collectedTest, setUpLab } from '../support/lab-setup.js';
import { createTestApp, signIn, type TestApp } from '../support/test-app.js';
import { createEmptyDatabase } from '../support/test-database.js';

let t: TestApp;
let env: Record<string, string>;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));

beforeAll(async () => {
  t = await createTestApp();
  env = { DATABASE_URL: t.database.url, TANDEM_DEMO_PASSWORD: 'tandem-demo-2026' };
});
afterAll(async () => {
  await t.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Every row of every application table, in a stable text form, plus the sequences. */
async function snapshot(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      )
    ).rows.map((r) => r.name);
    const result: Record<string, string> = {};
    for (const table of tables) {
      const rows = await client.query<{ digest: string; n: number }>(
        `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest, count(*)::int AS n FROM "${table}" t`,
      );
      result[table] = `${rows.rows[0]!.n}:${rows.rows[0]!.digest}`;
    }
    const sequence = await client.query<{ state: string }>(
      `SELECT last_value || '/' || is_called AS state FROM audit_log_id_seq`,
    );
    result.audit_log_id_seq = sequence.rows[0]!.state;
    return result;
  } finally {
    await client.end();
  }
}

describe('tandem command line', () => {
  it('creates a user who can sign in, and refuses a weak password with a clear message', async () => {
    const created = await runTandem(
      [
        'user',
        'create',
        '--email',
        'new.coordinator@riverbend.example',
        '--name',
        'Nia Coordinator',
        '--org',
        'Riverbend County Treatment Court',
        '--role',
        'coordinator',
        '--password',
        'amber-violin-harbor-42',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created new.coordinator@riverbend.example \(coordinator\)/);
    const client = await signIn(t.app, 'new.coordinator@riverbend.example', 'amber-violin-harbor-42');
    expect((await client.get('/api/v1/participants')).json().total).toBeGreaterThan(30);

    const weak = await runTandem(
      [
        'user',
        'create',
        '--email',
        'weak@riverbend.example',
        '--name',
        'Weak',
        '--org',
        'Riverbend County Treatment Court',
        '--role',
        'judge',
        '--password',
        'password1234',
      ],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toBe('Choose a stronger password: avoid common passwords, names and simple patterns.');
  });

  it('creates an API token whose secret works once printed', async () => {
    const result = await runTandem(
      ['token', 'create', '--name', 'lab feed', '--org', 'Riverbend Recovery Services', '--scope', 'participants:read'],
      env,
    );
    expect(result.code).toBe(0);
    const secret = result.stdout.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^tdm_/);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/participants',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('imports HL7 batches and results spreadsheets, with a progress bar; again, nothing is applied twice', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    await setUpLab(t, admin, { organizationName: 'Riverbend Recovery Services', facility: 'FILELAB' });
    const anthony = t.plan.participants.find((p) => p.firstName === 'Anthony')!;
    const first = await collectedTest(counselor, anthony.enrollment.id, 'FILE-1');
    const second = await collectedTest(counselor, anthony.enrollment.id, 'FILE-2');
    const batch = [
      'FHS|^~\\&|LIS|FILELAB',
      'BHS|^~\\&|LIS|FILELAB',
      oru({
        controlId: 'F-1',
        facility: 'FILELAB',
        orders: [{ filler: 'FILE-1', observations: [{ code: '19295-5', text: 'Opiates', value: NEG }] }],
      }),
      oru({
        controlId: 'F-2',
        facility: 'FILELAB',
        orders: [{ filler: 'FILE-2', observations: [{ code: '19359-9', text: 'Cocaine', value: POS }] }],
      }),
      'garbage that is no message',
      'BTS|2',
      'FTS|1',
    ].join('\n');
    const file = path.join(workDir, 'results.hl7');
    fs.writeFileSync(file, batch);
    const result = await runTandem(['import', 'hl7', file], env);
    expect(result.stdout).toMatch(/3 messages: 2 applied, .* 0 already received, 1 refused/);
    expect(result.stderr).toMatch(/AR/);
    expect(result.code).toBe(1);
    const again = await runTandem(['import', 'hl7', file], env);
    expect(again.stdout).toMatch(/3 messages: 0 applied, .* 2 already received, 1 refused/);
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const results = await client.query(
        `SELECT test_id, analyte, result FROM test_results WHERE test_id IN ($1, $2) ORDER BY analyte`,
        [first, second],
      );
      expect(results.rows.map((r) => [r.analyte, r.result])).toEqual([
        ['cocaine', 'positive'],
        ['opiates', 'negative'],
      ]);
      // A spreadsheet: two rows for one specimen, one row that cannot be read.
      const third = await collectedTest(counselor, anthony.enrollment.id, 'FILE-3');
      const day = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
      const csv = [
        'accession_id,collected_at,analyte,stage,result,value,unit,cutoff,creatinine_mg_dl,specific_gravity',
        `FILE-3,${day},buprenorphine,screen,positive,,,,85,1.015`,
        `FILE-3,${day},thc_cooh,confirmation,positive,42,ng/mL,15,85,1.015`,
        `FILE-3,${day},cocaine,screen,maybe,,,,,`,
      ].join('\n');
      const sheet = path.join(workDir, 'results.csv');
      fs.writeFileSync(sheet, csv);
      const imported = await runTandem(['import', 'csv', sheet, '--lab', 'FILELAB'], env);
      expect(imported.stderr).toMatch(/row 4: result "maybe" is not positive, negative or inconclusive/);
      expect(imported.stdout).toMatch(/1 messages: 1 applied/);
      const rows = await client.query(
        `SELECT analyte, stage, result, value FROM test_results WHERE test_id = $1 ORDER BY analyte`,
        [third],
      );
      expect(rows.rows.map((r) => [r.analyte, r.stage, r.result, r.value])).toEqual([
        ['buprenorphine', 'screen', 'positive', null],
        ['thc_cooh', 'confirmation', 'positive', 42],
      ]);
      const validity = await client.query(`SELECT creatinine_mg_dl, specific_gravity FROM drug_tests WHERE id = $1`, [third]);
      expect(validity.rows[0]).toEqual({ creatinine_mg_dl: 85, specific_gravity: 1.015 });
      const twice = await runTandem(['import', 'csv', sheet, '--lab', 'FILELAB'], env);
      expect(twice.stdout).toMatch(/1 messages: 0 applied, .* 1 already received/);
    } finally {
      await client.end();
    }
  });

  it('generates a deterministic large data set with a progress bar', async () => {
    const result = await runTandem(['generate', '--courts', '2', '--participants', '30'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Generated 30 participants in 2 courts/);
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    const courts = await client.query(
      `SELECT name FROM organizations WHERE kind = 'court' AND name LIKE '% 00_ County Treatment Court' ORDER BY name`,
    );
    const count = await client.query(`SELECT count(*)::int AS n FROM enrollments WHERE case_number LIKE 'C00%'`);
    await client.end();
    expect(courts.rows).toHaveLength(2);
    expect(count.rows[0].n).toBe(30);
  });

  it('refuses to load the demo court into a database that has data', async () => {
    const result = await runTandem(['seed-demo'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already holds organizations/);
  });

  it('verifies the audit chain', async () => {
    const result = await runTandem(['audit', 'verify'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Audit chain intact: \d+ entries verified/);
  });

  it('backs up and restores a database exactly, and refuses to restore over data', async () => {
    const file = path.join(workDir, 'tandem.backup');
    const backup = await runTandem(['backup', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    const target = await createEmptyDatabase();
    try {
      const restore = await runTandem(['restore', file], { ...env, DATABASE_URL: target.url });
      expect(restore.code, restore.stderr).toBe(0);
      expect(await snapshot(target.url)).toEqual(await snapshot(t.database.url));
      const verify = await runTandem(['audit', 'verify'], { ...env, DATABASE_URL: target.url });
      expect(verify.code).toBe(0);
      const again = await runTandem(['restore', file], { ...env, DATABASE_URL: target.url });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already holds data/);
    } finally {
      await target.drop();
    }
  });

  it('reports a broken audit chain with exit code 1', async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query(`UPDATE audit_log SET details = '{"forged": true}' WHERE id = (SELECT min(id) FROM audit_log)`);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await client.end();
    const result = await runTandem(['audit', 'verify'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Audit chain BROKEN: 1 problem/);
  });
});
