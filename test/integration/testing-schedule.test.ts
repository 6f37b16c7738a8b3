import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrawScheduler } from '../../src/modules/testing/draw-scheduler.js';
import { runDraw } from '../../src/modules/testing/schedules.js';
import { todayIn } from '../../src/platform/time.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Testing schedules end to end: call-in groups and plans set by the coordinator, the daily draw
 * (once a day, reproducible from its seed), the tests it calls with their report-by deadlines, and
 * the court's dashboard — the standards read from the court's own draws, each test's fate shown as
 * consent allows.
 */

let t: TestApp;
let coordinator: Client;
const court = () => t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!.id;
const provider = () => t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id;
const active = () => t.plan.participants.filter((p) => p.enrollment.courtId === court() && p.enrollment.status === 'active');

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signIn(t.app, 'coordinator@riverbend.example');
});
afterAll(async () => {
  await t?.close();
});

describe('testing schedules', () => {
  let blue = '';
  it('the coordinator keeps call-in groups and holidays; others on the court side may look, not change', async () => {
    const created = await coordinator.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Blue', testsPerWeek: 2 });
    expect(created.statusCode, created.body).toBe(201);
    blue = created.json().id;
    expect((await coordinator.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Blue' })).statusCode).toBe(409);
    const judge = await signIn(t.app, 'judge@riverbend.example');
    expect(
      (await judge.get(`/api/v1/courts/${court()}/testing-groups`)).json().items.map((g: { name: string }) => g.name),
    ).toContain('Blue');
    expect((await judge.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Red' })).statusCode).toBe(403);
    const holiday = await coordinator.post(`/api/v1/courts/${court()}/holidays`, { on: '2026-12-25', name: 'Christmas Day' });
    expect(holiday.statusCode, holiday.body).toBe(201);
  });

  it('sets plans: by group, or drawn on their own at their phase’s frequency; the collector must serve the case', async () => {
    const [a, b, c] = active();
    const byGroup = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'group',
      groupId: blue,
      collectorOrgId: provider(),
      startsOn: '2026-01-01',
    });
    expect(byGroup.statusCode, byGroup.body).toBe(201);
    for (const p of [b!, c!]) {
      const own = await coordinator.post('/api/v1/testing-plans', {
        enrollmentId: p.enrollment.id,
        method: 'random',
        collectorOrgId: court(),
        startsOn: '2026-01-01',
      });
      expect(own.statusCode, own.body).toBe(201);
    }
    const lakeside = t.plan.organizations.find((o) => o.name.startsWith('Lakeside'))!.id;
    const wrong = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'random',
      collectorOrgId: lakeside,
      startsOn: '2026-01-01',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('collectorOrgId');
  });

  it('the scheduler makes each court’s draw once its day has begun, and only once', async () => {
    const scheduler = startDrawScheduler(t.database.db, { hour: 0, log: t.app.log, everyMs: 3_600_000 });
    try {
      await scheduler.tick();
      await scheduler.tick();
    } finally {
      scheduler.stop();
    }
    const today = todayIn('America/Chicago');
    const made = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM testing_draws WHERE court_id = ${court()} AND draw_date = ${today}`,
    );
    expect(made.rows[0]!.n).toBe(1);
  });

  it('draws once a day, reproducibly; twice a week for everyone; each called test has its report-by deadline', async () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    for (const date of week) {
      const response = await coordinator.post(`/api/v1/courts/${court()}/testing/draws`, { date });
      expect(response.statusCode, response.body).toBe(200);
    }
    // Asked again: the same draw, nothing more.
    const again = await coordinator.post(`/api/v1/courts/${court()}/testing/draws`, { date: '2026-12-01' });
    expect(again.json().tests).toBe(0);
    const draws = (await coordinator.get(`/api/v1/courts/${court()}/testing/draws?from=2026-11-30&to=2026-12-06`)).json()
      .items as {
      id: string;
      tests: number;
      groups: string[];
    }[];
    expect(draws).toHaveLength(7);
    // Three participants, twice each this week.
    expect(draws.reduce((n, d) => n + d.tests, 0)).toBe(6);
    expect(draws.filter((d) => d.groups.includes('Blue'))).toHaveLength(2);
    for (const d of draws) {
      const verified = await coordinator.get(`/api/v1/testing/draws/${d.id}/verify`);
      expect(verified.json().reproduced).toBe(true);
    }
    const tests = await t.database.db.execute<{ hours: number; specimen: string }>(
      sql`SELECT extract(epoch FROM report_by - notified_at) / 3600 AS hours, specimen_type AS specimen FROM drug_tests WHERE reason = 'random'`,
    );
    expect(tests.rows.every((r) => Number(r.hours) === 8 && r.specimen === 'urine')).toBe(true);
    // A draw whose stored selection was altered no longer reproduces.
    const target = draws.find((d) => d.tests > 0)!;
    const original = await t.database.db.execute<{ plans: string; groups: string }>(
      sql`SELECT selected_plan_ids::text AS plans, selected_group_ids::text AS groups FROM testing_draws WHERE id = ${target.id}`,
    );
    await t.database.db.execute(
      sql`UPDATE testing_draws SET selected_plan_ids = '{}', selected_group_ids = '{}' WHERE id = ${target.id}`,
    );
    expect((await coordinator.get(`/api/v1/testing/draws/${target.id}/verify`)).json().reproduced).toBe(false);
    await t.database.db.execute(
      sql`UPDATE testing_draws SET selected_plan_ids = ${original.rows[0]!.plans}::uuid[], selected_group_ids = ${original.rows[0]!.groups}::uuid[] WHERE id = ${target.id}`,
    );
  });

  it('a draw made by the system (no one signed in) is audited the same way', async () => {
    const result = await runDraw({
      db: t.database.db,
      ctx: { actor: null, label: 'scheduler', request: { id: 'test', ip: null, userAgent: null } },
      courtId: court(),
      date: '2026-12-07',
    });
    expect(result.draw.drawDate).toBe('2026-12-07');
    const audited = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'testing.draw' AND target_id = ${result.draw.id}`,
    );
    expect(audited.rows[0]!.n).toBe(1);
  });

  it('the dashboard reads the standards from the court’s draws', async () => {
    const response = await coordinator.get(`/api/v1/courts/${court()}/testing/dashboard?from=2026-11-30&to=2026-12-06`);
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.compliance).toMatchObject({ weeks: 1, participantWeeks: 3, compliantWeeks: 3, share: 1 });
    expect(dashboard.parity.tests).toBe(6);
    expect(dashboard.parity.expectedShare).toBeCloseTo(2 / 7, 5);
    // Staff outside the court's monitoring roles are refused.
    const probation = await signIn(t.app, 'probation@riverbend.example');
    expect((await probation.get(`/api/v1/courts/${court()}/testing/dashboard`)).statusCode).toBe(403);
  });
});
