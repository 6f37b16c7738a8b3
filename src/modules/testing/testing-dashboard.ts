import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { organizations } from '../organizations/organizations.tables.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { phases } from '../programs/programs.tables.js';
import { weekOf } from './draw-tests.js';
import { courtHolidays, drugTests, testingDraws, testingPlans } from './testing.tables.js';

/*
 * The court's testing dashboard. What the court ordered — the daily draws: who was called in, on
 * which days — is the court's own record, and the standards' figures are read from it: each
 * participant tested at least twice in every week (until the last phase), and weekends and holidays
 * drawn as often as other days. What happened to each test — collected, missed, the result — is the
 * collecting organization's record: a treatment program's test reaches the court's list only as the
 * participant's consent allows, and is then accounted.
 */

const RESULT_DUE_HOURS = 48;
const DAY = 86_400_000;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export async function readTestingDashboard(options: {
  db: Db;
  ctx: AccessContext;
  courtId: string;
  from?: string | undefined;
  to?: string | undefined;
}) {
  const { ctx, courtId } = options;
  if (!canInCourt(ctx.actor, 'testing.monitor', courtId)) throw new AppError('forbidden', 'errors.testing_manage');
  return options.db.transaction(async (tx) => {
    const [court] = await tx.select().from(organizations).where(eq(organizations.id, courtId));
    if (court?.kind !== 'court') throw notFound();
    const now = new Date();
    const today = todayIn(court.timeZone, now);
    const to = options.to ?? today;
    const from = options.from ?? addDays(to, -27);
    if (from > to)
      throw new AppError('validation', 'errors.range_order', { fields: [{ path: 'from', message: 'errors.range_order' }] });

    // What the court ordered: its draws over the range.
    const draws = await tx
      .select()
      .from(testingDraws)
      .where(and(eq(testingDraws.courtId, courtId), gte(testingDraws.drawDate, from), lte(testingDraws.drawDate, to)));
    const plans = await tx
      .select({
        plan: testingPlans,
        lastPhase: sql<boolean>`${phases.position} = (SELECT max(x.position) FROM phases x WHERE x.program_id = ${phases.programId} AND NOT x.retired)`,
      })
      .from(testingPlans)
      .innerJoin(enrollments, eq(enrollments.id, testingPlans.enrollmentId))
      .leftJoin(phases, eq(phases.id, enrollments.currentPhaseId))
      .where(and(eq(enrollments.courtId, courtId), eq(enrollments.status, 'active')));
    const holidays = await tx
      .select()
      .from(courtHolidays)
      .where(and(eq(courtHolidays.courtId, courtId), gte(courtHolidays.on, from), lte(courtHolidays.on, to)));
    const holidayDays = new Set(holidays.map((h) => h.on));
    const weekendOrHoliday = (date: string) => weekOf(date).day >= 5 || holidayDays.has(date);

    // Called per plan, per day (a plan is called on its own or with its group).
    const calls = new Map<string, string[]>();
    for (const d of draws) {
      for (const { plan } of plans) {
        if (plan.startsOn > d.drawDate || (plan.endsOn !== null && plan.endsOn < d.drawDate)) continue;
        if (d.selectedPlanIds.includes(plan.id) || (plan.groupId !== null && d.selectedGroupIds.includes(plan.groupId))) {
          calls.set(plan.enrollmentId, [...(calls.get(plan.enrollmentId) ?? []), d.drawDate]);
        }
      }
    }
    // At least twice in every whole week of the range, for participants before their last phase.
    const weeks: string[] = [];
    for (let monday = weekOf(from).weekStart; addDays(monday, 6) <= to; monday = addDays(monday, 7)) {
      if (monday >= from) weeks.push(monday);
    }
    let participantWeeks = 0;
    let compliantWeeks = 0;
    for (const { plan, lastPhase } of plans) {
      if (lastPhase) continue;
      for (const monday of weeks) {
        if (plan.startsOn > monday || (plan.endsOn !== null && plan.endsOn < addDays(monday, 6))) continue;
        participantWeeks += 1;
        const count = (calls.get(plan.enrollmentId) ?? []).filter((d) => d >= monday && d <= addDays(monday, 6)).length;
        if (count >= 2) compliantWeeks += 1;
      }
    }
    const allCalls = [...calls.values()].flat();
    let days = 0;
    let offDays = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      days += 1;
      if (weekendOrHoliday(d)) offDays += 1;
    }

    // What happened to each test: the collector's record, as the consent rules allow.
    const rows = await tx
      .select({
        t: drugTests,
        part2: organizations.part2Program,
        first: participants.firstName,
        last: participants.lastName,
        preferred: participants.preferredName,
        caseNumber: enrollments.caseNumber,
      })
      .from(drugTests)
      .innerJoin(enrollments, eq(enrollments.id, drugTests.enrollmentId))
      .innerJoin(participants, eq(participants.id, drugTests.participantId))
      .leftJoin(organizations, eq(organizations.id, drugTests.custodianOrgId))
      .where(
        and(
          eq(enrollments.courtId, courtId),
          gte(drugTests.occurredAt, new Date(`${addDays(from, -1)}T00:00:00Z`)),
          inArray(enrollments.status, ['active', 'absconded']),
        ),
      );
    const policy = DisclosurePolicy.for(ctx);
    const withRecords = rows.map((r) => ({
      ...r,
      record: {
        participantId: r.t.participantId,
        custodianOrgId: r.t.custodianOrgId,
        custodianIsPart2: r.part2 ?? undefined,
        dataClass: r.t.dataClass,
        occurredAt: r.t.occurredAt,
        enteredBy: r.t.enteredBy,
      } satisfies DisclosureRecord,
    }));
    const visible = await policy.visible(tx, withRecords, (r) => r.record);
    const person = (r: (typeof visible)[number]) => ({
      participantId: r.t.participantId,
      name: `${r.preferred ?? r.first} ${r.last}`,
      caseNumber: r.caseNumber,
    });
    const localDay = (d: Date) => todayIn(court.timeZone, d);
    const dueToday = visible
      .filter((r) => r.t.notifiedAt && localDay(r.t.notifiedAt) === today)
      .map((r) => ({
        testId: r.t.id,
        ...person(r),
        specimenType: r.t.specimenType,
        reportBy: r.t.reportBy?.toISOString() ?? null,
        collection: r.t.collection,
      }));
    const overdueResults = visible
      .filter(
        (r) =>
          r.t.collection === 'collected' &&
          r.t.collectedAt !== null &&
          ((r.t.firstResultAt === null && now.getTime() - r.t.collectedAt.getTime() > RESULT_DUE_HOURS * 3_600_000) ||
            (r.t.confirmationRequestedAt !== null &&
              r.t.outcome !== 'negative' &&
              r.t.presumptive &&
              now.getTime() - r.t.confirmationRequestedAt.getTime() > RESULT_DUE_HOURS * 3_600_000)),
      )
      .map((r) => ({
        testId: r.t.id,
        ...person(r),
        collectedAt: r.t.collectedAt!.toISOString(),
        waiting: r.t.firstResultAt === null ? ('result' as const) : ('confirmation' as const),
        hoursWaiting: Math.floor(
          (now.getTime() - (r.t.firstResultAt === null ? r.t.collectedAt! : r.t.confirmationRequestedAt!).getTime()) / 3_600_000,
        ),
      }));
    const missed = visible
      .filter((r) => localDay(r.t.occurredAt) >= from && localDay(r.t.occurredAt) <= to)
      .filter(
        (r) =>
          r.t.collection === 'missed' ||
          r.t.collection === 'refused' ||
          r.t.collection === 'unable_to_provide' ||
          (r.t.collection === 'scheduled' && r.t.reportBy !== null && r.t.reportBy < now),
      )
      .map((r) => ({
        testId: r.t.id,
        ...person(r),
        date: localDay(r.t.notifiedAt ?? r.t.occurredAt),
        what:
          r.t.collection === 'scheduled' || r.t.collection === 'collected'
            ? ('not_collected_by_deadline' as const)
            : r.t.collection,
      }));
    const listed = new Set([...dueToday, ...overdueResults, ...missed].map((x) => x.testId));
    policy.disclose(
      visible.filter((r) => listed.has(r.t.id)),
      (r) => r.record,
    );
    const disclosureIds = await recordRead(tx, ctx, policy, 'screen', {
      action: 'testing.dashboard.read',
      participantIds: [...new Set(visible.filter((r) => listed.has(r.t.id)).map((r) => r.t.participantId))],
      targetType: 'court',
      targetId: courtId,
      details: { from, to, listed: listed.size },
    });
    return {
      courtId,
      from,
      to,
      today,
      dueToday,
      overdueResults,
      missed,
      compliance: {
        weeks: weeks.length,
        participantWeeks,
        compliantWeeks,
        share: participantWeeks === 0 ? null : compliantWeeks / participantWeeks,
      },
      parity: {
        tests: allCalls.length,
        weekendOrHolidayTests: allCalls.filter(weekendOrHoliday).length,
        share: allCalls.length === 0 ? null : allCalls.filter(weekendOrHoliday).length / allCalls.length,
        expectedShare: days === 0 ? null : offDays / days,
        holidays: holidays.map((h) => ({ on: h.on, name: h.name })),
      },
      redisclosureNotice: disclosureIds.length > 0,
    };
  });
}
