import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Every route of the API, called by staff of another court (Lakeside) with the ids of Riverbend's
 * participants, enrollments, programs and people. Each must answer 404 (or 403 for admin-only
 * routes, whose existence is no secret), lists must hold nothing of Riverbend, and Riverbend's data
 * must be unchanged afterwards. A new route without a case here fails the coverage test.
 */

let t: TestApp;
let ids: Record<string, string>;

type Case = {
  call: (client: Client) => Promise<LightMyRequestResponse>;
  expect: (response: LightMyRequestResponse) => void;
};

const hidden = (response: LightMyRequestResponse) => expect(response.statusCode, response.body).toBe(404);
const adminOnly = (response: LightMyRequestResponse) => expect(response.statusCode, response.body).toBe(403);
const noRiverbend = (response: LightMyRequestResponse) => {
  expect(response.statusCode, response.body).toBeLessThan(300);
  for (const [name, id] of Object.entries(ids)) expect(response.body, `leaks ${name}`).not.toContain(id);
  expect(response.body).not.toMatch(/Riverbend|Anthony|RB-2026/);
};
const noRiverbendOrRefused = (response: LightMyRequestResponse) =>
  response.statusCode === 403 ? undefined : noRiverbend(response);
const ownAccountOnly = (response: LightMyRequestResponse) => {
  expect(response.statusCode, response.body).toBeLessThan(500);
  expect(response.body).not.toMatch(/Riverbend|Anthony|RB-2026/);
};

const CASES: Record<string, Case> = {
  'GET /api/health': { call: (c) => c.get('/api/health'), expect: ownAccountOnly },
  'POST /api/v1/auth/login': {
    call: (c) => c.post('/api/v1/auth/login', { email: 'judge@riverbend.example', password: 'wrong password' }),
    expect: (r) => expect(r.statusCode).toBe(401),
  },
  'POST /api/v1/auth/logout': { call: (c) => c.post('/api/v1/auth/logout'), expect: ownAccountOnly },
  'POST /api/v1/auth/mfa/verify': { call: (c) => c.post('/api/v1/auth/mfa/verify', { code: '123456' }), expect: ownAccountOnly },
  'POST /api/v1/auth/mfa/enrol': { call: (c) => c.post('/api/v1/auth/mfa/enrol'), expect: ownAccountOnly },
  'POST /api/v1/auth/mfa/enrol/confirm': {
    call: (c) => c.post('/api/v1/auth/mfa/enrol/confirm', { code: '123456' }),
    expect: ownAccountOnly,
  },
  'POST /api/v1/auth/mfa/disable': { call: (c) => c.post('/api/v1/auth/mfa/disable', { password: 'x' }), expect: ownAccountOnly },
  'POST /api/v1/auth/mfa/recovery-codes': { call: (c) => c.post('/api/v1/auth/mfa/recovery-codes'), expect: ownAccountOnly },
  'GET /api/v1/me': { call: (c) => c.get('/api/v1/me'), expect: ownAccountOnly },
  'PATCH /api/v1/me': { call: (c) => c.patch('/api/v1/me', { locale: 'en' }), expect: ownAccountOnly },
  'POST /api/v1/me/password': {
    call: (c) => c.post('/api/v1/me/password', { currentPassword: 'wrong', newPassword: 'a-long-enough-passphrase' }),
    expect: ownAccountOnly,
  },
  'GET /api/v1/participants': {
    call: (c) => c.get(`/api/v1/participants?pageSize=200&courtId=${ids.court}`),
    expect: (r) => {
      noRiverbend(r);
      expect(r.json().total).toBe(0);
    },
  },
  'POST /api/v1/participants': {
    call: (c) =>
      c.post('/api/v1/participants', {
        identity: { firstName: 'Test', lastName: 'Person' },
        enrollment: { programId: ids.program, caseNumber: 'LK-X-1', referredOn: '2026-11-01' },
      }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}': { call: (c) => c.get(`/api/v1/participants/${ids.participant}`), expect: hidden },
  'PATCH /api/v1/participants/{id}': {
    call: (c) => c.patch(`/api/v1/participants/${ids.participant}`, { preferredName: 'X' }),
    expect: hidden,
  },
  'PATCH /api/v1/enrollments/{id}': {
    call: (c) => c.patch(`/api/v1/enrollments/${ids.enrollment}`, { nextCourtDate: '2027-01-05' }),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/status': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/status`, { status: 'absconded', reason: 'cross-court attempt' }),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/phase': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/phase`, { phaseId: ids.phase, reason: 'cross-court attempt' }),
    expect: hidden,
  },
  'GET /api/v1/enrollments/{id}/team-candidates': {
    call: (c) => c.get(`/api/v1/enrollments/${ids.enrollment}/team-candidates`),
    expect: hidden,
  },
  'GET /api/v1/programs/{id}/team-candidates': {
    call: (c) => c.get(`/api/v1/programs/${ids.program}/team-candidates`),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/team': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/team`, { userId: ids.lakesideJudge!, role: 'judge' }),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/team/{memberId}/end': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/team/${ids.teamMember}/end`, {}),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/timeline': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/timeline`),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/timeline/export': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/timeline/export?format=csv`),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/disclosure-preview': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/disclosure-preview?userId=${ids.riverbendJudge}`),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/notes': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/notes`, { body: 'cross-court note' }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/consents': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/consents`),
    expect: hidden,
  },
  'POST /api/v1/enrollments/{id}/consents': {
    call: (c) => c.post(`/api/v1/enrollments/${ids.enrollment}/consents`, { kind: 'general' }),
    expect: hidden,
  },
  'PATCH /api/v1/consents/{id}': {
    call: (c) => c.patch(`/api/v1/consents/${ids.consent}`, { description: 'cross-court change' }),
    expect: hidden,
  },
  'DELETE /api/v1/consents/{id}': { call: (c) => c.delete(`/api/v1/consents/${ids.consent}`), expect: hidden },
  'POST /api/v1/consents/{id}/sign': {
    call: (c) =>
      c.post(`/api/v1/consents/${ids.consent}/sign`, {
        signers: [{ role: 'participant', name: 'X', method: 'paper' }],
        signedCopy: { contentType: 'application/pdf', data: Buffer.from('%PDF-1.4').toString('base64') },
      }),
    expect: hidden,
  },
  'POST /api/v1/consents/{id}/versions': { call: (c) => c.post(`/api/v1/consents/${ids.consent}/versions`), expect: hidden },
  'POST /api/v1/consents/{id}/revocations': {
    call: (c) => c.post(`/api/v1/consents/${ids.consent}/revocations`, { scope: 'whole', method: 'oral' }),
    expect: hidden,
  },
  'POST /api/v1/consents/{id}/events': {
    call: (c) =>
      c.post(`/api/v1/consents/${ids.consent}/events`, { event: 'revocable_after', occurredAt: '2026-01-01T00:00:00Z' }),
    expect: hidden,
  },
  'GET /api/v1/consents/{id}/document': { call: (c) => c.get(`/api/v1/consents/${ids.consent}/document`), expect: hidden },
  'GET /api/v1/consents/{id}/fhir': { call: (c) => c.get(`/api/v1/consents/${ids.consent}/fhir`), expect: hidden },
  'GET /api/v1/programs/{id}/consent-templates': {
    call: (c) => c.get(`/api/v1/programs/${ids.program}/consent-templates`),
    expect: hidden,
  },
  'POST /api/v1/programs/{id}/consent-templates': {
    call: (c) => c.post(`/api/v1/programs/${ids.program}/consent-templates`, TEMPLATE),
    expect: hidden,
  },
  'PUT /api/v1/consent-templates/{id}': {
    call: (c) => c.request('PUT', `/api/v1/consent-templates/${ids.template}`, TEMPLATE),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/restrictions': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/restrictions`),
    expect: hidden,
  },
  'POST /api/v1/participants/{id}/restrictions': {
    call: (c) =>
      c.post(`/api/v1/participants/${ids.participant}/restrictions`, { dataClasses: ['attendance'], request: 'cross-court' }),
    expect: hidden,
  },
  'POST /api/v1/restrictions/{id}/decision': {
    call: (c) => c.post(`/api/v1/restrictions/${ids.restriction}/decision`, { decision: 'agreed' }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/court-orders': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/court-orders`),
    expect: hidden,
  },
  'POST /api/v1/participants/{id}/court-orders': {
    call: (c) =>
      c.post(`/api/v1/participants/${ids.participant}/court-orders`, {
        issuingCourt: 'Lakeside',
        reference: 'X-1',
        scope: 'cross-court attempt to record an order',
        dataClasses: ['attendance'],
        issuedAt: '2026-11-01T00:00:00Z',
      }),
    expect: hidden,
  },
  'POST /api/v1/participants/{id}/break-glass': {
    call: (c) => c.post(`/api/v1/participants/${ids.participant}/break-glass`, { reason: 'cross-court emergency attempt' }),
    expect: hidden,
  },
  'GET /api/v1/break-glass': { call: (c) => c.get('/api/v1/break-glass?unreviewed=false'), expect: adminOnly },
  'POST /api/v1/break-glass/{id}/review': {
    call: (c) => c.post(`/api/v1/break-glass/${ids.grant}/review`, { outcome: 'appropriate' }),
    expect: adminOnly,
  },
  'GET /api/v1/participants/{id}/disclosures': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/disclosures`),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/tests': { call: (c) => c.get(`/api/v1/participants/${ids.participant}/tests`), expect: hidden },
  'POST /api/v1/tests': {
    call: (c) => c.post('/api/v1/tests', { enrollmentId: ids.enrollment, reason: 'for_cause' }),
    expect: hidden,
  },
  'POST /api/v1/tests/{id}/collection': {
    call: (c) => c.post(`/api/v1/tests/${ids.test}/collection`, { collection: 'missed' }),
    expect: hidden,
  },
  'POST /api/v1/tests/{id}/results': {
    call: (c) =>
      c.post(`/api/v1/tests/${ids.test}/results`, { results: [{ analyte: 'cocaine', stage: 'screen', result: 'positive' }] }),
    expect: hidden,
  },
  'POST /api/v1/tests/{id}/reviews': {
    call: (c) => c.post(`/api/v1/tests/${ids.test}/reviews`, { kind: 'dispute', statement: 'cross-court' }),
    expect: hidden,
  },
  'POST /api/v1/test-reviews/{id}/close': {
    call: (c) => c.post(`/api/v1/test-reviews/${ids.review}/close`, { finding: 'result_stands' }),
    expect: hidden,
  },
  'POST /api/v1/use-reports': {
    call: (c) =>
      c.post('/api/v1/use-reports', { enrollmentId: ids.enrollment, substanceGroups: ['alcohol'], usedFrom: '2026-11-01' }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/attendance': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/attendance`),
    expect: hidden,
  },
  'POST /api/v1/attendance': {
    call: (c) =>
      c.post('/api/v1/attendance', { enrollmentId: ids.enrollment, kind: 'court_hearing', scheduledAt: '2026-12-20T15:00:00Z' }),
    expect: hidden,
  },
  'PATCH /api/v1/attendance/{id}': {
    call: (c) => c.patch(`/api/v1/attendance/${ids.attendance}`, { outcome: 'missed' }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/prescriptions': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/prescriptions`),
    expect: hidden,
  },
  'POST /api/v1/prescriptions': {
    call: (c) =>
      c.post('/api/v1/prescriptions', {
        enrollmentId: ids.enrollment,
        medication: 'methadone',
        prescriber: 'Dr X',
        startedOn: '2026-11-01',
      }),
    expect: hidden,
  },
  'PATCH /api/v1/prescriptions/{id}': {
    call: (c) => c.patch(`/api/v1/prescriptions/${ids.prescription}`, { endedOn: '2026-11-20', stopReason: 'cross-court' }),
    expect: hidden,
  },
  'POST /api/v1/prescriptions/{id}/doses': {
    call: (c) => c.post(`/api/v1/prescriptions/${ids.prescription}/doses`, { dueOn: '2026-11-20', status: 'missed' }),
    expect: hidden,
  },
  'POST /api/v1/continuity-events': {
    call: (c) => c.post('/api/v1/continuity-events', { enrollmentId: ids.enrollment, kind: 'custody_admission' }),
    expect: hidden,
  },
  'POST /api/v1/integrations/hl7': {
    call: (c) => c.post('/api/v1/integrations/hl7', 'MSH|^~\\&|X|Y', { 'content-type': 'x-application/hl7-v2+er7' }),
    expect: adminOnly,
  },
  'GET /api/v1/labs': { call: (c) => c.get('/api/v1/labs'), expect: noRiverbendOrRefused },
  'POST /api/v1/labs': {
    call: (c) => c.post('/api/v1/labs', { name: 'Shadow lab', sendingFacility: 'SHADOW', organizationId: ids.provider }),
    expect: adminOnly,
  },
  'PUT /api/v1/labs/{id}/mappings': {
    call: (c) => c.request('PUT', `/api/v1/labs/${ids.lab}/mappings`, { code: 'X', target: 'ignore' }),
    expect: hidden,
  },
  'GET /api/v1/lab-review': { call: (c) => c.get('/api/v1/lab-review'), expect: noRiverbendOrRefused },
  'POST /api/v1/lab-review/{id}/resolve': {
    call: (c) => c.post(`/api/v1/lab-review/${ids.labItem}/resolve`, { action: 'dismiss', note: 'cross-court' }),
    expect: hidden,
  },
  'GET /api/v1/courts/{id}/testing-groups': {
    call: (c) => c.get(`/api/v1/courts/${ids.court}/testing-groups`),
    expect: adminOnly,
  },
  'POST /api/v1/courts/{id}/testing-groups': {
    call: (c) => c.post(`/api/v1/courts/${ids.court}/testing-groups`, { name: 'Shadow' }),
    expect: adminOnly,
  },
  'GET /api/v1/courts/{id}/holidays': { call: (c) => c.get(`/api/v1/courts/${ids.court}/holidays`), expect: adminOnly },
  'POST /api/v1/courts/{id}/holidays': {
    call: (c) => c.post(`/api/v1/courts/${ids.court}/holidays`, { on: '2026-12-31', name: 'Shadow' }),
    expect: adminOnly,
  },
  'POST /api/v1/testing-plans': {
    call: (c) =>
      c.post('/api/v1/testing-plans', {
        enrollmentId: ids.enrollment,
        method: 'random',
        collectorOrgId: ids.court,
        startsOn: '2026-12-01',
      }),
    expect: hidden,
  },
  'GET /api/v1/courts/{id}/testing/draws': {
    call: (c) => c.get(`/api/v1/courts/${ids.court}/testing/draws?from=2026-11-01&to=2026-12-31`),
    expect: adminOnly,
  },
  'POST /api/v1/courts/{id}/testing/draws': {
    call: (c) => c.post(`/api/v1/courts/${ids.court}/testing/draws`, {}),
    expect: adminOnly,
  },
  'GET /api/v1/testing/draws/{id}/verify': { call: (c) => c.get(`/api/v1/testing/draws/${ids.draw}/verify`), expect: hidden },
  'GET /api/v1/courts/{id}/testing/settings': {
    call: (c) => c.get(`/api/v1/courts/${ids.court}/testing/settings`),
    expect: adminOnly,
  },
  'PATCH /api/v1/courts/{id}/testing/settings': {
    call: (c) => c.patch(`/api/v1/courts/${ids.court}/testing/settings`, { reportWithinHours: { urine: 2 } }),
    expect: adminOnly,
  },
  'GET /api/v1/participants/{id}/testing-plans': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/testing-plans`),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/agreements': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/agreements`),
    expect: hidden,
  },
  'POST /api/v1/agreements': {
    call: (c) =>
      c.post('/api/v1/agreements', {
        enrollmentId: ids.enrollment,
        language: 'en',
        conditions: [{ kind: 'court_appearance', wording: { en: 'Appear at every court date.' } }],
      }),
    expect: hidden,
  },
  'POST /api/v1/agreements/{id}/acknowledge': {
    call: (c) => c.post(`/api/v1/agreements/${ids.agreement}/acknowledge`, { acknowledgedOn: '2026-11-20' }),
    expect: hidden,
  },
  'GET /api/v1/participants/{id}/goals': { call: (c) => c.get(`/api/v1/participants/${ids.participant}/goals`), expect: hidden },
  'GET /api/v1/participants/{id}/plan.pdf': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/plan.pdf`),
    expect: hidden,
  },
  'POST /api/v1/goals': {
    call: (c) =>
      c.post('/api/v1/goals', {
        enrollmentId: ids.enrollment,
        owner: 'mandate',
        words: 'No new offenses',
        language: 'en',
        lifeArea: 'legal',
        difficulty: 'proximal',
      }),
    expect: hidden,
  },
  'PATCH /api/v1/goals/{id}': { call: (c) => c.patch(`/api/v1/goals/${ids.goal}`, { status: 'met' }), expect: hidden },
  'POST /api/v1/goals/{id}/classification': {
    call: (c) => c.post(`/api/v1/goals/${ids.goal}/classification`, { difficulty: 'proximal', reason: 'x' }),
    expect: hidden,
  },
  'POST /api/v1/goals/{id}/notes': { call: (c) => c.post(`/api/v1/goals/${ids.goal}/notes`, { note: 'x' }), expect: hidden },
  'POST /api/v1/goals/{id}/observations': {
    call: (c) => c.post(`/api/v1/goals/${ids.goal}/observations`, { indicator: 0, met: true, observedOn: '2026-11-20' }),
    expect: hidden,
  },
  'POST /api/v1/goals/{id}/steps': {
    call: (c) => c.post(`/api/v1/goals/${ids.goal}/steps`, { action: 'x', actor: 'participant' }),
    expect: hidden,
  },
  'PATCH /api/v1/plan-steps/{id}': { call: (c) => c.patch(`/api/v1/plan-steps/${ids.step}`, { status: 'done' }), expect: hidden },
  'PUT /api/v1/participants/{id}/plan': {
    call: (c) => c.request('PUT', `/api/v1/participants/${ids.participant}/plan`, { enrollmentId: ids.enrollment }),
    expect: hidden,
  },
  'POST /api/v1/alignment-decisions': {
    call: (c) =>
      c.post('/api/v1/alignment-decisions', {
        enrollmentId: ids.enrollment,
        findingKey: 'no_participant_goal_in_area:x',
        rule: 'no_participant_goal_in_area',
        choice: 'ask_participant_goal',
      }),
    expect: hidden,
  },
  'GET /api/v1/instruments': { call: (c) => c.get('/api/v1/instruments'), expect: noRiverbend },
  'GET /api/v1/participants/{id}/instruments': {
    call: (c) => c.get(`/api/v1/participants/${ids.participant}/instruments`),
    expect: hidden,
  },
  'POST /api/v1/instrument-responses': {
    call: (c) =>
      c.post('/api/v1/instrument-responses', {
        enrollmentId: ids.enrollment,
        instrument: 'rant',
        completedOn: '2026-11-20',
        language: 'en',
        externalResult: 'low_risk_low_need',
      }),
    expect: hidden,
  },
  'POST /api/v1/instrument-responses/{id}/safety-follow-up': {
    call: (c) => c.post(`/api/v1/instrument-responses/${ids.response}/safety-follow-up`, { note: 'x' }),
    expect: hidden,
  },
  'GET /api/v1/courts/{id}/testing/dashboard': {
    call: (c) => c.get(`/api/v1/courts/${ids.court}/testing/dashboard`),
    expect: adminOnly,
  },
  'GET /api/v1/organizations': { call: (c) => c.get('/api/v1/organizations'), expect: adminOnly },
  'POST /api/v1/organizations': {
    call: (c) => c.post('/api/v1/organizations', { name: 'Shadow court', kind: 'court' }),
    expect: adminOnly,
  },
  'PATCH /api/v1/organizations/{id}': {
    call: (c) => c.patch(`/api/v1/organizations/${ids.court}`, { name: 'Renamed' }),
    expect: adminOnly,
  },
  'GET /api/v1/users': { call: (c) => c.get('/api/v1/users'), expect: adminOnly },
  'POST /api/v1/users': {
    call: (c) =>
      c.post('/api/v1/users', {
        email: 'spy@lakeside.example',
        displayName: 'Spy',
        password: 'a-long-enough-passphrase',
        memberships: [{ organizationId: ids.court, role: 'judge' }],
      }),
    expect: adminOnly,
  },
  'GET /api/v1/users/{id}': { call: (c) => c.get(`/api/v1/users/${ids.riverbendJudge}`), expect: adminOnly },
  'PATCH /api/v1/users/{id}': {
    call: (c) => c.patch(`/api/v1/users/${ids.riverbendJudge}`, { status: 'disabled' }),
    expect: adminOnly,
  },
  'GET /api/v1/programs': { call: (c) => c.get('/api/v1/programs'), expect: noRiverbend },
  'POST /api/v1/programs': {
    call: (c) => c.post('/api/v1/programs', { courtId: ids.court, name: 'Shadow program', track: 'other' }),
    expect: hidden,
  },
  'GET /api/v1/programs/{id}': { call: (c) => c.get(`/api/v1/programs/${ids.program}`), expect: hidden },
  'PATCH /api/v1/programs/{id}': { call: (c) => c.patch(`/api/v1/programs/${ids.program}`, { name: 'Renamed' }), expect: hidden },
  'GET /api/v1/audit': { call: (c) => c.get(`/api/v1/audit?participantId=${ids.participant}`), expect: adminOnly },
  'GET /api/v1/audit/verify': { call: (c) => c.get('/api/v1/audit/verify'), expect: adminOnly },
  'GET /api/v1/admin/security-settings': { call: (c) => c.get('/api/v1/admin/security-settings'), expect: adminOnly },
  'PATCH /api/v1/admin/security-settings': {
    call: (c) => c.patch('/api/v1/admin/security-settings', { sessionIdleMinutes: 30 }),
    expect: adminOnly,
  },
  'GET /api/v1/admin/api-tokens': { call: (c) => c.get('/api/v1/admin/api-tokens'), expect: adminOnly },
  'POST /api/v1/admin/api-tokens': {
    call: (c) => c.post('/api/v1/admin/api-tokens', { name: 'exfil', organizationId: ids.court, scopes: ['participants:read'] }),
    expect: adminOnly,
  },
  'POST /api/v1/admin/api-tokens/{id}/revoke': {
    call: (c) => c.post(`/api/v1/admin/api-tokens/${ids.token}/revoke`),
    expect: adminOnly,
  },
};

const TEMPLATE = {
  name: 'Shadow template',
  kind: 'general',
  disclosingOrgIds: ['00000000-0000-4000-8000-000000000000'],
  recipientRoles: ['judge'],
  allowedClasses: ['attendance'],
  purposes: ['court_monitoring'],
  descriptionEn: 'Attendance for the court team.',
  descriptionEs: 'Asistencia para el equipo del tribunal.',
  durationMonths: 12,
};

let before: string;

beforeAll(async () => {
  t = await createTestApp();
  const anthony = t.plan.participants.find((p) => p.firstName === 'Anthony')!;
  const program = t.plan.programs.find((p) => p.id === anthony.enrollment.programId)!;
  const admin = await signIn(t.app, 'admin@riverbend.example');
  const token = await admin.post('/api/v1/admin/api-tokens', {
    name: 'riverbend case system',
    organizationId: anthony.enrollment.courtId,
    scopes: ['participants:read'],
  });
  ids = {
    court: anthony.enrollment.courtId,
    participant: anthony.id,
    enrollment: anthony.enrollment.id,
    program: program.id,
    phase: program.phaseIds[2]!,
    teamMember: anthony.enrollment.team[0]!.id,
    riverbendJudge: t.plan.users.find((u) => u.email === 'judge@riverbend.example')!.id,
    token: token.json().token.id,
  };
  ids.lakesideJudge = t.plan.users.find((u) => u.email === 'judge@lakeside.example')!.id;
  ids.consent = anthony.consents![0]!.id;
  ids.template = t.plan.consentTemplates!.find((x) => x.programId === program.id)!.id;
  const counselor = await signIn(t.app, 'counselor@riverbend.example');
  const restriction = await counselor.post(`/api/v1/participants/${anthony.id}/restrictions`, {
    dataClasses: ['test_result'],
    request: 'Please keep my test results from the prosecutor.',
  });
  ids.restriction = restriction.json().id;
  const grant = await (await signIn(t.app, 'counselor2@riverbend.example')).post(
    `/api/v1/participants/${anthony.id}/break-glass`,
    {
      reason: 'Medical emergency during a group session.',
    },
  );
  ids.grant = grant.json().id;
  // Monitoring records of Anthony's, held by his treatment program, and a lab with an item in its queue.
  ids.provider = t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id;
  const test = await counselor.post('/api/v1/tests', {
    enrollmentId: anthony.enrollment.id,
    reason: 'for_cause',
    accessionId: 'ISO-1',
  });
  ids.test = test.json().id;
  await counselor.post(`/api/v1/tests/${ids.test}/collection`, { collection: 'collected', observed: true });
  ids.review = (await counselor.post(`/api/v1/tests/${ids.test}/reviews`, { kind: 'dispute', statement: 'Not mine.' })).json().id;
  ids.attendance = (
    await counselor.post('/api/v1/attendance', {
      enrollmentId: anthony.enrollment.id,
      kind: 'treatment_group',
      scheduledAt: new Date(Date.now() - 86_400_000).toISOString(),
      outcome: 'attended',
    })
  ).json().id;
  ids.prescription = (
    await counselor.post('/api/v1/prescriptions', {
      enrollmentId: anthony.enrollment.id,
      medication: 'buprenorphine_naloxone',
      prescriber: 'Dr. Rivera',
      startedOn: '2026-09-01',
    })
  ).json().id;
  ids.lab = (
    await admin.post('/api/v1/labs', { name: 'Isolation lab', sendingFacility: 'ISOLAB', organizationId: ids.provider })
  ).json().id;
  const { ingestHl7 } = await import('../../src/modules/labs/ingest-hl7.js');
  const { oru, NEG } = await import('../support/hl7-messages.js');
  await ingestHl7(
    t.database.db,
    oru({
      controlId: 'ISO-M1',
      facility: 'ISOLAB',
      orders: [{ filler: 'NO-SUCH', observations: [{ code: '19295-5', text: 'Opiates', value: NEG }] }],
    }),
    {
      transport: 'file',
      tokenOrganizationId: null,
      audit: { actor: null, label: 'test', request: { id: 'test', ip: null, userAgent: null } },
      receivedBy: 'test',
    },
  );
  const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
  ids.draw = (await coordinator.post(`/api/v1/courts/${ids.court}/testing/draws`, { date: '2026-11-30' })).json().id;
  ids.agreement = (
    await coordinator.post('/api/v1/agreements', {
      enrollmentId: anthony.enrollment.id,
      language: 'en',
      conditions: [{ kind: 'court_appearance', wording: { en: 'Appear at every court date.' } }],
    })
  ).json().id;
  ids.goal = (
    await counselor.post('/api/v1/goals', {
      enrollmentId: anthony.enrollment.id,
      owner: 'provider',
      words: 'Carry naloxone',
      language: 'en',
      lifeArea: 'substance_use',
      spectrum: 'safer_practices',
      difficulty: 'proximal',
      indicators: [{ kind: 'observed', label: { en: 'Carries naloxone' } }],
    })
  ).json().id;
  ids.step = (
    await counselor.post(`/api/v1/goals/${ids.goal}/steps`, { action: 'Pick up a kit', actor: 'participant' })
  ).json().id;
  ids.response = (
    await counselor.post('/api/v1/instrument-responses', {
      enrollmentId: anthony.enrollment.id,
      instrument: 'phq9',
      completedOn: '2026-11-20',
      language: 'en',
      answers: { phq1: 1, phq2: 1, phq3: 0, phq4: 0, phq5: 0, phq6: 0, phq7: 0, phq8: 0, phq9: 1 },
    })
  ).json().id;
  const item = await t.database.db.execute<{ id: string }>(sql`SELECT id FROM lab_review_items LIMIT 1`);
  ids.labItem = item.rows[0]!.id;
  before = (await (await signIn(t.app, 'judge@riverbend.example')).get(`/api/v1/participants/${anthony.id}`)).body;
});
afterAll(async () => {
  await t.close();
});

describe('court isolation', () => {
  it('has a case for every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const email of ['coordinator@lakeside.example', 'judge@lakeside.example']) {
    describe(email, () => {
      for (const [route, testCase] of Object.entries(CASES)) {
        it(route, async () => {
          const client = await signIn(t.app, email);
          testCase.expect(await testCase.call(client));
        });
      }
    });
  }

  it('left Riverbend’s data as it was', async () => {
    const after = (await (await signIn(t.app, 'judge@riverbend.example')).get(`/api/v1/participants/${ids.participant}`)).body;
    expect(after).toBe(before);
  });
});
