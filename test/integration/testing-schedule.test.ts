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
    const created = await coordinator.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Teal', testsPerWeek: 2 });
    expect(created.statusCode, created.body).toBe(201);
    blue = created.json().id;
    expect((await coordinator.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Teal' })).statusCode).toBe(409);
    const judge = await signIn(t.app, 'judge@riverbend.example');
    expect(
      (await judge.get(`/api/v1/courts/${court()}/testing-groups`)).json().items.map((g: { name: string }) => g.name),
    ).toEqual(expect.arrayContaining(['Blue', 'Teal']));
    expect((await judge.post(`/api/v1/courts/${court()}/testing-groups`, { name: 'Red' })).statusCode).toBe(403);
    const holiday = await coordinator.post(`/api/v1/courts/${court()}/holidays`, { on: '2027-01-06', name: 'Court closure day' });
    expect(holiday.statusCode, holiday.body).toBe(201);
  });

  it('sets plans: by group, or drawn on their own at their phase’s frequency; the collector must serve the case', async () => {
    const [a, b, c] = active();
    const byGroup = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'group',
      groupId: blue,
      collectorOrgId: provider(),
      startsOn: '2027-01-01',
    });
    expect(byGroup.statusCode, byGroup.body).toBe(201);
    for (const p of [b!, c!]) {
      const own = await coordinator.post('/api/v1/testing-plans', {
        enrollmentId: p.enrollment.id,
        method: 'random',
        collectorOrgId: court(),
        startsOn: '2027-01-01',
      });
      expect(own.statusCode, own.body).toBe(201);
    }
    const lakeside = t.plan.organizations.find((o) => o.name.startsWith('Lakeside'))!.id;
    const wrong = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'random',
      collectorOrgId: lakeside,
      startsOn: '2027-01-01',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('collectorOrgId');

    // The plan in effect, as the participant's page shows it; a new one must start after it.
    const plans = await coordinator.get(`/api/v1/participants/${a!.id}/testing-plans`);
    expect(plans.statusCode, plans.body).toBe(200);
    const [current] = plans.json().items;
    // The demo's plan is still the one in effect today; the new one is next.
    expect(current.plan).not.toBeNull();
    expect(current.plan.startsOn < '2026-12-02').toBe(true);
    expect(current.next).toMatchObject({ method: 'group', groupId: blue, groupName: 'Teal', startsOn: '2027-01-01' });
    expect(current.phaseTestsPerWeek).toBeGreaterThan(0);
    // The same first day again: a correction of that plan (no draw has used it yet), not a new one.
    const corrected = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'group',
      groupId: blue,
      testsPerWeek: 2.5,
      collectorOrgId: provider(),
      startsOn: '2027-01-01',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json().id).toBe(current.next.id);
    // Before the plan it would follow: refused, with the date to start from.
    const early = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'random',
      collectorOrgId: court(),
      startsOn: '2026-12-31',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'startsOn' });
    expect(early.json().error.fields[0].message).toContain('2027-01-01');
    const later = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: a!.enrollment.id,
      method: 'random',
      testsPerWeek: 3,
      collectorOrgId: court(),
      startsOn: '2027-02-01',
    });
    expect(later.statusCode, later.body).toBe(201);
    const after = (await coordinator.get(`/api/v1/participants/${a!.id}/testing-plans`)).json().items[0];
    expect(after.plan.id).toBe(current.plan.id);
    expect(after.next.startsOn).toBe('2027-01-01');
    const stored = await t.database.db.execute<{
      starts_on: string;
      ends_on: string | null;
      method: string;
      tests_per_week: number;
    }>(
      sql`SELECT starts_on::text, ends_on::text, method, tests_per_week FROM testing_plans WHERE enrollment_id = ${a!.enrollment.id} AND starts_on >= '2027-01-01' ORDER BY starts_on`,
    );
    expect(stored.rows).toEqual([
      { starts_on: '2027-01-01', ends_on: '2027-01-31', method: 'group', tests_per_week: 2.5 },
      { starts_on: '2027-02-01', ends_on: null, method: 'random', tests_per_week: 3 },
    ]);
    // Someone who may not see the participant finds nothing there.
    const outsider = await signIn(t.app, 'coordinator@lakeside.example');
    expect((await outsider.get(`/api/v1/participants/${a!.id}/testing-plans`)).statusCode).toBe(404);
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

  it('draws once a day, reproducibly; everyone exactly as often as their phase asks, every week; each test with its report-by deadline', async () => {
    const week = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-09', '2027-01-10'];
    for (const date of week) {
      const response = await coordinator.post(`/api/v1/courts/${court()}/testing/draws`, { date });
      expect(response.statusCode, response.body).toBe(200);
    }
    // Asked again: the same draw, nothing more.
    const again = await coordinator.post(`/api/v1/courts/${court()}/testing/draws`, { date: '2027-01-05' });
    expect(again.json().tests).toBe(0);
    const draws = (await coordinator.get(`/api/v1/courts/${court()}/testing/draws?from=2027-01-04&to=2027-01-10`)).json()
      .items as {
      id: string;
      tests: number;
      groups: string[];
      holiday: string | null;
    }[];
    expect(draws).toHaveLength(7);
    expect(draws.find((d) => d.holiday)?.holiday).toBe('Court closure day');
    // Each participant on a plan: their group's tests a week, or their phase's (two until the last phase, one in it).
    const expected = await t.database.db.execute<{ n: number }>(sql`
      SELECT coalesce(sum(CASE WHEN p.method = 'group' THEN g.tests_per_week ELSE coalesce(p.tests_per_week, ph.tests_per_week) END), 0)::int AS n
      FROM testing_plans p JOIN enrollments e ON e.id = p.enrollment_id LEFT JOIN phases ph ON ph.id = e.current_phase_id
      LEFT JOIN testing_groups g ON g.id = p.group_id
      WHERE e.court_id = ${court()} AND e.status = 'active' AND p.starts_on <= '2027-01-04' AND (p.ends_on IS NULL OR p.ends_on >= '2027-01-10')`);
    expect(draws.reduce((n, d) => n + d.tests, 0)).toBe(expected.rows[0]!.n);
    expect(draws.filter((d) => d.groups.includes('Teal'))).toHaveLength(2);
    for (const d of draws) {
      const verified = await coordinator.get(`/api/v1/testing/draws/${d.id}/verify`);
      expect(verified.json().reproduced).toBe(true);
    }
    const tests = await t.database.db.execute<{ hours: number; specimen: string }>(
      sql`SELECT extract(epoch FROM t.report_by - t.notified_at) / 3600 AS hours, t.specimen_type AS specimen
          FROM drug_tests t JOIN testing_draws d ON d.id = t.draw_id WHERE d.draw_date BETWEEN '2027-01-04' AND '2027-01-10'`,
    );
    expect(tests.rows.length).toBeGreaterThan(0);
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
      date: '2027-01-11',
    });
    expect(result.draw.drawDate).toBe('2027-01-11');
    const audited = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'testing.draw' AND target_id = ${result.draw.id}`,
    );
    expect(audited.rows[0]!.n).toBe(1);
  });

  it('the dashboard reads the standards from the court’s draws', async () => {
    const response = await coordinator.get(`/api/v1/courts/${court()}/testing/dashboard?from=2027-01-04&to=2027-01-10`);
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.compliance.weeks).toBe(1);
    expect(dashboard.compliance.participantWeeks).toBeGreaterThan(3);
    expect(dashboard.compliance.share).toBe(1);
    // Saturday, Sunday and the court's closure day, of seven.
    expect(dashboard.parity.expectedShare).toBeCloseTo(3 / 7, 5);
    expect(dashboard.parity.tests).toBeGreaterThan(0);
    // Over the demo's months, tests fall on weekends and holidays about as often as those days come.
    const months = (await coordinator.get(`/api/v1/courts/${court()}/testing/dashboard?from=2026-08-03&to=2026-11-29`)).json();
    expect(months.parity.share).toBeGreaterThan(months.parity.expectedShare - 0.06);
    expect(months.parity.share).toBeLessThan(months.parity.expectedShare + 0.06);
    // Staff outside the court's monitoring roles are refused.
    const probation = await signIn(t.app, 'probation@riverbend.example');
    expect((await probation.get(`/api/v1/courts/${court()}/testing/dashboard`)).statusCode).toBe(403);
  });
});

describe('correcting a plan', () => {
  it('a plan that no draw has used can be corrected on its first day; once a draw has, the new plan starts later', async () => {
    const [, , , d] = active();
    const today = todayIn('America/Chicago');
    const first = await coordinator.post('/api/v1/testing-plans', {
      enrollmentId: d!.enrollment.id,
      method: 'random',
      collectorOrgId: court(),
      startsOn: '2027-06-01',
    });
    expect(first.statusCode, first.body).toBe(201);
    const drawn = await coordinator.post(`/api/v1/courts/${court()}/testing/draws`, { date: '2027-06-01' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const again = await coordinator.post(
      '/api/v1/testing-plans',
      { enrollmentId: d!.enrollment.id, method: 'random', testsPerWeek: 4, collectorOrgId: court(), startsOn: '2027-06-01' },
      { 'accept-language': 'es' },
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0].message).toContain('Un sorteo ya usó el plan');
    expect(today < '2027-06-01').toBe(true);
  });
});

describe('report-by deadlines', () => {
  it('the coordinator sets the court’s hours per specimen; new tests get them, tests already noticed keep theirs', async () => {
    const url = `/api/v1/courts/${court()}/testing/settings`;
    const first = await coordinator.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().reportWithinHours).toMatchObject({ urine: 8, oral_fluid: 4 });
    expect(first.json().defaults).toMatchObject({ urine: 8, oral_fluid: 4 });

    const counselor = await signIn(t.app, 'counselor@riverbend.example');
    const anthony = t.plan.participants.find((p) => p.firstName === 'Anthony')!;
    const ask = async () => {
      const notifiedAt = new Date(Date.now() - 60_000).toISOString();
      const created = await counselor.post('/api/v1/tests', {
        enrollmentId: anthony.enrollment.id,
        reason: 'for_cause',
        notifiedAt,
      });
      expect(created.statusCode, created.body).toBe(201);
      const tests = (await counselor.get(`/api/v1/participants/${anthony.id}/tests`)).json().items as {
        id: string;
        notifiedAt: string;
        reportBy: string;
      }[];
      const test = tests.find((x) => x.id === created.json().id)!;
      return { id: test.id, hours: (Date.parse(test.reportBy) - Date.parse(test.notifiedAt)) / 3_600_000 };
    };
    const before = await ask();
    expect(before.hours).toBe(8);

    const changed = await coordinator.patch(url, { reportWithinHours: { urine: 6, oral_fluid: 4 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().reportWithinHours).toMatchObject({ urine: 6, oral_fluid: 4, breath: 4 });
    expect(changed.json().updatedByName).toBeTruthy();
    const after = await ask();
    expect(after.hours).toBe(6);
    // The earlier test keeps the deadline it was given.
    const tests = (await counselor.get(`/api/v1/participants/${anthony.id}/tests`)).json().items as {
      id: string;
      notifiedAt: string;
      reportBy: string;
    }[];
    const earlier = tests.find((x) => x.id === before.id)!;
    expect((Date.parse(earlier.reportBy) - Date.parse(earlier.notifiedAt)) / 3_600_000).toBe(8);

    // Others on the court side may look, not change; the treatment program may do neither.
    const judge = await signIn(t.app, 'judge@riverbend.example');
    expect((await judge.get(url)).json().reportWithinHours.urine).toBe(6);
    expect((await judge.patch(url, { reportWithinHours: { urine: 2 } })).statusCode).toBe(403);
    expect((await counselor.get(url)).statusCode).toBe(403);

    // Out of range, or not a specimen: a clear 400, and nothing changes.
    const zero = await coordinator.patch(url, { reportWithinHours: { urine: 0 } }, { 'accept-language': 'es' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('al menos 1 hora');
    const week = await coordinator.patch(url, { reportWithinHours: { urine: 200 } });
    expect(week.statusCode).toBe(400);
    expect(week.body).toContain('at most 72 hours');
    expect((await coordinator.patch(url, { reportWithinHours: { saliva: 3 } })).statusCode).toBe(400);
    expect((await coordinator.get(url)).json().reportWithinHours.urine).toBe(6);

    // Back to the standards' default: it follows the default from then on.
    await coordinator.patch(url, { reportWithinHours: { urine: 8 } });
    const stored = await t.database.db.execute<{ hours: Record<string, number> }>(
      sql`SELECT report_within_hours AS hours FROM court_testing_settings WHERE court_id = ${court()}`,
    );
    expect(stored.rows[0]!.hours).toEqual({});
    const audit = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'testing.settings.update' AND target_id = ${court()}`,
    );
    expect(audit.rows[0]!.n).toBe(2);
  });
});
