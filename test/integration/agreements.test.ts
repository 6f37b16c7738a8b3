import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * The agreement with the court: the coordinator drafts its conditions; the condition validator refuses
 * what the standards and the law do not allow — with the reason, in the coordinator's language — and
 * nothing of a refused draft is kept; warnings stay with the condition; the participant acknowledges a
 * version, which supersedes the one before.
 */

let t: TestApp;
let coordinator: Client;
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signIn(t.app, 'coordinator@riverbend.example');
});
afterAll(async () => {
  await t?.close();
});

const conditions = [
  {
    kind: 'treatment_attendance',
    wording: { en: 'Attend treatment as scheduled.' },
    monitoredBy: 'Treatment provider',
    frequency: 'Weekly',
  },
  { kind: 'testing', wording: { en: 'Submit to random testing at least twice a week.' }, monitoredBy: 'Coordinator' },
  { kind: 'court_appearance', wording: { en: 'Appear at every court date.' } },
  {
    kind: 'abstinence',
    wording: { en: 'No use of substances not prescribed to you.', es: 'No consumir sustancias que no le hayan recetado.' },
    substances: 'all',
    exceptsPrescribed: true,
    sanctioned: true,
  },
];

describe('agreements', () => {
  it('refuses a draft whose conditions restrict MOUD, saying why for each, and keeps nothing of it', async () => {
    const before = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements`);
    const refused = await coordinator.post(
      '/api/v1/agreements',
      {
        enrollmentId: anthony().enrollment.id,
        language: 'en',
        conditions: [
          ...conditions,
          { kind: 'other', wording: { en: 'Must taper off Suboxone before graduation.' } },
          { kind: 'medication', wording: { en: 'Stop methadone in phase 3.' }, medication: { action: 'stop', of: 'methadone' } },
        ],
      },
      { 'accept-language': 'es' },
    );
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['conditions.4.wording', 'conditions.5.wording']));
    expect(fields.every((f) => !f.path.startsWith('conditions.0') && !f.path.startsWith('conditions.3'))).toBe(true);
    expect(fields.find((f) => f.path === 'conditions.5.wording')!.message).toContain('quien se lo receta');
    const after = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // What is kept is the audit entry of the refusal: which rules refused it, not its words.
    const audit = await t.database.db.execute<{ outcome: string; details: { refusedBy: string[] } }>(
      sql`SELECT outcome, details FROM audit_log WHERE action = 'agreement.draft' AND target_id = ${anthony().enrollment.id} ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({ outcome: 'denied' });
    expect(audit.rows[0]!.details.refusedBy).toEqual(expect.arrayContaining(['no-stopping-prescribed-medication']));
    expect(JSON.stringify(audit.rows[0])).not.toContain('Suboxone');
    // A condition with no wording at all: said so, in the reader's language.
    const unworded = await coordinator.post(
      '/api/v1/agreements',
      { enrollmentId: anthony().enrollment.id, language: 'es', conditions: [{ kind: 'testing', wording: {} }] },
      { 'accept-language': 'es' },
    );
    expect(unworded.statusCode).toBe(400);
    expect(unworded.body).toContain('Redacte la condición en al menos un idioma.');
  });

  it('drafts a version with its warnings, the participant acknowledges it, and a new version supersedes it', async () => {
    const drafted = await coordinator.post('/api/v1/agreements', {
      enrollmentId: anthony().enrollment.id,
      language: 'en',
      conditions,
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    let list = (await coordinator.get(`/api/v1/participants/${anthony().id}/agreements`)).json().items;
    // The demo court's Anthony agreed to version 1 already.
    expect(list[0]).toMatchObject({ version: 2, status: 'draft', language: 'en' });
    const abstinence = list[0].conditions.find((c: { kind: string }) => c.kind === 'abstinence');
    expect(abstinence.warnings.map((w: { ruleId: string }) => w.ruleId)).toEqual(['abstinence-early-with-sanctions']);
    expect(abstinence.rulesVersion).toBe('2026-12');

    const future = await coordinator.post(`/api/v1/agreements/${drafted.json().id}/acknowledge`, {
      acknowledgedOn: '2099-01-01',
    });
    expect(future.statusCode).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const acknowledged = await coordinator.post(`/api/v1/agreements/${drafted.json().id}/acknowledge`, {
      acknowledgedOn: yesterday,
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(
      (await coordinator.post(`/api/v1/agreements/${drafted.json().id}/acknowledge`, { acknowledgedOn: today })).statusCode,
    ).toBe(409);

    const second = await coordinator.post('/api/v1/agreements', {
      enrollmentId: anthony().enrollment.id,
      language: 'es',
      conditions: [...conditions.slice(0, 3), { ...conditions[3]!, sanctioned: false }],
    });
    expect(second.statusCode, second.body).toBe(201);
    await coordinator.post(`/api/v1/agreements/${second.json().id}/acknowledge`, { acknowledgedOn: yesterday });
    list = (await coordinator.get(`/api/v1/participants/${anthony().id}/agreements`)).json().items;
    expect(list.map((a: { version: number; status: string }) => [a.version, a.status])).toEqual([
      [3, 'acknowledged'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    expect(list[0].witnessedByName).toBeTruthy();
    expect(list[0].conditions.find((c: { kind: string }) => c.kind === 'abstinence').warnings).toEqual([]);
  });

  it('only the court’s coordinator drafts; someone who may not see the participant finds nothing', async () => {
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    const byCounselor = await counselor.post('/api/v1/agreements', {
      enrollmentId: anthony().enrollment.id,
      language: 'en',
      conditions,
    });
    expect(byCounselor.statusCode).toBe(403);
    // The case team sees the court's agreement.
    expect((await counselor.get(`/api/v1/participants/${anthony().id}/agreements`)).statusCode).toBe(200);
    const outsider = await signIn(t.app, 'coordinator@lakeside.example');
    expect((await outsider.get(`/api/v1/participants/${anthony().id}/agreements`)).statusCode).toBe(404);
    expect(
      (await outsider.post('/api/v1/agreements', { enrollmentId: anthony().enrollment.id, language: 'en', conditions }))
        .statusCode,
    ).toBe(404);
  });
});
