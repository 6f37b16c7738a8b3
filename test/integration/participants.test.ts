import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
const riverbend = () => t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!;
const lakeside = () => t.plan.organizations.find((o) => o.name === 'Lakeside County Veterans Treatment Court')!;
const userId = (email: string) => t.plan.users.find((u) => u.email === email)!.id;
const inCourt = (courtId: string) => t.plan.participants.filter((p) => p.enrollment.courtId === courtId);
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
const adultDrug = () => t.plan.programs.find((p) => p.name === 'Adult Drug Court')!;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('caseload visibility by role', () => {
  it('shows court staff their whole court and nothing of another court', async () => {
    for (const email of ['judge@riverbend.example', 'coordinator@riverbend.example', 'casemanager@riverbend.example']) {
      const body = (await (await signIn(t.app, email)).get('/api/v1/participants?pageSize=200')).json();
      expect(body.total, email).toBe(inCourt(riverbend().id).length);
      expect(body.items.every((i: { courtName: string }) => i.courtName === riverbend().name)).toBe(true);
    }
    const lake = (await (await signIn(t.app, 'coordinator@lakeside.example')).get('/api/v1/participants?pageSize=200')).json();
    expect(lake.total).toBe(inCourt(lakeside().id).length);
  });

  it('shows partner staff the participants whose case team they serve on, or whose records their organization holds', async () => {
    for (const email of [
      'counselor@riverbend.example',
      'counselor2@riverbend.example',
      'peer@riverbend.example',
      'probation@riverbend.example',
    ]) {
      const orgId = t.plan.users.find((u) => u.email === email)!.memberships[0]!.organizationId;
      const expected = t.plan.participants.filter(
        (p) =>
          p.enrollment.team.some((m) => m.userId === userId(email) && m.endedOn === null) ||
          (p.notes ?? []).some((n) => n.custodianOrgId === orgId) ||
          [...(p.monitoring?.tests ?? []), ...(p.monitoring?.attendance ?? []), ...(p.monitoring?.prescriptions ?? [])].some(
            (r) => r.custodianOrgId === orgId,
          ),
      );
      const body = (await (await signIn(t.app, email)).get('/api/v1/participants?pageSize=200')).json();
      expect(body.total, email).toBe(expected.length);
      expect(new Set(body.items.map((i: { participantId: string }) => i.participantId))).toEqual(
        new Set(expected.map((p) => p.id)),
      );
    }
  });

  it('shows admins and evaluators no one, and hides a participant from them by id', async () => {
    for (const email of ['admin@riverbend.example', 'evaluator@riverbend.example']) {
      const client = await signIn(t.app, email);
      expect((await client.get('/api/v1/participants')).json()).toMatchObject({ items: [], total: 0 });
      expect((await client.get(`/api/v1/participants/${anthony().id}`)).statusCode).toBe(404);
    }
  });

  it('answers a participant outside one’s view exactly like an unknown id', async () => {
    const lake = await signIn(t.app, 'coordinator@lakeside.example');
    const hidden = await lake.get(`/api/v1/participants/${anthony().id}`);
    const unknown = await lake.get('/api/v1/participants/00000000-0000-4000-8000-000000000000');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);
    const search = (await lake.get('/api/v1/participants?q=anthony')).json();
    expect(search.total).toBe(0);
  });
});

describe('caseload search, filters, sorting and paging', () => {
  it('finds by name fragment (case-insensitive) and by case number prefix', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const byName = (await judge.get('/api/v1/participants?q=ANTHO')).json();
    expect(byName.items.map((i: { caseNumber: string }) => i.caseNumber)).toContain('RB-2026-0001');
    const byCase = (await judge.get('/api/v1/participants?q=rb-2026-000')).json();
    expect(byCase.total).toBe(9);
    const wildcard = (await judge.get(`/api/v1/participants?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.total).toBe(0);
  });

  it('filters by status (several) and program, and by my team', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const active = (await judge.get('/api/v1/participants?status=active&status=absconded&pageSize=200')).json();
    const expected = inCourt(riverbend().id).filter((p) => ['active', 'absconded'].includes(p.enrollment.status));
    expect(active.total).toBe(expected.length);
    const drug = (await judge.get(`/api/v1/participants?programId=${adultDrug().id}&pageSize=200`)).json();
    expect(drug.total).toBe(inCourt(riverbend().id).filter((p) => p.enrollment.programId === adultDrug().id).length);
    const casemanager = await signIn(t.app, 'casemanager@riverbend.example');
    const mine = (await casemanager.get('/api/v1/participants?mine=true&pageSize=200')).json();
    const onTeam = t.plan.participants.filter((p) =>
      p.enrollment.team.some((m) => m.userId === userId('casemanager@riverbend.example') && !m.endedOn),
    );
    expect(mine.total).toBe(onTeam.length);
    expect(mine.total).toBeLessThan(inCourt(riverbend().id).length);
  });

  it('pages without overlap and keeps the total', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push((await judge.get(`/api/v1/participants?pageSize=10&page=${page}`)).json());
    const ids = pages.flatMap((p) => p.items.map((i: { enrollmentId: string }) => i.enrollmentId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(inCourt(riverbend().id).length);
    expect(pages[3].total).toBe(inCourt(riverbend().id).length);
    const beyond = (await judge.get('/api/v1/participants?pageSize=10&page=50')).json();
    expect(beyond).toMatchObject({ items: [], total: inCourt(riverbend().id).length });
  });

  it('sorts by name and by days in phase', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const byName = (await judge.get('/api/v1/participants?pageSize=200')).json().items as { lastName: string }[];
    const names = byName.map((i) => i.lastName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || 0));
    const byDays = (await judge.get('/api/v1/participants?status=active&sort=daysInPhase&order=desc&pageSize=200')).json()
      .items as {
      daysInPhase: number;
    }[];
    const days = byDays.map((i) => i.daysInPhase);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('refuses bad query values with field messages', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const response = await judge.get('/api/v1/participants?status=unknown&pageSize=5000&sort=ssn');
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['pageSize', 'sort', 'status']);
  });
});

describe('participant record', () => {
  it('shows identity, enrollment with phase and team, and both histories', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const body = (await judge.get(`/api/v1/participants/${anthony().id}`)).json();
    expect(body).toMatchObject({ firstName: 'Anthony', lastName: 'Marsh', language: 'en' });
    const [enrollment] = body.enrollments;
    expect(enrollment).toMatchObject({
      caseNumber: 'RB-2026-0001',
      status: 'active',
      daysInPhase: 41,
      phase: { position: 2, of: 5 },
    });
    expect(enrollment.team.map((m: { role: string }) => m.role)).toEqual(
      expect.arrayContaining([
        'judge',
        'coordinator',
        'treatment_provider',
        'probation_officer',
        'defense_attorney',
        'prosecutor',
      ]),
    );
    expect(enrollment.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['active', 'screening', 'referred']);
    expect(enrollment.phaseHistory.map((h: { position: number }) => h.position)).toEqual([2, 1]);
  });

  it('audits every read with the participant it showed', async () => {
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    await counselor.get(`/api/v1/participants/${anthony().id}`);
    const rows = await t.database.db.execute<{ action: string; outcome: string; actor_label: string }>(
      sql`SELECT action, outcome, actor_label FROM audit_log WHERE participant_ids @> ARRAY[${anthony().id}]::uuid[] AND actor_label = 'counselor@riverbend.example' AND action = 'participant.read'`,
    );
    expect(rows.rows).toEqual([{ action: 'participant.read', outcome: 'success', actor_label: 'counselor@riverbend.example' }]);
  });
});

describe('enrollment', () => {
  const newParticipant = (caseNumber: string, overrides: Record<string, unknown> = {}) => ({
    identity: {
      firstName: 'Rosa',
      lastName: 'Quintero',
      language: 'es',
      raceEthnicity: ['Hispanic or Latino'],
      pronouns: 'she/her',
    },
    enrollment: {
      programId: adultDrug().id,
      caseNumber,
      referredOn: '2026-11-02',
      status: 'active',
      referralSource: 'Defense counsel',
    },
    team: [
      { userId: userId('counselor@riverbend.example'), role: 'treatment_provider' },
      { userId: userId('judge@riverbend.example'), role: 'judge' },
    ],
    ...overrides,
  });

  it('enrolls a participant as active in the first phase with team, histories and an audit entry', async () => {
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const created = await coordinator.post('/api/v1/participants', newParticipant('RB-2026-0900'));
    expect(created.statusCode).toBe(201);
    const { participantId } = created.json();
    const body = (await coordinator.get(`/api/v1/participants/${participantId}`)).json();
    expect(body.enrollments[0]).toMatchObject({
      status: 'active',
      phase: { position: 1 },
      daysInPhase: 0,
      caseNumber: 'RB-2026-0900',
    });
    expect(body.enrollments[0].team).toHaveLength(2);
    // The counselor now sees the new participant through the team.
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    expect((await counselor.get(`/api/v1/participants/${participantId}`)).statusCode).toBe(200);
    const custodian = await t.database.db.execute<{ custodian_org_id: string; data_class: string }>(
      sql`SELECT custodian_org_id, data_class FROM enrollments WHERE participant_id = ${participantId}`,
    );
    expect(custodian.rows[0]).toEqual({ custodian_org_id: riverbend().id, data_class: 'enrollment' });
  });

  it('refuses a duplicate case number in the same court and leaves nothing behind', async () => {
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const before = (await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM participants`)).rows[0]!.n;
    const response = await coordinator.post('/api/v1/participants', newParticipant('RB-2026-0001'));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields[0].path).toBe('enrollment.caseNumber');
    const after = (await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM participants`)).rows[0]!.n;
    expect(after).toBe(before);
  });

  it('refuses a team member who does not hold the role, and a program of another court', async () => {
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const wrongRole = await coordinator.post(
      '/api/v1/participants',
      newParticipant('RB-2026-0901', { team: [{ userId: userId('probation@riverbend.example'), role: 'judge' }] }),
    );
    expect(wrongRole.statusCode).toBe(400);
    const veterans = t.plan.programs.find((p) => p.name === 'Veterans Treatment Court')!;
    const otherCourt = await coordinator.post(
      '/api/v1/participants',
      newParticipant('RB-2026-0902', {
        enrollment: { programId: veterans.id, caseNumber: 'X-1', referredOn: '2026-11-02' },
        team: [],
      }),
    );
    expect(otherCourt.statusCode).toBe(404);
  });

  it('lets only coordinators enroll', async () => {
    for (const email of ['judge@riverbend.example', 'counselor@riverbend.example', 'admin@riverbend.example']) {
      const client = await signIn(t.app, email);
      expect((await client.post('/api/v1/participants', newParticipant(`RB-2026-09${email.length}`))).statusCode, email).toBe(
        404,
      );
    }
  });
});

describe('status, phase, team and identity changes', () => {
  const enrollmentOf = async (participantId: string) => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    return (await judge.get(`/api/v1/participants/${participantId}`)).json().enrollments[0];
  };

  it('moves a participant through phases with reasons and keeps the history', async () => {
    const target = t.plan.participants.find((p) => p.enrollment.status === 'active' && p.enrollment.currentPhaseIndex === 0)!;
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const program = (await judge.get(`/api/v1/programs/${target.enrollment.programId}`)).json();
    const phase2 = program.phases[1].id;
    const moved = await judge.post(`/api/v1/enrollments/${target.enrollment.id}/phase`, {
      phaseId: phase2,
      reason: 'Met phase 1 objectives',
    });
    expect(moved.statusCode).toBe(204);
    const enrollment = await enrollmentOf(target.id);
    expect(enrollment.phase.position).toBe(2);
    expect(enrollment.phaseHistory[0]).toMatchObject({ position: 2, endedOn: null, reason: 'Met phase 1 objectives' });
    expect(enrollment.phaseHistory[1].endedOn).not.toBeNull();
    expect(
      (await judge.post(`/api/v1/enrollments/${target.enrollment.id}/phase`, { phaseId: phase2, reason: 'again' })).statusCode,
    ).toBe(409);
    const foreign = t.plan.programs.find((p) => p.name === 'Veterans Treatment Court')!.phaseIds[2];
    expect(
      (await judge.post(`/api/v1/enrollments/${target.enrollment.id}/phase`, { phaseId: foreign, reason: 'x y z' })).statusCode,
    ).toBe(400);
  });

  it('changes status only along allowed transitions, and closing a case ends the team', async () => {
    const target = t.plan.participants.find((p) => p.enrollment.status === 'active' && p.enrollment.currentPhaseIndex === 4)!;
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const bad = await judge.post(`/api/v1/enrollments/${target.enrollment.id}/status`, { status: 'referred', reason: 'undo' });
    expect(bad.statusCode).toBe(409);
    const graduated = await judge.post(`/api/v1/enrollments/${target.enrollment.id}/status`, {
      status: 'graduated',
      reason: 'All requirements met',
    });
    expect(graduated.statusCode).toBe(204);
    const enrollment = await enrollmentOf(target.id);
    expect(enrollment.status).toBe('graduated');
    expect(enrollment.daysInPhase).toBeNull();
    expect(enrollment.team.every((m: { endedOn: string | null }) => m.endedOn !== null)).toBe(true);
    expect(enrollment.statusHistory[0]).toMatchObject({
      fromStatus: 'active',
      toStatus: 'graduated',
      reason: 'All requirements met',
    });
    // Those who served on the closed team see the participant afterwards only when their organization
    // keeps records of them (the treatment program its notes and tests; probation its appointments).
    const holds = (orgId: string) =>
      (target.notes ?? []).some((n) => n.custodianOrgId === orgId) ||
      [
        ...(target.monitoring?.tests ?? []),
        ...(target.monitoring?.attendance ?? []),
        ...(target.monitoring?.prescriptions ?? []),
      ].some((r) => r.custodianOrgId === orgId);
    for (const role of ['probation_officer', 'treatment_provider'] as const) {
      const member = target.enrollment.team.find((m) => m.role === role)!;
      const email = t.plan.users.find((u) => u.id === member.userId)!.email;
      expect((await (await signIn(t.app, email)).get(`/api/v1/participants/${target.id}`)).statusCode, role).toBe(
        holds(member.organizationId) ? 200 : 404,
      );
    }
    // Someone who never served on it, and whose organization holds nothing, sees nothing.
    expect((await (await signIn(t.app, 'defense@riverbend.example')).get(`/api/v1/participants/${target.id}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses status changes by roles that may not make them', async () => {
    const target = anthony();
    for (const email of ['prosecutor@riverbend.example', 'casemanager@riverbend.example']) {
      const client = await signIn(t.app, email);
      const response = await client.post(`/api/v1/enrollments/${target.enrollment.id}/status`, {
        status: 'absconded',
        reason: 'test only',
      });
      expect(response.statusCode, email).toBe(403);
    }
  });

  it('adds and ends a team member; the person gains and loses the participant', async () => {
    const target = t.plan.participants.find(
      (p) => !p.enrollment.team.some((m) => m.role === 'case_manager') && p.enrollment.status === 'active',
    )!;
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const candidates = (await coordinator.get(`/api/v1/enrollments/${target.enrollment.id}/team-candidates`)).json().items;
    expect(candidates.some((c: { role: string }) => c.role === 'peer_specialist')).toBe(true);
    const peer = await signIn(t.app, 'peer@riverbend.example');
    const visibleBefore = (await peer.get(`/api/v1/participants/${target.id}`)).statusCode;
    const added = await coordinator.post(`/api/v1/enrollments/${target.enrollment.id}/team`, {
      userId: userId('peer@riverbend.example'),
      role: 'peer_specialist',
    });
    if (visibleBefore === 200) {
      expect(added.statusCode).toBe(409);
      return;
    }
    expect(added.statusCode).toBe(201);
    expect((await peer.get(`/api/v1/participants/${target.id}`)).statusCode).toBe(200);
    const ended = await coordinator.post(`/api/v1/enrollments/${target.enrollment.id}/team/${added.json().id}/end`, {
      reason: 'Reassigned',
    });
    expect(ended.statusCode).toBe(204);
    expect((await peer.get(`/api/v1/participants/${target.id}`)).statusCode).toBe(404);
  });

  it('corrects identity details (case manager) and enrollment details (coordinator)', async () => {
    const casemanager = await signIn(t.app, 'casemanager@riverbend.example');
    const updated = await casemanager.patch(`/api/v1/participants/${anthony().id}`, {
      preferredName: 'Tony',
      pronouns: 'he/him',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ preferredName: 'Tony', language: 'en', raceEthnicity: ['White'] });
    expect((await casemanager.patch(`/api/v1/participants/${anthony().id}`, {})).statusCode).toBe(400);
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    expect(
      (await coordinator.patch(`/api/v1/enrollments/${anthony().enrollment.id}`, { nextCourtDate: '2026-12-08' })).statusCode,
    ).toBe(204);
    expect((await enrollmentOf(anthony().id)).nextCourtDate).toBe('2026-12-08');
    expect(
      (await coordinator.patch(`/api/v1/enrollments/${anthony().enrollment.id}`, { nextCourtDate: '2026-13-45' })).statusCode,
    ).toBe(400);
    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    expect((await counselor.patch(`/api/v1/participants/${anthony().id}`, { preferredName: 'A' })).statusCode).toBe(403);
  });
});
