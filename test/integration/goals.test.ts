import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedParticipant } from '../../src/demo/plan.js';
import { INSTRUMENTS } from '../../src/modules/instruments/instrument-catalog.js';
import { todayIn } from '../../src/platform/time.js';
import { pdfText } from '../support/pdf-text.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Goals, the alignment view, the plan and instruments, through the API as each member of the team:
 * who records what, what each reader sees (the court side only what consent allows, and the court-
 * relevant findings), reclassification with its history, indicators read from monitoring, the
 * printable plan in the participant's language, and the PHQ-9 safety prompt routed to the program's
 * clinicians only.
 */

let t: TestApp;
let counselor: Client;
let coordinator: Client;
let judge: Client;
let peer: Client;
let participant: PlannedParticipant;

const userId = (email: string) => t.plan.users.find((u) => u.email === email)!.id;
const serves = (p: PlannedParticipant, email: string) =>
  p.enrollment.team.some((m) => m.userId === userId(email) && m.endedOn === null);

beforeAll(async () => {
  t = await createTestApp();
  counselor = await signIn(t.app, 'counselor@riverbend.example');
  coordinator = await signIn(t.app, 'coordinator@riverbend.example');
  judge = await signIn(t.app, 'judge@riverbend.example');
  peer = await signIn(t.app, 'peer@riverbend.example');
  // A Riverbend participant on their standard consents (which share no treatment plan with the court).
  participant = t.plan.participants.find(
    (p) =>
      p.firstName !== 'Anthony' &&
      p.enrollment.status === 'active' &&
      p.enrollment.caseNumber.startsWith('RB') &&
      serves(p, 'counselor@riverbend.example') &&
      serves(p, 'peer@riverbend.example') &&
      serves(p, 'judge@riverbend.example') &&
      (p.consents ?? []).every((c) => !c.allowedClasses.includes('treatment_plan') && !c.allowedClasses.includes('diagnosis')),
  )!;
  expect(participant).toBeDefined();
});
afterAll(async () => {
  await t?.close();
});

const overview = async (c: Client, headers: Record<string, string> = {}) => {
  const r = await c.get(`/api/v1/participants/${participant.id}/goals`, headers);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('goals and the alignment view', () => {
  const ids: Record<string, string> = {};

  it('records the participant’s own goal, the treatment provider’s and the mandate’s, each by the roles that may', async () => {
    const enrollmentId = participant.enrollment.id;
    const own = await counselor.post('/api/v1/goals', {
      enrollmentId,
      owner: 'participant',
      words: 'Stop using so much and stay out of jail',
      language: 'en',
      spectrum: 'risk_reduction',
      lifeArea: 'substance_use',
      difficulty: 'proximal',
    });
    expect(own.statusCode, own.body).toBe(201);
    ids.own = own.json().id;
    const mandate = await coordinator.post('/api/v1/goals', {
      enrollmentId,
      owner: 'mandate',
      words: 'Abstain from all non-prescribed substances',
      language: 'en',
      spectrum: 'abstinence',
      substances: 'all',
      lifeArea: 'substance_use',
      difficulty: 'proximal',
      templateId: 'mandate_abstinence',
      indicators: [{ kind: 'no_positive_tests', substances: 'all', days: 30 }],
    });
    expect(mandate.statusCode, mandate.body).toBe(201);
    ids.mandate = mandate.json().id;
    const naloxone = await counselor.post('/api/v1/goals', {
      enrollmentId,
      owner: 'provider',
      words: 'Carry naloxone',
      language: 'en',
      spectrum: 'safer_practices',
      lifeArea: 'substance_use',
      difficulty: 'proximal',
      indicators: [{ kind: 'observed', label: { en: 'Carries naloxone', es: 'Lleva naloxona' } }],
    });
    expect(naloxone.statusCode, naloxone.body).toBe(201);
    ids.naloxone = naloxone.json().id;
    const housing = await counselor.post('/api/v1/goals', {
      enrollmentId,
      owner: 'provider',
      words: 'Stable housing by spring',
      language: 'en',
      lifeArea: 'housing',
      difficulty: 'distal',
    });
    ids.housing = housing.json().id;

    // The judge does not record treatment goals; the peer does not record the mandate's; in Spanish, said so.
    const refused = await judge.post(
      '/api/v1/goals',
      { enrollmentId, owner: 'provider', words: 'x', language: 'en', lifeArea: 'health', difficulty: 'proximal' },
      { 'accept-language': 'es' },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/consejero/);
    const peerMandate = await peer.post('/api/v1/goals', {
      enrollmentId,
      owner: 'mandate',
      words: 'x',
      language: 'en',
      lifeArea: 'legal',
      difficulty: 'proximal',
    });
    expect(peerMandate.statusCode).toBe(403);
    // The court's case manager serves every case of the court, but the participant's own goals and the
    // program's are the treatment side's records, never the court's.
    const courtCaseManager = await signIn(t.app, 'casemanager@riverbend.example');
    const byCourt = await courtCaseManager.post('/api/v1/goals', {
      enrollmentId,
      owner: 'participant',
      words: 'x',
      language: 'en',
      lifeArea: 'housing',
      difficulty: 'proximal',
    });
    expect(byCourt.statusCode).toBe(403);
    const phqByCourt = await courtCaseManager.post('/api/v1/instrument-responses', {
      enrollmentId,
      instrument: 'phq9',
      completedOn: '2026-11-20',
      language: 'en',
      answers: { phq1: 0, phq2: 0, phq3: 0, phq4: 0, phq5: 0, phq6: 0, phq7: 0, phq8: 0, phq9: 0 },
    });
    expect(phqByCourt.statusCode).toBe(403);
    const bad = await counselor.post('/api/v1/goals', { enrollmentId, owner: 'provider', words: '', lifeArea: 'moon' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows the counselor every goal and names the gaps, with ways to reconcile them', async () => {
    const o = await overview(counselor);
    const mine = o.goals.filter((g: { id: string }) => Object.values(ids).includes(g.id));
    expect(mine).toHaveLength(4);
    const own = o.goals.find((g: { id: string }) => g.id === ids.own);
    expect(own).toMatchObject({ owner: 'participant', words: 'Stop using so much and stay out of jail', canEdit: true });
    expect(own.history).toEqual([
      expect.objectContaining({ kind: 'classified', difficulty: 'proximal', byName: 'Dana Counselor' }),
    ]);
    expect(o.goals.find((g: { id: string }) => g.id === ids.mandate).canEdit).toBe(false);
    const rules = o.alignment.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'mandate_abstinence_participant_reduction',
        'abstinence_proximal_too_early',
        'no_participant_goal_in_area',
      ]),
    );
    const gap = o.alignment.findings.find(
      (f: { rule: string; goalIds: string[] }) =>
        f.rule === 'mandate_abstinence_participant_reduction' && f.goalIds.includes(ids.own!),
    );
    expect(gap.goalIds).toEqual(expect.arrayContaining([ids.own, ids.mandate]));
    expect(gap.suggestions).toContain('reclassify_distal_with_proximal_step');
    expect(gap.decision).toBeNull();
    expect(o.mayAdd).toEqual(['participant', 'provider']);
  });

  it('shows the court side only the court’s own goals and the court-relevant findings, when consent shares no treatment plan', async () => {
    const response = await judge.get(`/api/v1/participants/${participant.id}/goals`);
    expect(response.statusCode).toBe(200);
    const o = response.json();
    // The court's own goals, and none of the treatment program's.
    expect(o.goals.map((g: { id: string }) => g.id)).toContain(ids.mandate);
    expect(o.goals.every((g: { part2: boolean; owner: string }) => !g.part2 && g.owner === 'mandate')).toBe(true);
    // Nothing of the program's goals, not even their ids.
    for (const id of [ids.own, ids.naloxone, ids.housing]) expect(response.body).not.toContain(id);
    expect(response.body).not.toContain('Stop using so much');
    expect(o.alignment.findings.every((f: { courtRelevant: boolean }) => f.courtRelevant)).toBe(true);
    expect(
      o.alignment.findings
        .filter((f: { goalIds: string[] }) => f.goalIds.includes(ids.mandate!))
        .map((f: { rule: string }) => f.rule),
    ).toEqual(['abstinence_proximal_too_early']);
    expect(o.mayAdd).toEqual(['mandate']);
  });

  it('records the team’s decision on a finding, and shows it with the finding', async () => {
    const before = await overview(counselor);
    const gap = before.alignment.findings.find(
      (f: { rule: string; goalIds: string[] }) =>
        f.rule === 'mandate_abstinence_participant_reduction' && f.goalIds.includes(ids.own!),
    );
    const mismatched = await counselor.post('/api/v1/alignment-decisions', {
      enrollmentId: participant.enrollment.id,
      findingKey: gap.key,
      rule: 'no_safer_use_goal',
      choice: 'add_safer_use_goal',
    });
    expect(mismatched.statusCode).toBe(400);
    const other = await counselor.post('/api/v1/alignment-decisions', {
      enrollmentId: participant.enrollment.id,
      findingKey: gap.key,
      rule: gap.rule,
      choice: 'other',
    });
    expect(other.statusCode).toBe(400);
    const decided = await counselor.post('/api/v1/alignment-decisions', {
      enrollmentId: participant.enrollment.id,
      findingKey: gap.key,
      rule: gap.rule,
      choice: 'reclassify_distal_with_proximal_step',
      note: 'Agreed with the participant: abstinence is the distal goal; use less and carry naloxone now.',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const after = await overview(counselor);
    expect(after.alignment.findings.find((f: { key: string }) => f.key === gap.key).decision).toMatchObject({
      choice: 'reclassify_distal_with_proximal_step',
      byName: 'Dana Counselor',
    });
  });

  it('reclassifies the mandate’s abstinence as distal, keeping who, when and why; only its holder may', async () => {
    const byCounselor = await counselor.post(`/api/v1/goals/${ids.mandate}/classification`, {
      difficulty: 'distal',
      reason: 'x',
    });
    expect(byCounselor.statusCode).toBe(403);
    const noReason = await coordinator.post(`/api/v1/goals/${ids.mandate}/classification`, { difficulty: 'distal', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const ok = await coordinator.post(`/api/v1/goals/${ids.mandate}/classification`, {
      difficulty: 'distal',
      reason: 'Not yet 30 days without use; honesty and attendance are the proximal steps.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await coordinator.post(`/api/v1/goals/${ids.mandate}/classification`, {
      difficulty: 'distal',
      reason: 'again',
    });
    expect(again.statusCode).toBe(409);
    const o = await overview(judge);
    const goal = o.goals.find((g: { id: string }) => g.id === ids.mandate);
    expect(goal.difficulty).toBe('distal');
    expect(
      goal.history.map((h: { kind: string; difficulty: string; byName: string }) => [h.kind, h.difficulty, h.byName]),
    ).toEqual([
      ['classified', 'proximal', 'Chris Coordinator'],
      ['classified', 'distal', 'Chris Coordinator'],
    ]);
    expect(goal.history[1].note).toMatch(/Not yet 30 days/);
    // Distal now: that finding is gone for everyone.
    expect(
      o.alignment.findings.some(
        (f: { rule: string; goalIds: string[] }) =>
          f.rule === 'abstinence_proximal_too_early' && f.goalIds.includes(ids.mandate!),
      ),
    ).toBe(false);
  });

  it('reads indicators: an observed one from the team’s observation, the tests one from monitoring', async () => {
    const wrong = await counselor.post(`/api/v1/goals/${ids.naloxone}/observations`, {
      indicator: 3,
      met: true,
      observedOn: '2026-11-01',
    });
    expect(wrong.statusCode).toBe(400);
    const future = await counselor.post(`/api/v1/goals/${ids.naloxone}/observations`, {
      indicator: 0,
      met: true,
      observedOn: '2099-01-01',
    });
    expect(future.statusCode).toBe(400);
    const seen = todayIn('America/Chicago');
    const observed = await counselor.post(`/api/v1/goals/${ids.naloxone}/observations`, {
      indicator: 0,
      met: true,
      observedOn: seen,
    });
    expect(observed.statusCode, observed.body).toBe(201);
    const o = await overview(counselor);
    expect(o.goals.find((g: { id: string }) => g.id === ids.naloxone).indicators[0].reading).toEqual({ status: 'met', on: seen });
    const tests = o.goals.find((g: { id: string }) => g.id === ids.mandate).indicators[0].reading;
    expect(['met', 'not_met', 'no_data', 'awaiting_confirmation']).toContain(tests.status);
    // The counts agree with the tests the counselor may see in those 30 days.
    const list = (await counselor.get(`/api/v1/participants/${participant.id}/tests?limit=200`)).json();
    const from = Date.now() - 30 * 86_400_000;
    const inWindow = list.items.filter(
      (x: { outcome: string; collectedAt: string | null; occurredAt?: string }) =>
        ['negative', 'positive_unauthorized', 'positive_authorized'].includes(x.outcome) &&
        x.collectedAt !== null &&
        Date.parse(x.collectedAt) >= from,
    );
    expect(tests.tests).toBe(inWindow.length);
  });

  it('keeps steps and the plan, and prints the plan in the participant’s language with only the supports they agreed to', async () => {
    const step = await counselor.post(`/api/v1/goals/${ids.own}/steps`, {
      action: 'Cuenta al equipo cuando consume',
      actor: 'participant',
      dueOn: '2026-12-20',
    });
    expect(step.statusCode, step.body).toBe(201);
    const supportStep = await counselor.post(`/api/v1/goals/${ids.naloxone}/steps`, {
      action: 'Recoge naloxona en la clínica',
      actor: 'natural_support',
      actorName: 'Rosa',
    });
    expect(supportStep.statusCode).toBe(201);
    const done = await counselor.patch(`/api/v1/plan-steps/${supportStep.json().id}`, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    const byJudge = await judge.patch(`/api/v1/plan-steps/${step.json().id}`, { status: 'done' });
    expect(byJudge.statusCode).toBe(404);
    const plan = await counselor.request('PUT', `/api/v1/participants/${participant.id}/plan`, {
      enrollmentId: participant.enrollment.id,
      skills: ['Reconocer los desencadenantes'],
      supports: [
        { name: 'Rosa Marsh', relationship: 'hermana', permission: true },
        { name: 'Luis Secret', relationship: 'amigo', permission: false },
      ],
      reviewOn: '2027-01-15',
    });
    expect(plan.statusCode, plan.body).toBe(200);
    // A NUL character in a JSON value is refused, not a server error.
    const nul = await counselor.request('PUT', `/api/v1/participants/${participant.id}/plan`, {
      enrollmentId: participant.enrollment.id,
      skills: ['bad\u0000skill'],
    });
    expect(nul.statusCode).toBe(400);
    const byJudgePlan = await judge.request('PUT', `/api/v1/participants/${participant.id}/plan`, {
      enrollmentId: participant.enrollment.id,
    });
    expect(byJudgePlan.statusCode).toBe(403);
    const pdf = await counselor.get(`/api/v1/participants/${participant.id}/plan.pdf?lang=es`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).join(' ');
    expect(text).toContain('Mi plan');
    expect(text).toContain('Stop using so much and stay out of jail');
    expect(text).toContain('Cuenta al equipo cuando consume');
    expect(text).toContain('Rosa Marsh');
    expect(text).toContain('Reconocer los desencadenantes');
    expect(text).not.toContain('Luis Secret');
    expect(text).toContain('Progreso: Lleva naloxona — cumplido');
    // The judge's copy holds only what the judge may see.
    const judgePdf = (
      await pdfText((await judge.get(`/api/v1/participants/${participant.id}/plan.pdf?lang=en`)).rawPayload)
    ).join(' ');
    expect(judgePdf).toContain('My plan');
    expect(judgePdf).not.toContain('Stop using so much');
    expect(judgePdf).not.toContain('Rosa Marsh');
    const audit = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE target_id = ${participant.id} AND action IN ('participant.plan.export', 'participant.goals.read')`,
    );
    expect(new Set(audit.rows.map((a) => a.action))).toEqual(new Set(['participant.plan.export', 'participant.goals.read']));
  });
});

describe('Anthony’s plan, as he keeps it', () => {
  it('holds his words, his proximal goals with their progress, his recovery capital and his agreement', async () => {
    const anthony = t.plan.participants.find((p) => p.firstName === 'Anthony')!;
    const pdf = await counselor.get(`/api/v1/participants/${anthony.id}/plan.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).join(' ');
    expect(text).toContain('My goal: “Stop using so much and stay out of jail”');
    expect(text).toContain('The court’s expectation: “Abstain from alcohol and other non-prescribed substances”');
    expect(text).toContain('A longer-term goal');
    expect(text).toContain('Carries naloxone — met');
    expect(text).toMatch(/Recovery capital \(BARC-10\): \d+ of 60/);
    expect(text).toContain('My agreement with the court (version 1)');
    expect(text).toContain('Abstain from alcohol and other substances not prescribed to you.');
    expect(text).toContain('Lisa Marsh (sister)');
  });
});

describe('instruments', () => {
  const answers = (id: keyof typeof INSTRUMENTS, value: number) =>
    Object.fromEntries(INSTRUMENTS[id].items.map((i) => [i.id, value]));

  it('scores a PHQ-9 and routes an item-9 answer to the program’s clinicians only', async () => {
    const phq = { ...answers('phq9', 1), phq9: 1 };
    const recorded = await counselor.post('/api/v1/instrument-responses', {
      enrollmentId: participant.enrollment.id,
      instrument: 'phq9',
      completedOn: todayIn('America/Chicago'),
      language: 'es',
      answers: phq,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().safetyPrompt).toBe(true);
    const list = (await counselor.get(`/api/v1/participants/${participant.id}/instruments`)).json();
    const item = list.items.find((i: { id: string }) => i.id === recorded.json().id);
    expect(item).toMatchObject({ total: 9, band: 'mild', safety: { status: 'open' }, values: { phq9: 1 } });
    expect((await overview(counselor)).latestScores.find((s: { instrument: string }) => s.instrument === 'phq9')).toMatchObject({
      total: 9,
      safetyOpen: true,
    });
    // The court side's consent shares no assessments: the judge sees none, and cannot follow it up.
    const judgeList = await judge.get(`/api/v1/participants/${participant.id}/instruments`);
    expect(judgeList.json().items).toEqual([]);
    expect(judgeList.body).not.toContain(recorded.json().id);
    expect((await overview(judge)).latestScores).toEqual([]);
    const judgeFollow = await judge.post(`/api/v1/instrument-responses/${recorded.json().id}/safety-follow-up`, { note: 'x' });
    expect(judgeFollow.statusCode).toBe(404);
    const follow = await counselor.post(`/api/v1/instrument-responses/${recorded.json().id}/safety-follow-up`, {
      note: 'Safety plan reviewed with the participant the same day.',
    });
    expect(follow.statusCode, follow.body).toBe(200);
    expect(
      (await counselor.post(`/api/v1/instrument-responses/${recorded.json().id}/safety-follow-up`, { note: 'again' })).statusCode,
    ).toBe(409);
    const after = (await counselor.get(`/api/v1/participants/${participant.id}/instruments`)).json();
    expect(after.items.find((i: { id: string }) => i.id === recorded.json().id).safety).toMatchObject({
      status: 'followed_up',
      followedUpByName: 'Dana Counselor',
    });
  });

  it('refuses an incomplete instrument item by item, keeping nothing; records a BARC-10 by the peer and a RANT quadrant', async () => {
    const count = async () =>
      (
        await t.database.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM instrument_responses WHERE participant_id = ${participant.id}`,
        )
      ).rows[0]!.n;
    const before = await count();
    const partial = answers('gad7', 2);
    delete partial.gad3;
    partial.gad1 = 7;
    const refused = await counselor.post(
      '/api/v1/instrument-responses',
      {
        enrollmentId: participant.enrollment.id,
        instrument: 'gad7',
        completedOn: '2026-11-20',
        language: 'en',
        answers: partial,
      },
      { 'accept-language': 'es' },
    );
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().error.fields as { path: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'answers.gad3', message: 'Responda esta pregunta.' },
        { path: 'answers.gad1', message: 'Elija una de las respuestas.' },
      ]),
    );
    expect(await count()).toBe(before);
    const barc = await peer.post('/api/v1/instrument-responses', {
      enrollmentId: participant.enrollment.id,
      instrument: 'barc10',
      completedOn: '2026-11-20',
      language: 'en',
      answers: answers('barc10', 5),
    });
    expect(barc.statusCode, barc.body).toBe(201);
    expect(
      (
        await peer.post('/api/v1/instrument-responses', {
          enrollmentId: participant.enrollment.id,
          instrument: 'phq9',
          completedOn: '2026-11-20',
          language: 'en',
          answers: answers('phq9', 0),
        })
      ).statusCode,
    ).toBe(403);
    const noQuadrant = await coordinator.post('/api/v1/instrument-responses', {
      enrollmentId: participant.enrollment.id,
      instrument: 'rant',
      completedOn: '2026-11-20',
      language: 'en',
    });
    expect(noQuadrant.statusCode).toBe(400);
    const rant = await coordinator.post('/api/v1/instrument-responses', {
      enrollmentId: participant.enrollment.id,
      instrument: 'rant',
      completedOn: '2026-11-20',
      language: 'en',
      externalResult: 'high_risk_high_need',
    });
    expect(rant.statusCode, rant.body).toBe(201);
    expect(await count()).toBe(before + 2);
    // The court's own triage result is the court's record, and the peer's community partner is no Part 2
    // program: the judge sees both — and none of the treatment program's PHQ-9.
    const judgeList = (await judge.get(`/api/v1/participants/${participant.id}/instruments`)).json();
    expect(judgeList.items.map((i: { instrument: string }) => i.instrument).sort()).toEqual(['barc10', 'rant']);
  });
});
