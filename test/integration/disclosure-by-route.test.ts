import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHONY_NOTE } from '../../src/demo/consent-plan.js';
import type { AccessContext, ActorMembership } from '../../src/modules/access/access-context.js';
import { DisclosurePolicy, loadDisclosureInputs } from '../../src/modules/consent/disclosure-policy.js';
import { DATA_CLASSES, type DataClass, TREATMENT_CLASSES } from '../../src/modules/records/data-classes.js';
import { pdfText } from '../support/pdf-text.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Every route of the API against every data class: a court-side reader (the judge) never receives a
 * Part 2 record of a class the participant's consent does not share with them. Routes come from the
 * OpenAPI document, so a new route fails here until it is classified: either it answers with
 * participant records (it is then called as the judge and its answer searched), or it says why it
 * holds none. Classes with a table (notes; status, phase and team are the court's own records) are
 * seeded and looked for in every answer; for classes no table holds yet, the disclosure decision itself
 * is asked, so the test names every class.
 */

let t: TestApp;
let judge: Client;
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
const userId = (email: string) => t.plan.users.find((u) => u.email === email)!.id;

/** What a route gives the judge for Anthony: the answers to search (none for routes without records). */
type Route = { records: (c: Client) => Promise<LightMyRequestResponse[]> } | { none: string };

const consentIds = () => (anthony().consents ?? []).map((c) => c.id);
const get = (c: Client, url: string) => c.get(url);
const p = () => `/api/v1/participants/${anthony().id}`;

const ROUTES: Record<string, Route> = {
  'GET /api/v1/participants': { records: async (c) => [await get(c, '/api/v1/participants?pageSize=200')] },
  'GET /api/v1/participants/{id}': { records: async (c) => [await get(c, p())] },
  'PATCH /api/v1/participants/{id}': { records: async (c) => [await c.patch(p(), { preferredName: 'Tony' })] },
  'GET /api/v1/participants/{id}/timeline': {
    records: async (c) => [
      await get(c, `${p()}/timeline?limit=500`),
      await get(c, `${p()}/timeline?classes=${TREATMENT_CLASSES.join(',')}`),
      await get(c, `${p()}/timeline?purpose=legal_proceedings`),
    ],
  },
  'GET /api/v1/participants/{id}/timeline/export': {
    records: async (c) => [
      await get(c, `${p()}/timeline/export?format=pdf`),
      await get(c, `${p()}/timeline/export?format=csv`),
      await get(c, `${p()}/timeline/export?format=csv&purpose=legal_proceedings`),
    ],
  },
  'GET /api/v1/participants/{id}/disclosure-preview': {
    records: async (c) => [await get(c, `${p()}/disclosure-preview?userId=${userId('counselor@riverbend.example')}`)],
  },
  'GET /api/v1/participants/{id}/consents': { records: async (c) => [await get(c, `${p()}/consents`)] },
  'GET /api/v1/consents/{id}/document': {
    records: async (c) => Promise.all(consentIds().map((id) => get(c, `/api/v1/consents/${id}/document`))),
  },
  'GET /api/v1/consents/{id}/fhir': {
    records: async (c) => Promise.all(consentIds().map((id) => get(c, `/api/v1/consents/${id}/fhir`))),
  },
  'GET /api/v1/participants/{id}/restrictions': { records: async (c) => [await get(c, `${p()}/restrictions`)] },
  'GET /api/v1/participants/{id}/court-orders': { records: async (c) => [await get(c, `${p()}/court-orders`)] },
  'GET /api/v1/participants/{id}/disclosures': { records: async (c) => [await get(c, `${p()}/disclosures`)] },
  'GET /api/v1/audit': { records: async (c) => [await get(c, `/api/v1/audit?participantId=${anthony().id}`)] },
  'GET /api/v1/participants/{id}/tests': { records: async (c) => [await get(c, `${p()}/tests`)] },
  'GET /api/v1/participants/{id}/attendance': { records: async (c) => [await get(c, `${p()}/attendance`)] },
  'GET /api/v1/participants/{id}/prescriptions': { records: async (c) => [await get(c, `${p()}/prescriptions`)] },
  'GET /api/v1/lab-review': {
    records: async (c) => [await get(c, '/api/v1/lab-review'), await get(c, '/api/v1/lab-review?status=resolved')],
  },
  'GET /api/v1/participants/{id}/goals': { records: async (c) => [await get(c, `${p()}/goals`)] },
  'GET /api/v1/participants/{id}/plan.pdf': {
    records: async (c) => [await get(c, `${p()}/plan.pdf?lang=en`), await get(c, `${p()}/plan.pdf?lang=es`)],
  },
  'GET /api/v1/participants/{id}/instruments': { records: async (c) => [await get(c, `${p()}/instruments`)] },
  'GET /api/v1/instruments': { none: 'the instruments’ items and scoring' },
  'POST /api/v1/goals': { none: 'the new id' },
  'PATCH /api/v1/goals/{id}': { none: 'the id' },
  'POST /api/v1/goals/{id}/classification': { none: 'the id' },
  'POST /api/v1/goals/{id}/notes': { none: 'the new id' },
  'POST /api/v1/goals/{id}/observations': { none: 'the new id' },
  'POST /api/v1/goals/{id}/steps': { none: 'the new id' },
  'PATCH /api/v1/plan-steps/{id}': { none: 'the id' },
  'PUT /api/v1/participants/{id}/plan': { none: 'the id' },
  'POST /api/v1/alignment-decisions': { none: 'the new id' },
  'POST /api/v1/instrument-responses': { none: 'the new id and whether it raised a safety prompt' },
  'POST /api/v1/instrument-responses/{id}/safety-follow-up': { none: 'the id' },
  'GET /api/v1/labs': { none: 'labs and their code mappings' },
  'GET /api/v1/courts/{id}/testing/dashboard': {
    records: async (c) => [await get(c, `/api/v1/courts/${anthony().enrollment.courtId}/testing/dashboard`)],
  },
  'GET /api/v1/courts/{id}/testing-groups': { none: 'call-in groups' },
  'POST /api/v1/courts/{id}/testing-groups': { none: 'a group' },
  'GET /api/v1/courts/{id}/holidays': { none: 'holidays' },
  'POST /api/v1/courts/{id}/holidays': { none: 'a holiday' },
  'GET /api/v1/courts/{id}/testing/settings': { none: 'the court’s report-by deadlines' },
  'PATCH /api/v1/courts/{id}/testing/settings': { none: 'the court’s report-by deadlines' },
  'POST /api/v1/testing-plans': { none: 'the new id' },
  'GET /api/v1/participants/{id}/agreements': { none: 'the court’s agreement and its conditions (the court’s own record)' },
  'POST /api/v1/agreements': { none: 'the new id' },
  'POST /api/v1/agreements/{id}/acknowledge': { none: 'the id' },
  'GET /api/v1/participants/{id}/testing-plans': { none: 'the court’s testing plans: method, frequency, specimen, collector' },
  'GET /api/v1/courts/{id}/testing/draws': { none: 'the court’s own draws: dates, groups and counts' },
  'POST /api/v1/courts/{id}/testing/draws': { none: 'the draw’s id and count' },
  'GET /api/v1/testing/draws/{id}/verify': { none: 'whether a draw reproduces' },
  'POST /api/v1/labs': { none: 'a lab' },
  'PUT /api/v1/labs/{id}/mappings': { none: 'the mapping’s id' },
  'POST /api/v1/lab-review/{id}/resolve': { none: 'the item’s id' },
  'POST /api/v1/integrations/hl7': { none: 'an HL7 acknowledgement (API tokens only)' },
  'POST /api/v1/tests': { none: 'the new id' },
  'POST /api/v1/tests/{id}/collection': { none: 'the id' },
  'POST /api/v1/tests/{id}/results': { none: 'the id' },
  'POST /api/v1/tests/{id}/reviews': { none: 'the new id' },
  'POST /api/v1/test-reviews/{id}/close': { none: 'the id' },
  'POST /api/v1/use-reports': { none: 'the new id' },
  'POST /api/v1/attendance': { none: 'the new id' },
  'PATCH /api/v1/attendance/{id}': { none: 'the id' },
  'POST /api/v1/prescriptions': { none: 'the new id' },
  'PATCH /api/v1/prescriptions/{id}': { none: 'the id' },
  'POST /api/v1/prescriptions/{id}/doses': { none: 'the new id' },
  'POST /api/v1/continuity-events': { none: 'the new id' },

  'GET /api/health': { none: 'the server’s state' },
  'POST /api/v1/auth/login': { none: 'the signed-in user' },
  'POST /api/v1/auth/logout': { none: 'nothing' },
  'POST /api/v1/auth/mfa/verify': { none: 'the signed-in user' },
  'POST /api/v1/auth/mfa/enrol': { none: 'the user’s second factor' },
  'POST /api/v1/auth/mfa/enrol/confirm': { none: 'recovery codes' },
  'POST /api/v1/auth/mfa/disable': { none: 'nothing' },
  'POST /api/v1/auth/mfa/recovery-codes': { none: 'recovery codes' },
  'GET /api/v1/me': { none: 'the signed-in user' },
  'PATCH /api/v1/me': { none: 'the signed-in user' },
  'POST /api/v1/me/password': { none: 'nothing' },
  'POST /api/v1/participants': { none: 'the new ids' },
  'PATCH /api/v1/enrollments/{id}': { none: 'nothing (204)' },
  'POST /api/v1/enrollments/{id}/status': { none: 'nothing (204)' },
  'POST /api/v1/enrollments/{id}/phase': { none: 'nothing (204)' },
  'GET /api/v1/enrollments/{id}/team-candidates': { none: 'staff who could serve on the case' },
  'GET /api/v1/programs/{id}/team-candidates': { none: 'staff who could serve in the program' },
  'POST /api/v1/enrollments/{id}/team': { none: 'the new id' },
  'POST /api/v1/enrollments/{id}/team/{memberId}/end': { none: 'nothing (204)' },
  'POST /api/v1/enrollments/{id}/notes': { none: 'the new id' },
  'POST /api/v1/enrollments/{id}/consents': { none: 'the draft consent written' },
  'PATCH /api/v1/consents/{id}': { none: 'the draft consent written' },
  'DELETE /api/v1/consents/{id}': { none: 'nothing (204)' },
  'POST /api/v1/consents/{id}/sign': { none: 'the consent signed' },
  'POST /api/v1/consents/{id}/versions': { none: 'the new draft' },
  'POST /api/v1/consents/{id}/revocations': { none: 'the consent revoked' },
  'POST /api/v1/consents/{id}/events': { none: 'the consent' },
  'GET /api/v1/programs/{id}/consent-templates': { none: 'a program’s templates' },
  'POST /api/v1/programs/{id}/consent-templates': { none: 'the template written' },
  'PUT /api/v1/consent-templates/{id}': { none: 'the template written' },
  'POST /api/v1/participants/{id}/restrictions': { none: 'the request written' },
  'POST /api/v1/restrictions/{id}/decision': { none: 'the restriction decided' },
  'POST /api/v1/participants/{id}/court-orders': { none: 'the order written' },
  'POST /api/v1/participants/{id}/break-glass': { none: 'the grant (clinical staff only)' },
  'GET /api/v1/break-glass': { none: 'grants, for privacy officers' },
  'POST /api/v1/break-glass/{id}/review': { none: 'nothing (204)' },
  'GET /api/v1/organizations': { none: 'organizations' },
  'POST /api/v1/organizations': { none: 'an organization' },
  'PATCH /api/v1/organizations/{id}': { none: 'an organization' },
  'GET /api/v1/users': { none: 'staff accounts' },
  'POST /api/v1/users': { none: 'a staff account' },
  'GET /api/v1/users/{id}': { none: 'a staff account' },
  'PATCH /api/v1/users/{id}': { none: 'a staff account' },
  'GET /api/v1/programs': { none: 'programs' },
  'POST /api/v1/programs': { none: 'a program' },
  'GET /api/v1/programs/{id}': { none: 'a program' },
  'PATCH /api/v1/programs/{id}': { none: 'a program' },
  'GET /api/v1/audit/verify': { none: 'the audit chain’s state' },
  'GET /api/v1/admin/security-settings': { none: 'settings' },
  'PATCH /api/v1/admin/security-settings': { none: 'settings' },
  'GET /api/v1/admin/api-tokens': { none: 'tokens' },
  'POST /api/v1/admin/api-tokens': { none: 'a token' },
  'POST /api/v1/admin/api-tokens/{id}/revoke': { none: 'nothing' },
};

/** Text seeded into one record of each class a table holds, to look for in every answer. */
const MARKERS: Partial<Record<DataClass, string>> = {};

/** The court side of Anthony's case, each reading for the purpose of their role (the court's case manager included). */
const READERS = {
  'judge@riverbend.example': 'court_monitoring',
  'coordinator@riverbend.example': 'court_monitoring',
  'prosecutor@riverbend.example': 'court_monitoring',
  'probation@riverbend.example': 'supervision',
  'defense@riverbend.example': 'legal_representation',
  'casemanager@riverbend.example': 'treatment',
} as const;
type Reader = keyof typeof READERS;
const readers: Partial<Record<Reader, Client>> = {};
/** The Part 2 classes Anthony's consents share with each reader, worked out here from the plan alone. */
const shared: Partial<Record<Reader, Set<DataClass>>> = {};

beforeAll(async () => {
  t = await createTestApp();
  judge = await signIn(t.app, 'judge@riverbend.example');
  for (const [email, purpose] of Object.entries(READERS) as [Reader, (typeof READERS)[Reader]][]) {
    readers[email] = await signIn(t.app, email);
    const id = userId(email);
    const roles = anthony()
      .enrollment.team.filter((m) => m.userId === id && m.endedOn === null)
      .map((m) => m.role);
    shared[email] = new Set(
      (anthony().consents ?? [])
        .filter(
          (c) =>
            c.kind !== 'tpo' &&
            c.revocations.length === 0 &&
            (c.expiresAt === null || Date.parse(c.expiresAt) > Date.now()) &&
            c.purposes.includes(purpose) &&
            (c.recipientUserIds.includes(id) || c.recipientRoles.some((r) => roles.includes(r))),
        )
        .flatMap((c) => c.allowedClasses.filter((k) => !c.excludedClasses.includes(k))),
    );
  }
  // One record of each class a table holds. Notes are the treatment program's (Part 2); status,
  // phase and team records are the court's own and already on his case.
  const counselor = await signIn(t.app, 'counselor@riverbend.example');
  for (const [kind, dataClass] of [
    ['clinical', 'clinical_note'],
    ['counseling', 'counseling_note'],
  ] as const) {
    MARKERS[dataClass] = `marker-${dataClass}-${crypto.randomUUID()}`;
    const note = await counselor.post(`/api/v1/enrollments/${anthony().enrollment.id}/notes`, { kind, body: MARKERS[dataClass] });
    expect(note.statusCode, note.body).toBe(201);
  }
  // Monitoring records of the program's, each carrying a marker where its class's text goes.
  const enrollmentId = anthony().enrollment.id;
  const mark = (dataClass: DataClass) => {
    MARKERS[dataClass] = `marker-${dataClass}-${crypto.randomUUID()}`;
    return MARKERS[dataClass]!;
  };
  const created = [
    await counselor.post('/api/v1/prescriptions', {
      enrollmentId,
      medication: 'benzodiazepine',
      productName: mark('medication'),
      prescriber: 'Dr. Rivera',
      startedOn: '2026-10-01',
    }),
    await counselor.post('/api/v1/use-reports', {
      enrollmentId,
      substanceGroups: ['alcohol'],
      usedFrom: '2026-11-20',
      statement: mark('use_report'),
    }),
    await counselor.post('/api/v1/attendance', {
      enrollmentId,
      kind: 'treatment_group',
      title: mark('attendance'),
      scheduledAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      outcome: 'attended',
    }),
    await counselor.post('/api/v1/tests', { enrollmentId, reason: 'for_cause', accessionId: mark('test_result') }),
  ];
  for (const response of created) expect(response.statusCode, response.body).toBe(201);
  // A goal of the program's (its words the treatment_plan marker) and a PHQ-9 (its note the diagnosis marker).
  const goalsAndScores = [
    await counselor.post('/api/v1/goals', {
      enrollmentId,
      owner: 'participant',
      words: mark('treatment_plan'),
      language: 'en',
      lifeArea: 'substance_use',
      spectrum: 'risk_reduction',
      difficulty: 'proximal',
    }),
    await counselor.post('/api/v1/instrument-responses', {
      enrollmentId,
      instrument: 'phq9',
      completedOn: '2026-11-20',
      language: 'en',
      answers: { phq1: 1, phq2: 1, phq3: 0, phq4: 0, phq5: 0, phq6: 0, phq7: 0, phq8: 0, phq9: 0 },
      note: mark('diagnosis'),
    }),
  ];
  for (const response of goalsAndScores) expect(response.statusCode, response.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

/** Everything an answer says, as text: JSON and CSV as they are, a PDF's drawn text. */
async function textOf(response: LightMyRequestResponse): Promise<string> {
  if (response.headers['content-type']?.toString().startsWith('application/pdf')) {
    return (await pdfText(response.rawPayload)).join(' ');
  }
  return response.body;
}

/** The Part 2 records an answer carries (entries marked as made by a Part 2 program), by class. */
function part2Classes(response: LightMyRequestResponse): DataClass[] {
  if (!response.headers['content-type']?.toString().includes('json')) return [];
  const found: DataClass[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.dataClass === 'string' && (o.custodian as { part2?: boolean } | undefined)?.part2 === true) {
        found.push(o.dataClass as DataClass);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(response.json());
  return found;
}

describe('what a court-side reader receives, route by route and class by class', () => {
  it('classifies every route of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('the seeded records are there to be found: the counselor’s timeline, tests, goals and instruments hold every marker', async () => {
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    const body = [
      (await counselor.get(`${p()}/timeline?limit=500`)).body,
      (await counselor.get(`${p()}/tests`)).body,
      (await counselor.get(`${p()}/goals`)).body,
      (await counselor.get(`${p()}/instruments`)).body,
    ].join('');
    for (const marker of Object.values(MARKERS)) expect(body).toContain(marker);
    expect(body).toContain(ANTHONY_NOTE);
  });

  for (const [route, spec] of Object.entries(ROUTES)) {
    if (!('records' in spec)) continue;
    it.each(Object.keys(READERS) as Reader[])(
      `${route}, as %s: no Part 2 record of a class his consent does not share`,
      async (email) => {
        const responses = await spec.records(readers[email]!);
        const mine = shared[email]!;
        expect(responses.length).toBeGreaterThan(0);
        for (const response of responses) {
          expect(response.statusCode, `${route}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
          const text = await textOf(response);
          for (const dataClass of DATA_CLASSES) {
            const marker = MARKERS[dataClass];
            if (marker && !mine.has(dataClass)) expect(text, `${route} carries a ${dataClass}`).not.toContain(marker);
          }
          expect(text).not.toContain(ANTHONY_NOTE.slice(0, 60));
          for (const dataClass of part2Classes(response)) expect(mine, `${route} carries a ${dataClass}`).toContain(dataClass);
        }
      },
    );
  }

  it('the court’s own records (status, phase, team) reach the judge as court records, not Part 2', async () => {
    const view = (await judge.get(`${p()}/timeline?limit=500`)).json() as {
      entries: { dataClass: DataClass; custodian: { part2: boolean } }[];
    };
    for (const dataClass of ['program_status', 'phase_progress', 'case_team'] as const) {
      const entries = view.entries.filter((e) => e.dataClass === dataClass);
      expect(entries.length, dataClass).toBeGreaterThan(0);
      expect(entries.every((e) => !e.custodian.part2)).toBe(true);
    }
  });

  it.each(Object.keys(READERS) as Reader[])(
    'for every class, a Part 2 record reaches %s only when his consent shares the class with them',
    async (email) => {
      const id = userId(email);
      const memberships = await t.database.db.execute<ActorMembership>(sql`
        SELECT o.id AS "organizationId", o.name AS "organizationName", o.kind AS "organizationKind", m.role
        FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = ${id}`);
      const ctx = (purpose: AccessContext['purpose']): AccessContext => ({
        actor: { kind: 'user', userId: id, email, displayName: email, memberships: memberships.rows },
        purpose,
        locale: 'en',
        request: { id: 'test', ip: null, userAgent: null },
      });
      const provider = t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id;
      const probe = (dataClass: DataClass) => ({
        participantId: anthony().id,
        custodianOrgId: provider,
        custodianIsPart2: true,
        dataClass,
        occurredAt: new Date(Date.now() - 86_400_000),
        enteredBy: null,
      });
      const ordinary = DisclosurePolicy.for(ctx(READERS[email]));
      const proceedings = DisclosurePolicy.for(ctx('legal_proceedings'));
      const probes = DATA_CLASSES.map(probe);
      await ordinary.prepare(t.database.db, probes);
      await proceedings.prepare(t.database.db, probes);
      const decided = Object.fromEntries(
        probes.map((record) => [record.dataClass, ordinary.decide(record).permit && !proceedings.decide(record).permit]),
      );
      // Permitted for their own purpose exactly when shared; never for proceedings without an order.
      const mine = shared[email]!;
      expect(decided).toEqual(Object.fromEntries(DATA_CLASSES.map((c) => [c, mine.has(c)])));
      expect(mine.has('clinical_note')).toBe(false);
      expect(mine.has('counseling_note')).toBe(false);
    },
  );

  it('the consents do share something with the court side, so the checks above are not empty', () => {
    expect(shared['judge@riverbend.example']).toEqual(new Set(['attendance', 'test_result', 'phase_progress']));
    expect(shared['defense@riverbend.example']?.size).toBeGreaterThan(0);
    expect(shared['casemanager@riverbend.example']?.size).toBe(0);
  });

  it('every reader’s timeline tells each test as their testing page does: outcome, presumptive, positives and flags', async () => {
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    let compared = 0;
    for (const client of [counselor, ...Object.values(readers)]) {
      for (const participant of t.plan.participants) {
        const tests = await client.get(`/api/v1/participants/${participant.id}/tests`);
        const timeline = await client.get(`/api/v1/participants/${participant.id}/timeline?limit=500&classes=test_result`);
        expect(timeline.statusCode === 200, timeline.body).toBe(tests.statusCode === 200);
        if (tests.statusCode !== 200) continue;
        type Finding = { analyte: string; finding: string; presumptive: boolean };
        const page = new Map(
          (
            tests.json().items as {
              id: string;
              outcome: string;
              presumptive: boolean;
              findings: Finding[];
              flags: { kind: string }[];
            }[]
          ).map((x) => [x.id, x]),
        );
        for (const entry of timeline.json().entries as {
          id: string;
          detail: { kind: string; outcome: string; presumptive: boolean; positives: Finding[]; flags: string[] };
        }[]) {
          if (entry.detail.kind !== 'test') continue;
          const test = page.get(entry.id);
          expect(test, `${entry.id} is on the timeline but not on the testing page`).toBeDefined();
          expect({
            outcome: entry.detail.outcome,
            presumptive: entry.detail.presumptive,
            positives: entry.detail.positives,
            flags: entry.detail.flags,
          }).toEqual({
            outcome: test!.outcome,
            presumptive: test!.presumptive,
            positives: test!.findings
              .filter((f) => f.finding === 'authorized' || f.finding === 'unauthorized')
              .map((f) => ({ analyte: f.analyte, finding: f.finding, presumptive: f.presumptive })),
            flags: test!.flags.map((f) => f.kind),
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('loads the decision’s inputs for several participants at once as for each alone', async () => {
    const others = t.plan.participants.filter((x) => (x.consents ?? []).length > 0).slice(0, 3);
    const ids = [anthony().id, ...others.map((x) => x.id)];
    const judgeId = userId('judge@riverbend.example');
    const now = new Date();
    const together = await loadDisclosureInputs(t.database.db, judgeId, ids, now);
    for (const id of ids) {
      const alone = await loadDisclosureInputs(t.database.db, judgeId, [id], now);
      const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(together.consents.filter((c) => c.participantId === id))).toEqual(byId(alone.consents));
      expect(together.part2Sources.get(id) ?? []).toEqual(alone.part2Sources.get(id) ?? []);
      expect(together.caseRoles.get(id) ?? []).toEqual(alone.caseRoles.get(id) ?? []);
    }
  });
});
