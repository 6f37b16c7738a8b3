import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type AnonymousAuditContext, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable, Tx } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { organizations } from '../organizations/organizations.tables.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import { caseTeamMembers, enrollments } from '../participants/participants.tables.js';
import { phases } from '../programs/programs.tables.js';
import { noteRecordHolders } from '../records/record-holders.js';
import { users } from '../users/users.tables.js';
import { DRAW_ALGORITHM, type DrawPool, drawDay, weekOf } from './draw-tests.js';
import type { SpecimenType } from './substances.js';
import {
  REPORT_WITHIN_HOURS,
  type ZHolidayCreate,
  type ZTestingGroupCreate,
  type ZTestingPlanCreate,
  type ZTestingSettingsUpdate,
} from './testing.schema.js';
import { courtHolidays, courtTestingSettings, drugTests, testingDraws, testingGroups, testingPlans } from './testing.tables.js';

/*
 * Testing schedules: call-in groups ("colors"), each participant's testing plan (drawn on their own
 * or with a group, how often — their phase's frequency unless the plan says otherwise — what
 * specimen, and which organization collects), the court's holidays, and the daily draw. The draw
 * keeps its seed and what it drew from, so it can be run again and checked (drawDay); it makes the
 * day's tests, held by the collecting organization, each with its report-by deadline.
 */

const HOUR = 3_600_000;

function requireCourt(ctx: AccessContext, courtId: string, action: 'testing.manage' | 'testing.monitor') {
  if (!canInCourt(ctx.actor, action, courtId)) throw new AppError('forbidden', 'errors.testing_manage');
}

async function courtOf(q: Queryable, courtId: string) {
  const [court] = await q
    .select({ id: organizations.id, timeZone: organizations.timeZone, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, courtId));
  if (court?.kind !== 'court') throw notFound();
  return court;
}

export async function listGroups(options: { db: Db; ctx: AccessContext; courtId: string }) {
  requireCourt(options.ctx, options.courtId, 'testing.monitor');
  const rows = await options.db
    .select({
      g: testingGroups,
      // Qualified by hand: Drizzle leaves a single-table query's columns unqualified.
      members: sql<number>`(SELECT count(*)::int FROM testing_plans p WHERE p.group_id = testing_groups.id AND p.ends_on IS NULL)`,
    })
    .from(testingGroups)
    .where(eq(testingGroups.courtId, options.courtId))
    .orderBy(asc(testingGroups.name));
  return {
    items: rows.map(({ g, members }) => ({ id: g.id, name: g.name, testsPerWeek: g.testsPerWeek, active: g.active, members })),
  };
}

export async function createGroup(options: {
  db: Db;
  ctx: AccessContext;
  courtId: string;
  input: z.infer<typeof ZTestingGroupCreate>;
}) {
  const { ctx, courtId, input } = options;
  requireCourt(ctx, courtId, 'testing.manage');
  return options.db.transaction(async (tx) => {
    await courtOf(tx, courtId);
    const [row] = await tx
      .insert(testingGroups)
      .values({ courtId, name: input.name, testsPerWeek: input.testsPerWeek })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'errors.group_name_taken');
    await recordAudit(tx, ctx, { action: 'testing.group.create', targetType: 'testing_group', targetId: row.id });
    return { id: row.id, name: row.name, testsPerWeek: row.testsPerWeek, active: row.active, members: 0 };
  });
}

export async function listHolidays(options: { db: Db; ctx: AccessContext; courtId: string }) {
  requireCourt(options.ctx, options.courtId, 'testing.monitor');
  const rows = await options.db
    .select()
    .from(courtHolidays)
    .where(eq(courtHolidays.courtId, options.courtId))
    .orderBy(asc(courtHolidays.on));
  return { items: rows.map((h) => ({ id: h.id, on: h.on, name: h.name })) };
}

export async function addHoliday(options: {
  db: Db;
  ctx: AccessContext;
  courtId: string;
  input: z.infer<typeof ZHolidayCreate>;
}) {
  const { ctx, courtId, input } = options;
  requireCourt(ctx, courtId, 'testing.manage');
  return options.db.transaction(async (tx) => {
    await courtOf(tx, courtId);
    const [row] = await tx
      .insert(courtHolidays)
      .values({ courtId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'errors.holiday_exists');
    await recordAudit(tx, ctx, { action: 'testing.holiday.add', targetType: 'court', targetId: courtId, details: input });
    return { id: row.id, on: row.on, name: row.name };
  });
}

/** Hours from notice to the report-by deadline for each specimen, as the court sets them (the standards' otherwise). */
export async function reportWithinHours(q: Queryable, courtId: string): Promise<Record<SpecimenType, number>> {
  const [row] = await q
    .select({ hours: courtTestingSettings.reportWithinHours })
    .from(courtTestingSettings)
    .where(eq(courtTestingSettings.courtId, courtId));
  return { ...REPORT_WITHIN_HOURS, ...row?.hours };
}

/** A report-by deadline: the notice plus the court's hours for the specimen. */
export function reportByOf(notifiedAt: Date, specimenType: SpecimenType, hours: Record<SpecimenType, number>): Date {
  return new Date(notifiedAt.getTime() + hours[specimenType] * HOUR);
}

export async function readTestingSettings(options: { db: Db; ctx: AccessContext; courtId: string }) {
  requireCourt(options.ctx, options.courtId, 'testing.monitor');
  await courtOf(options.db, options.courtId);
  const [row] = await options.db
    .select({ s: courtTestingSettings, name: users.displayName })
    .from(courtTestingSettings)
    .leftJoin(users, eq(users.id, courtTestingSettings.updatedBy))
    .where(eq(courtTestingSettings.courtId, options.courtId));
  return {
    courtId: options.courtId,
    reportWithinHours: { ...REPORT_WITHIN_HOURS, ...row?.s.reportWithinHours },
    defaults: REPORT_WITHIN_HOURS,
    updatedAt: row?.s.updatedAt.toISOString() ?? null,
    updatedByName: row?.name ?? null,
  };
}

/**
 * Sets the court's report-by deadlines for the specimens named; a deadline set to the standards'
 * default is kept as the default (it follows the default from then on). Tests already noticed keep
 * the deadline they were given.
 */
export async function updateTestingSettings(options: {
  db: Db;
  ctx: AccessContext;
  courtId: string;
  input: z.infer<typeof ZTestingSettingsUpdate>;
}) {
  const { ctx, courtId, input } = options;
  requireCourt(ctx, courtId, 'testing.manage');
  await options.db.transaction(async (tx) => {
    await courtOf(tx, courtId);
    // A row to lock even on the first change, so that two at once are made one after the other.
    await tx.insert(courtTestingSettings).values({ courtId, reportWithinHours: {} }).onConflictDoNothing();
    const [before] = await tx.select().from(courtTestingSettings).where(eq(courtTestingSettings.courtId, courtId)).for('update');
    const hours: Partial<Record<SpecimenType, number>> = { ...before?.reportWithinHours };
    for (const [specimen, value] of Object.entries(input.reportWithinHours) as [SpecimenType, number][]) {
      if (value === REPORT_WITHIN_HOURS[specimen]) delete hours[specimen];
      else hours[specimen] = value;
    }
    const values = {
      courtId,
      reportWithinHours: hours,
      updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      updatedAt: new Date(),
    };
    await tx
      .insert(courtTestingSettings)
      .values(values)
      .onConflictDoUpdate({ target: courtTestingSettings.courtId, set: values });
    await recordAudit(tx, ctx, {
      action: 'testing.settings.update',
      targetType: 'court',
      targetId: courtId,
      details: { reportWithinHours: { before: before?.reportWithinHours ?? {}, after: hours } },
    });
  });
  return readTestingSettings(options);
}

/**
 * The testing plan in effect on each of the participant's cases the reader may see — how they are
 * called (on their own or with a group), how often (the plan's frequency, or their phase's), what
 * specimen, who collects — or none (then they are in no draw). The court's own record.
 */
export async function readTestingPlans(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const cases = await tx
      .select({ id: enrollments.id, timeZone: organizations.timeZone, phaseTestsPerWeek: phases.testsPerWeek })
      .from(enrollments)
      .innerJoin(organizations, eq(organizations.id, enrollments.courtId))
      .leftJoin(phases, eq(phases.id, enrollments.currentPhaseId))
      .where(inArray(enrollments.id, enrollmentIds));
    // The plans not ended before yesterday (wherever the court is): the one in effect today, and any set to start later.
    const plans = await tx
      .select({ plan: testingPlans, groupName: testingGroups.name, collectorName: organizations.name })
      .from(testingPlans)
      .leftJoin(testingGroups, eq(testingGroups.id, testingPlans.groupId))
      .leftJoin(organizations, eq(organizations.id, testingPlans.collectorOrgId))
      .where(
        and(
          inArray(testingPlans.enrollmentId, enrollmentIds),
          or(isNull(testingPlans.endsOn), sql`${testingPlans.endsOn} >= current_date - 1`),
        ),
      )
      .orderBy(asc(testingPlans.startsOn));
    await recordAudit(tx, ctx, {
      action: 'participant.testing_plan.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
    });
    const view = (r: (typeof plans)[number]) => ({
      id: r.plan.id,
      method: r.plan.method,
      groupId: r.plan.groupId,
      groupName: r.groupName,
      testsPerWeek: r.plan.testsPerWeek,
      specimenType: r.plan.specimenType,
      collectorOrgId: r.plan.collectorOrgId,
      collectorName: r.collectorName ?? '',
      startsOn: r.plan.startsOn,
    });
    return {
      items: cases.map((c) => {
        const today = todayIn(c.timeZone);
        const own = plans.filter((r) => r.plan.enrollmentId === c.id);
        const current = own.find((r) => r.plan.startsOn <= today && (r.plan.endsOn === null || r.plan.endsOn >= today));
        const next = own.find((r) => r.plan.startsOn > today);
        return {
          enrollmentId: c.id,
          phaseTestsPerWeek: c.phaseTestsPerWeek,
          plan: current ? view(current) : null,
          next: next ? view(next) : null,
        };
      }),
    };
  });
}

/**
 * A new testing plan for a case (the previous one ends the day before). The coordinator sets it; the
 * collecting organization must serve the case.
 */
export async function setTestingPlan(options: { db: Db; ctx: AccessContext; input: z.infer<typeof ZTestingPlanCreate> }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    requireCourt(ctx, enrollment.courtId, 'testing.manage');
    if (input.method === 'group') {
      const [group] = input.groupId
        ? await tx
            .select()
            .from(testingGroups)
            .where(and(eq(testingGroups.id, input.groupId), eq(testingGroups.courtId, enrollment.courtId)))
        : [];
      if (!group)
        throw new AppError('validation', 'errors.group_required', {
          fields: [{ path: 'groupId', message: 'errors.group_required' }],
        });
    }
    // Who collects: the court itself, or an organization on the case team.
    const serving =
      input.collectorOrgId === enrollment.courtId ||
      (
        await tx
          .select({ id: caseTeamMembers.id })
          .from(caseTeamMembers)
          .where(
            and(
              eq(caseTeamMembers.enrollmentId, enrollment.id),
              eq(caseTeamMembers.organizationId, input.collectorOrgId),
              isNull(caseTeamMembers.endedOn),
            ),
          )
      ).length > 0;
    if (!serving) {
      throw new AppError('validation', 'errors.collector_not_serving', {
        fields: [{ path: 'collectorOrgId', message: 'errors.collector_not_serving' }],
      });
    }
    const [open] = await tx
      .select()
      .from(testingPlans)
      .where(and(eq(testingPlans.enrollmentId, enrollment.id), isNull(testingPlans.endsOn)))
      .for('update');
    const changes = {
      method: input.method,
      groupId: input.method === 'group' ? input.groupId : null,
      testsPerWeek: input.testsPerWeek,
      specimenType: input.specimenType,
      collectorOrgId: input.collectorOrgId,
    };
    if (open && open.startsOn === input.startsOn) {
      // The same first day: a correction of that plan, as long as no draw has used it yet.
      const [drawn] = await tx
        .select({ id: testingDraws.id })
        .from(testingDraws)
        .where(and(eq(testingDraws.courtId, enrollment.courtId), gte(testingDraws.drawDate, open.startsOn)))
        .limit(1);
      if (drawn) {
        throw new AppError('validation', 'errors.plan_already_drawn', {
          fields: [{ path: 'startsOn', message: 'errors.plan_already_drawn' }],
          params: { date: open.startsOn },
        });
      }
      await tx.update(testingPlans).set(changes).where(eq(testingPlans.id, open.id));
      await recordAudit(tx, ctx, {
        action: 'testing.plan.correct',
        participantIds: [enrollment.participantId],
        targetType: 'testing_plan',
        targetId: open.id,
        details: {
          before: {
            method: open.method,
            groupId: open.groupId,
            testsPerWeek: open.testsPerWeek,
            specimenType: open.specimenType,
            collectorOrgId: open.collectorOrgId,
          },
          after: changes,
        },
      });
      return { id: open.id };
    }
    if (open && open.startsOn > input.startsOn) {
      throw new AppError('validation', 'errors.plan_start_too_early', {
        fields: [{ path: 'startsOn', message: 'errors.plan_start_too_early' }],
        params: { date: open.startsOn },
      });
    }
    const dayBefore = new Date(Date.parse(`${input.startsOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await tx
      .update(testingPlans)
      .set({ endsOn: dayBefore })
      .where(and(eq(testingPlans.enrollmentId, enrollment.id), isNull(testingPlans.endsOn)));
    const [plan] = await tx
      .insert(testingPlans)
      .values({
        enrollmentId: enrollment.id,
        participantId: enrollment.participantId,
        ...changes,
        startsOn: input.startsOn,
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning({ id: testingPlans.id });
    await recordAudit(tx, ctx, {
      action: 'testing.plan.set',
      participantIds: [enrollment.participantId],
      targetType: 'testing_plan',
      targetId: plan!.id,
      details: { method: input.method, testsPerWeek: input.testsPerWeek },
    });
    return { id: plan!.id };
  });
}

/** The plans in effect for a court on a day, with each participant's frequency (the plan's, else their phase's). */
async function plansInEffect(q: Queryable, courtId: string, date: string) {
  return q
    .select({
      plan: testingPlans,
      phaseTestsPerWeek: phases.testsPerWeek,
    })
    .from(testingPlans)
    .innerJoin(enrollments, eq(enrollments.id, testingPlans.enrollmentId))
    .leftJoin(phases, eq(phases.id, enrollments.currentPhaseId))
    .where(
      and(
        eq(enrollments.courtId, courtId),
        eq(enrollments.status, 'active'),
        lte(testingPlans.startsOn, date),
        or(isNull(testingPlans.endsOn), gte(testingPlans.endsOn, date)),
      ),
    );
}

/**
 * The day's draw for a court (made once; asked again, the same draw): the week's seed (drawn at the
 * week's first draw), the pool, the selection, and the tests it makes.
 */
export async function runDraw(options: {
  db: Db;
  ctx: AccessContext | AnonymousAuditContext;
  courtId: string;
  date?: string | undefined;
  now?: Date;
}) {
  const { ctx, courtId } = options;
  if (ctx.actor !== null) requireCourt(ctx as AccessContext, courtId, 'testing.manage');
  const now = options.now ?? new Date();
  return options.db.transaction(async (tx) => {
    const court = await courtOf(tx, courtId);
    const date = options.date ?? todayIn(court.timeZone, now);
    // One draw a court a day, made under a lock so two callers cannot both make it.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tandem-draw:${courtId}`}))`);
    const [existing] = await tx
      .select()
      .from(testingDraws)
      .where(and(eq(testingDraws.courtId, courtId), eq(testingDraws.drawDate, date)));
    if (existing) return { draw: existing, created: 0 };
    const { weekStart } = weekOf(date);
    const weekEnd = new Date(Date.parse(`${weekStart}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const [sameWeek] = await tx
      .select({ seed: testingDraws.seed })
      .from(testingDraws)
      .where(and(eq(testingDraws.courtId, courtId), gte(testingDraws.drawDate, weekStart), lte(testingDraws.drawDate, weekEnd)));
    const seed = sameWeek?.seed ?? randomBytes(32).toString('hex');
    const plans = await plansInEffect(tx, courtId, date);
    const groups = await tx
      .select()
      .from(testingGroups)
      .where(and(eq(testingGroups.courtId, courtId), eq(testingGroups.active, true)));
    const grouped = new Set(plans.filter((p) => p.plan.method === 'group').map((p) => p.plan.groupId));
    const pool: DrawPool = {
      groups: groups.filter((g) => grouped.has(g.id)).map((g) => ({ id: g.id, testsPerWeek: g.testsPerWeek })),
      plans: plans
        .filter((p) => p.plan.method === 'random')
        .map((p) => ({ id: p.plan.id, testsPerWeek: p.plan.testsPerWeek ?? p.phaseTestsPerWeek ?? 2 })),
    };
    const selected = drawDay(seed, date, pool);
    const [holiday] = await tx
      .select()
      .from(courtHolidays)
      .where(and(eq(courtHolidays.courtId, courtId), eq(courtHolidays.on, date)));
    const [draw] = await tx
      .insert(testingDraws)
      .values({
        courtId,
        drawDate: date,
        algorithm: DRAW_ALGORITHM,
        seed,
        pool,
        selectedGroupIds: selected.groupIds,
        selectedPlanIds: selected.planIds,
        holiday: holiday?.name ?? null,
        drawnBy: ctx.actor?.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    const called = plans.filter(
      (p) => selected.planIds.includes(p.plan.id) || (p.plan.groupId !== null && selected.groupIds.includes(p.plan.groupId)),
    );
    if (called.length > 0) {
      const hours = await reportWithinHours(tx, courtId);
      await tx.insert(drugTests).values(
        called.map(({ plan }) => ({
          participantId: plan.participantId,
          enrollmentId: plan.enrollmentId,
          reason: 'random' as const,
          drawId: draw!.id,
          specimenType: plan.specimenType,
          notifiedAt: now,
          reportBy: reportByOf(now, plan.specimenType, hours),
          custodianOrgId: plan.collectorOrgId,
          occurredAt: now,
        })),
      );
      await noteRecordHolders(
        tx,
        called.map(({ plan }) => ({ participantId: plan.participantId, organizationId: plan.collectorOrgId })),
      );
    }
    await recordAudit(tx, ctx, {
      action: 'testing.draw',
      participantIds: [...new Set(called.map((p) => p.plan.participantId))],
      targetType: 'testing_draw',
      targetId: draw!.id,
      details: { date, groups: selected.groupIds.length, plans: selected.planIds.length, tests: called.length },
    });
    return { draw: draw!, created: called.length };
  });
}

/** A draw run again from its stored seed and pool: does it give what was drawn? */
export async function verifyDraw(options: { db: Db; ctx: AccessContext; drawId: string }) {
  const [draw] = await options.db.select().from(testingDraws).where(eq(testingDraws.id, options.drawId));
  if (!draw || !canInCourt(options.ctx.actor, 'testing.monitor', draw.courtId)) throw notFound();
  const again = drawDay(draw.seed, draw.drawDate, draw.pool as DrawPool);
  const same =
    JSON.stringify(again.groupIds) === JSON.stringify([...draw.selectedGroupIds].sort()) &&
    JSON.stringify(again.planIds) === JSON.stringify([...draw.selectedPlanIds].sort());
  return { drawId: draw.id, date: draw.drawDate, algorithm: draw.algorithm, reproduced: same };
}

export async function listDraws(options: { db: Db; ctx: AccessContext; courtId: string; from: string; to: string }) {
  requireCourt(options.ctx, options.courtId, 'testing.monitor');
  const rows = await options.db
    .select({
      d: testingDraws,
      tests: sql<number>`(SELECT count(*)::int FROM drug_tests t WHERE t.draw_id = testing_draws.id)`,
    })
    .from(testingDraws)
    .where(
      and(
        eq(testingDraws.courtId, options.courtId),
        gte(testingDraws.drawDate, options.from),
        lte(testingDraws.drawDate, options.to),
      ),
    )
    .orderBy(asc(testingDraws.drawDate));
  const groupNames = new Map(
    (await options.db.select().from(testingGroups).where(eq(testingGroups.courtId, options.courtId))).map((g) => [g.id, g.name]),
  );
  return {
    items: rows.map(({ d, tests }) => ({
      id: d.id,
      date: d.drawDate,
      groups: d.selectedGroupIds.map((id) => groupNames.get(id) ?? ''),
      individuals: d.selectedPlanIds.length,
      tests,
      holiday: d.holiday,
      drawnAt: d.drawnAt.toISOString(),
    })),
  };
}

/** Which groups are called in today, for a participant checking in (by phone or in person, through staff). */
export async function groupsCalledToday(q: Tx | Db, courtId: string, date: string): Promise<string[]> {
  const [draw] = await q
    .select()
    .from(testingDraws)
    .where(and(eq(testingDraws.courtId, courtId), eq(testingDraws.drawDate, date)));
  if (!draw || draw.selectedGroupIds.length === 0) return [];
  const rows = await q
    .select({ name: testingGroups.name })
    .from(testingGroups)
    .where(inArray(testingGroups.id, draw.selectedGroupIds));
  return rows.map((r) => r.name).sort();
}
