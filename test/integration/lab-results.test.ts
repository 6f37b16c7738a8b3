import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAck } from '../../src/modules/labs/hl7-ack.js';
import { ingestHl7 } from '../../src/modules/labs/ingest-hl7.js';
import { NEG, oru, POS } from '../support/hl7-messages.js';
import { collectedTest as collectedTestOf, setUpLab } from '../support/lab-setup.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Lab results in over HTTPS: realistic ORU^R01 messages from a lab that reports to the treatment
 * program, matched to the tests the program collected; duplicates, corrections, unknown codes and
 * unmatched specimens; malformed input that is refused and never disturbs what came before.
 */

let t: TestApp;
let counselor: Client;
let judge: Client;
let admin: Client;
let token = '';
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
const providerId = () => t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id;

async function post(message: string, secret = token) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/integrations/hl7',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'x-application/hl7-v2+er7' },
    payload: message,
  });
  const ack = response.body.startsWith('MSH') ? readAck(response.body) : { code: '', controlId: '', text: '' };
  return { status: response.statusCode, ack, body: response.body };
}

/** A test the counselor's program collects from Anthony, with the lab's accession id. */
const collectedTest = (accessionId: string) => collectedTestOf(counselor, anthony().enrollment.id, accessionId);

async function testsOf(client: Client) {
  const response = await client.get(`/api/v1/participants/${anthony().id}/tests`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    items: {
      id: string;
      outcome: string;
      presumptive: boolean;
      results: { analyte: string; stage: string; result: string; superseded: boolean; value: number | null }[];
      findings: { analyte: string; finding: string }[];
    }[];
  };
}

beforeAll(async () => {
  t = await createTestApp();
  counselor = await signIn(t.app, 'counselor@riverbend.example');
  judge = await signIn(t.app, 'judge@riverbend.example');
  admin = await signIn(t.app, 'admin@riverbend.example');
  await setUpLab(t, admin, { organizationName: 'Riverbend Recovery Services', facility: 'ACMELAB' });
  const created = await admin.post('/api/v1/admin/api-tokens', {
    name: 'Acme interface',
    organizationId: providerId(),
    scopes: ['lab_results:write'],
  });
  expect(created.statusCode, created.body).toBe(201);
  token = created.json().secret;
});
afterAll(async () => {
  await t?.close();
});

describe('lab results over HTTPS', () => {
  it('applies a screen with validity readings to the test its accession names, and acknowledges AA', async () => {
    const testId = await collectedTest('ACC-1001');
    const reply = await post(
      oru({
        controlId: 'ACME-0001',
        orders: [
          {
            filler: 'ACC-1001',
            observations: [
              { code: '19295-5', text: 'Opiates [Presence] in Urine by Screen method', value: NEG },
              { code: '59673-4', text: 'fentaNYL [Presence] in Urine by Screen method', value: POS },
              { code: '2161-8', text: 'Creatinine [Mass/volume] in Urine', type: 'NM', value: '92', units: 'mg/dL' },
              { code: '2965-2', text: 'Specific gravity of Urine', type: 'NM', value: '1.018' },
            ],
          },
        ],
      }),
    );
    expect(reply.status).toBe(200);
    expect(reply.ack).toMatchObject({ code: 'AA', controlId: 'ACME-0001' });
    const test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.outcome).toBe('positive_unauthorized');
    expect(test.presumptive).toBe(true);
    expect(test.results.map((r) => [r.analyte, r.result])).toEqual([
      ['opiates', 'negative'],
      ['fentanyl', 'positive'],
    ]);
  });

  it('a message sent again is acknowledged and applied once', async () => {
    const testId = await collectedTest('ACC-1002');
    const message = oru({
      controlId: 'ACME-0002',
      orders: [
        {
          filler: 'ACC-1002',
          observations: [{ code: '19359-9', text: 'Cocaine [Presence] in Urine by Screen method', value: NEG }],
        },
      ],
    });
    expect((await post(message)).ack.code).toBe('AA');
    const again = await post(message);
    expect(again.ack).toMatchObject({ code: 'AA', controlId: 'ACME-0002' });
    const test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.results).toHaveLength(1);
    const stored = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM hl7_messages WHERE control_id = 'ACME-0002' AND status <> 'rejected'`,
    );
    expect(stored.rows[0]!.n).toBe(1);
  });

  it('a confirmation stands over the screen; a corrected result (OBX-11 = C) replaces the earlier one, which stays as history', async () => {
    const testId = await collectedTest('ACC-1003');
    const screen = { code: '19295-5', text: 'Opiates [Presence] in Urine by Screen method', value: POS };
    expect((await post(oru({ controlId: 'ACME-0003', orders: [{ filler: 'ACC-1003', observations: [screen] }] }))).ack.code).toBe(
      'AA',
    );
    // The lab confirms by LC-MS/MS: negative — the screen is overturned.
    const confirm = {
      code: '18390-5',
      text: 'Opiates [Presence] in Urine by Confirmatory method',
      value: NEG,
      method: 'LCMSMS^LC-MS/MS',
    };
    expect(
      (await post(oru({ controlId: 'ACME-0004', orders: [{ filler: 'ACC-1003', observations: [confirm] }] }))).ack.code,
    ).toBe('AA');
    let test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.outcome).toBe('negative');
    // A different final result for the same analyte is not applied silently: it waits for review.
    const contradicting = { ...confirm, value: POS };
    expect(
      (await post(oru({ controlId: 'ACME-0005', orders: [{ filler: 'ACC-1003', observations: [contradicting] }] }))).ack.code,
    ).toBe('AA');
    test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.outcome).toBe('negative');
    const queue = (await counselor.get('/api/v1/lab-review')).json().items as { reason: string; testId: string }[];
    expect(queue.some((i) => i.reason === 'result_conflict' && i.testId === testId)).toBe(true);
    // The lab corrects its confirmation: that replaces it, and the earlier one is kept as superseded.
    const corrected = { ...confirm, value: POS, status: 'C' as const };
    expect(
      (await post(oru({ controlId: 'ACME-0006', orders: [{ filler: 'ACC-1003', observations: [corrected] }] }))).ack.code,
    ).toBe('AA');
    test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.outcome).toBe('positive_unauthorized');
    expect(test.presumptive).toBe(false);
    const confirmations = test.results.filter((r) => r.stage === 'confirmation');
    expect(confirmations.map((r) => [r.result, r.superseded])).toEqual([
      ['negative', true],
      ['positive', false],
    ]);
  });

  it('reads quantitative results against their cutoff, and a lab’s own codes through its mappings', async () => {
    const testId = await collectedTest('ACC-1004');
    const message = oru({
      controlId: 'ACME-0007',
      orders: [
        {
          filler: 'ACC-1004',
          observations: [
            // Quantitative THC-COOH by a confirmatory method: 42 ng/mL against a 15 ng/mL cutoff.
            {
              code: '20521-1',
              text: 'Carboxy THC [Mass/volume] by Confirmatory method',
              type: 'NM',
              value: '42',
              units: 'ng/mL',
              range: '<15',
            },
            // A code of the lab's own, not yet mapped: it waits for review, the rest is applied.
            { code: 'KRAT', text: 'Mitragynine (kratom)', system: 'L', value: POS },
          ],
        },
      ],
    });
    expect((await post(message)).ack.code).toBe('AA');
    let test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.results.map((r) => [r.analyte, r.stage, r.result, r.value])).toEqual([
      ['thc_cooh', 'confirmation', 'positive', 42],
    ]);
    const queue = (await counselor.get('/api/v1/lab-review')).json().items as {
      id: string;
      reason: string;
      testId: string | null;
      detail: { observations?: { code: string }[] };
    }[];
    const item = queue.find((i) => i.reason === 'unmapped_code' && i.testId === testId)!;
    expect(item.detail.observations?.map((o) => o.code)).toEqual(['KRAT']);
    // The program maps the code to an analyte of its panel; the order is applied again.
    const resolved = await counselor.post(`/api/v1/lab-review/${item.id}/resolve`, {
      action: 'map',
      mapping: {
        code: 'KRAT',
        target: 'result',
        analyte: 'mitragynine',
        substanceGroup: 'other',
        stage: 'screen',
        display: 'Kratom',
      },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.results.map((r) => r.analyte).sort()).toEqual(['mitragynine', 'thc_cooh']);
    const labs = (await counselor.get('/api/v1/labs')).json().items as { mappings: { code: string }[] }[];
    expect(labs[0]!.mappings.map((m) => m.code)).toContain('KRAT');
  });

  it('a specimen that matches no test waits for review, and is applied once matched', async () => {
    const testId = await collectedTest('ACC-PENDING');
    const message = oru({
      controlId: 'ACME-0008',
      patient: { id: 'not-a-known-id', family: 'Marsh', given: 'Anthony' },
      orders: [
        {
          filler: 'LAB-777',
          observations: [{ code: '19550-3', text: 'Methadone [Presence] in Urine by Screen method', value: NEG }],
        },
      ],
    });
    expect((await post(message)).ack.code).toBe('AA');
    const queue = (await counselor.get('/api/v1/lab-review')).json().items as {
      id: string;
      reason: string;
      detail: { filler?: string };
    }[];
    const item = queue.find((i) => i.reason === 'unmatched_specimen' && i.detail.filler === 'LAB-777')!;
    expect(item).toBeDefined();
    // The court cannot see the program's review queue.
    expect((await judge.get('/api/v1/lab-review')).statusCode).toBe(403);
    const resolved = await counselor.post(`/api/v1/lab-review/${item.id}/resolve`, { action: 'match', testId });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const test = (await testsOf(counselor)).items.find((x) => x.id === testId)!;
    expect(test.results.map((r) => r.analyte)).toEqual(['methadone']);
    expect((await counselor.post(`/api/v1/lab-review/${item.id}/resolve`, { action: 'dismiss', note: 'again' })).statusCode).toBe(
      409,
    );
  });

  it('messages that arrive together are taken in one transaction, each with its own ACK; one that cannot be applied is refused alone', async () => {
    const tests = await Promise.all(['ACC-2001', 'ACC-2002', 'ACC-2003', 'ACC-2004'].map((a) => collectedTest(a)));
    const cocaine = (accession: string, value: string, extra: Record<string, string> = {}) => ({
      filler: accession,
      observations: [{ code: '19359-9', text: 'Cocaine [Presence] in Urine by Screen method', value, ...extra }],
    });
    const source = {
      transport: 'https' as const,
      tokenOrganizationId: providerId(),
      audit: { actor: null, label: 'batch test', request: { id: 'batch', ip: null, userAgent: null } },
      receivedBy: 'batch test',
    };
    const messages = [
      oru({ controlId: 'BATCH-1', orders: [cocaine('ACC-2001', NEG)] }),
      oru({ controlId: 'BATCH-2', orders: [cocaine('ACC-2002', POS)] }),
      // Sent twice in the same instant: stored and applied once.
      oru({ controlId: 'BATCH-2', orders: [cocaine('ACC-2002', POS)] }),
      // A screen and, right behind it, its confirmation for the same test: weighed in order.
      oru({ controlId: 'BATCH-3', orders: [cocaine('ACC-2003', POS)] }),
      oru({
        controlId: 'BATCH-4',
        orders: [
          {
            filler: 'ACC-2003',
            observations: [{ code: '19360-7', text: 'Cocaine [Presence] in Urine by Confirmatory method', value: NEG }],
          },
        ],
      }),
      'not a message at all',
    ];
    const acks = await Promise.all(messages.map((m) => ingestHl7(t.database.db, m, source)));
    expect(acks.map((a) => [a.code, a.status])).toEqual([
      ['AA', 'processed'],
      ['AA', 'processed'],
      ['AA', 'duplicate'],
      ['AA', 'processed'],
      ['AA', 'processed'],
      ['AR', 'rejected'],
    ]);
    expect(acks[2]!.messageId).toBe(acks[1]!.messageId);
    // One transaction wrote them all (rows written together share their transaction id).
    const together = await t.database.db.execute<{ transactions: number; n: number }>(
      sql`SELECT count(DISTINCT xmin::text)::int AS transactions, count(*)::int AS n
          FROM hl7_messages WHERE control_id LIKE 'BATCH-%' AND status <> 'rejected'`,
    );
    expect(together.rows[0]).toEqual({ transactions: 1, n: 4 });
    const read = (await testsOf(counselor)).items;
    expect(read.find((x) => x.id === tests[0])!.outcome).toBe('negative');
    expect(read.find((x) => x.id === tests[1])!.results).toHaveLength(1);
    expect(read.find((x) => x.id === tests[1])!.outcome).toBe('positive_unauthorized');
    const confirmed = read.find((x) => x.id === tests[2])!;
    expect(confirmed.outcome).toBe('negative');
    expect(confirmed.presumptive).toBe(false);
    const audit = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lab.message' AND details->>'controlId' LIKE 'BATCH-%'`,
    );
    expect(audit.rows[0]!.n).toBe(4);

    // The database refuses one message's result (a fault injected for the test): the batch is taken
    // again one message at a time; that message alone is refused with AE, and kept.
    await t.database.db.execute(sql`
      CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.value = 424242 THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_for_test BEFORE INSERT ON test_results FOR EACH ROW EXECUTE FUNCTION refuse_for_test();`);
    try {
      const quantitative = {
        filler: 'ACC-2004',
        observations: [
          {
            code: '20521-1',
            text: 'Carboxy THC [Mass/volume] by Confirmatory method',
            type: 'NM' as const,
            value: '424242',
            units: 'ng/mL',
            range: '<15',
          },
        ],
      };
      const second = await Promise.all(
        [
          oru({ controlId: 'BATCH-5', orders: [cocaine('ACC-2001', NEG, { status: 'C' })] }),
          oru({ controlId: 'BATCH-6', orders: [quantitative] }),
          oru({ controlId: 'BATCH-7', orders: [cocaine('ACC-2004', NEG)] }),
        ].map((m) => ingestHl7(t.database.db, m, source)),
      );
      expect(second.map((a) => [a.code, a.status])).toEqual([
        ['AA', 'processed'],
        ['AE', 'rejected'],
        ['AA', 'processed'],
      ]);
      expect(readAck(second[1]!.ack).text).toContain('could not be applied');
      const fourth = (await testsOf(counselor)).items.find((x) => x.id === tests[3])!;
      expect(fourth.results.map((r) => r.analyte)).toEqual(['cocaine']);
      const kept = await t.database.db.execute<{ status: string }>(
        sql`SELECT status FROM hl7_messages WHERE control_id = 'BATCH-6'`,
      );
      expect(kept.rows).toEqual([{ status: 'rejected' }]);
    } finally {
      await t.database.db.execute(sql`DROP TRIGGER refuse_for_test ON test_results; DROP FUNCTION refuse_for_test();`);
    }
  });

  it('in one batch, a cannabis positive is read against an earlier one of the same batch (carry-over), and a test awaiting results takes one specimen only', async () => {
    const source = {
      transport: 'https' as const,
      tokenOrganizationId: providerId(),
      audit: { actor: null, label: 'batch test', request: { id: 'batch-2', ip: null, userAgent: null } },
      receivedBy: 'batch test',
    };
    const earlier = await collectedTestOf(counselor, anthony().enrollment.id, 'ACC-3001', 100);
    const later = await collectedTestOf(counselor, anthony().enrollment.id, 'ACC-3002', 5);
    const thc = (accession: string) => ({
      filler: accession,
      observations: [{ code: '18282-4', text: 'Cannabinoids [Presence] in Urine by Screen method', value: POS }],
    });
    const acks = await Promise.all(
      [oru({ controlId: 'CARRY-1', orders: [thc('ACC-3001')] }), oru({ controlId: 'CARRY-2', orders: [thc('ACC-3002')] })].map(
        (m) => ingestHl7(t.database.db, m, source),
      ),
    );
    expect(acks.map((a) => a.code)).toEqual(['AA', 'AA']);
    const read = (await testsOf(counselor)).items as unknown as {
      id: string;
      countsAsUse: boolean;
      flags: { kind: string }[];
    }[];
    expect(read.find((x) => x.id === earlier)!.countsAsUse).toBe(true);
    const second = read.find((x) => x.id === later)!;
    expect(second.flags.map((f) => f.kind)).toContain('possible_carry_over');
    expect(second.countsAsUse).toBe(false);

    // Two specimens the lab names by numbers Tandem does not know, for one participant and day: at
    // most one of them goes to a test awaiting results; never both into the same one.
    const awaiting = await collectedTestOf(counselor, anthony().enrollment.id, 'ACC-3003', 3);
    const unknown = (n: string) =>
      oru({
        controlId: `UNKNOWN-${n}`,
        patient: { id: anthony().id },
        orders: [
          {
            filler: `OTHER-${n}`,
            collected: new Date(Date.now() - 3 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000',
            observations: [
              { code: '19359-9', text: 'Cocaine [Presence] in Urine by Screen method', value: n === '1' ? NEG : POS },
            ],
          },
        ],
      });
    const both = await Promise.all(['1', '2'].map((n) => ingestHl7(t.database.db, unknown(n), source)));
    const applied = both.filter((a) => a.status === 'processed').flatMap((a) => a.testIds);
    expect(new Set(applied).size).toBe(applied.length);
    const results = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM test_results WHERE test_id = ${awaiting} AND superseded_by IS NULL`,
    );
    expect(results.rows[0]!.n).toBeLessThanOrEqual(1);
  });

  it('refuses what it cannot take with AR or AE — and never loses or disturbs a message taken before', async () => {
    const before = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM test_results`);
    const garbage = await post('this is not an HL7 message');
    expect(garbage.status).toBe(400);
    expect(garbage.ack.code).toBe('AR');
    const adt = await post(oru({ controlId: 'ACME-ADT', messageType: 'ADT^A01^ADT_A01', orders: [{ observations: [] }] }));
    expect(adt.ack).toMatchObject({ code: 'AR', controlId: 'ACME-ADT' });
    expect(adt.body).toContain('200^Unsupported message type');
    const noControlId = await post(oru({ controlId: '', orders: [{ filler: 'ACC-1001', observations: [] }] }));
    expect(noControlId.ack.code).toBe('AR');
    expect(noControlId.body).toContain('MSH-10');
    const badDate = await post(
      oru({ controlId: 'ACME-BADDATE', orders: [{ filler: 'ACC-1001', collected: '2026-13-45', observations: [] }] }),
    );
    expect(badDate.ack.code).toBe('AR');
    const unknownLab = await post(
      oru({ controlId: 'X-1', facility: 'SOMEOTHERLAB', orders: [{ filler: 'ACC-1001', observations: [] }] }),
    );
    expect(unknownLab.ack.code).toBe('AR');
    expect(unknownLab.ack.text).toContain('SOMEOTHERLAB');
    // Every refused message is kept, as it came.
    const refused = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM hl7_messages WHERE status = 'rejected'`,
    );
    expect(refused.rows[0]!.n).toBeGreaterThanOrEqual(5);
    const after = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM test_results`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('takes messages only from an API token of the lab’s organization with lab_results:write', async () => {
    const message = oru({ controlId: 'ACME-TOKEN', orders: [{ filler: 'ACC-1001', observations: [] }] });
    expect(
      (await counselor.post('/api/v1/integrations/hl7', message, { 'content-type': 'x-application/hl7-v2+er7' })).statusCode,
    ).toBe(403);
    const probation = t.plan.organizations.find((o) => o.kind === 'probation' && o.name.startsWith('Riverbend'))!.id;
    const other = await admin.post('/api/v1/admin/api-tokens', {
      name: 'Other',
      organizationId: probation,
      scopes: ['lab_results:write'],
    });
    const wrongOrg = await post(message, other.json().secret);
    expect(wrongOrg.ack.code).toBe('AR');
    const reader = await admin.post('/api/v1/admin/api-tokens', {
      name: 'Reader',
      organizationId: providerId(),
      scopes: ['participants:read'],
    });
    const noScope = await post(message, reader.json().secret);
    expect(noScope.status).toBe(403);
  });

  it('the judge sees the results his consent shares — test results — and each disclosure is accounted', async () => {
    const view = await testsOf(judge);
    expect(view.items.length).toBeGreaterThan(0);
    const accounted = await t.database.db.execute<{ classes: string[] }>(
      sql`SELECT data_classes AS classes FROM disclosures WHERE participant_id = ${anthony().id} AND recipient_label = 'Judge Maria Delgado'`,
    );
    expect(accounted.rows.some((r) => r.classes.includes('test_result'))).toBe(true);
  });
});
