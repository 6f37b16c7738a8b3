import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAck } from '../../src/modules/labs/hl7-ack.js';
import { NEG, oru, POS } from '../support/hl7-messages.js';
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
  return { status: response.statusCode, ack: readAck(response.body), body: response.body };
}

/** A test the counselor's program collects from Anthony, with the lab's accession id. */
async function collectedTest(accessionId: string) {
  const created = await counselor.post('/api/v1/tests', {
    enrollmentId: anthony().enrollment.id,
    reason: 'for_cause',
    accessionId,
    notifiedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const collected = await counselor.post(`/api/v1/tests/${id}/collection`, {
    collection: 'collected',
    collectedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    observed: true,
    observedBy: 'Dana Counselor',
    temperatureC: 34.5,
  });
  expect(collected.statusCode, collected.body).toBe(200);
  return id;
}

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
  const lab = await admin.post('/api/v1/labs', {
    name: 'Acme Toxicology',
    sendingFacility: 'ACMELAB',
    organizationId: providerId(),
  });
  expect(lab.statusCode, lab.body).toBe(201);
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
});
