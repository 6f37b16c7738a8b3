import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { agreementConditions, agreements } from '../agreements/agreements.tables.js';
import { attendanceEvents } from '../attendance/attendance.tables.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { type DisclosureChannel, DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { valuesSeenBy } from '../instruments/instrument-catalog.js';
import { CLINICAL_ROLES } from '../instruments/instruments.schema.js';
import { instrumentResponses } from '../instruments/instruments.tables.js';
import { organizations } from '../organizations/organizations.tables.js';
import { type CaseRole, caseRolesOf } from '../participants/case-roles.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { enrollments } from '../participants/participants.tables.js';
import { countableFindings } from '../testing/interpret-test.js';
import { visibleTests } from '../testing/read-tests.js';
import { useReports } from '../testing/testing.tables.js';
import type { Locale } from '../users/users.schema.js';
import { users } from '../users/users.tables.js';
import { type AlignCondition, alignGoals } from './align-goals.js';
import { evaluateIndicator } from './evaluate-indicator.js';
import { GOAL_OWNERS, GOAL_ROLES, type GoalOwner } from './goal-kinds.js';
import type { Goal, GoalsOverview } from './goals.schema.js';
import { alignmentDecisions, goalEvents, goals, planSteps, treatmentPlans } from './goals.tables.js';

/*
 * A participant's goals, alignment, plan and latest instrument scores, as one reader may see them.
 * Every goal, plan, decision and instrument response is a record the disclosure policy decides on
 * (the treatment program's are Part 2); the indicators and the days without use are read from the
 * tests, attendance and use reports this reader may see, so a reading never tells of a record they
 * could not open; the alignment view is made from the goals and conditions they see, and the court
 * side is shown its court-relevant findings. The read is accounted and audited.
 */

const DAY = 86_400_000;
/** Days of tests and use reports read for the days without use (the alignment view needs to know of 30). */
const READING_DAYS = 90;
/** Test outcomes that carry a result an indicator can read (not missed, refused, dilute, invalid or pending). */
const RESULT_OUTCOMES = new Set(['negative', 'positive_unauthorized', 'positive_authorized']);

type Custodian = { custodianOrgId: string; part2: boolean | null; dataClass: DisclosureRecord['dataClass'] };
const recordOf = (participantId: string, r: Custodian & { occurredAt: Date; enteredBy: string | null }): DisclosureRecord => ({
  participantId,
  custodianOrgId: r.custodianOrgId,
  custodianIsPart2: r.part2 ?? undefined,
  dataClass: r.dataClass,
  occurredAt: r.occurredAt,
  enteredBy: r.enteredBy,
});

const holds = (roles: readonly CaseRole[], allowed: readonly TeamRole[], organizationId: string) =>
  roles.some((r) => allowed.includes(r.role) && r.organizationId === organizationId);

/** The agreement in effect on each case: the acknowledged version, else the latest draft. */
async function conditionsInEffect(q: Queryable, participantId: string, enrollmentIds: string[], locale: Locale) {
  const versions = await q
    .selectDistinctOn([agreements.enrollmentId], { id: agreements.id, version: agreements.version })
    .from(agreements)
    .where(
      and(
        eq(agreements.participantId, participantId),
        inArray(agreements.enrollmentId, enrollmentIds),
        sql`${agreements.status} <> 'superseded'`,
      ),
    )
    .orderBy(agreements.enrollmentId, sql`${agreements.status} = 'acknowledged' DESC`, desc(agreements.version));
  if (versions.length === 0) return [];
  const rows = await q
    .select()
    .from(agreementConditions)
    .where(
      inArray(
        agreementConditions.agreementId,
        versions.map((v) => v.id),
      ),
    )
    .orderBy(asc(agreementConditions.position));
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind,
    wording: c.wording[locale] ?? c.wording.en ?? c.wording.es ?? '',
    sanctioned: c.sanctioned,
    substances: c.substances ?? null,
    agreementVersion: versionOf.get(c.agreementId)!,
  }));
}

export async function readGoalsOverview<Result = GoalsOverview>(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  locale: Locale;
  /** The overview drawn as the printed plan: an export, accounted for what the plan shows. */
  plan?: { render: (overview: GoalsOverview) => Promise<Result> };
}): Promise<Result> {
  const { ctx, participantId, locale } = options;
  const channel: DisclosureChannel = options.plan ? 'export' : 'screen';
  return options.db.transaction(async (tx) => {
    const enrollmentIds = await visibleEnrollmentIds(tx, ctx, participantId);
    if (enrollmentIds.length === 0) throw notFound();
    const policy = DisclosurePolicy.for(ctx);
    const visibleIn = <T extends { enrollmentId: string }>(rows: T[]) =>
      rows.filter((r) => enrollmentIds.includes(r.enrollmentId));
    // One connection runs one statement at a time: the reads go in turn.
    const goalRows = await tx
      .select({
        g: goals,
        custodianName: organizations.name,
        part2: organizations.part2Program,
        enteredByName: users.displayName,
      })
      .from(goals)
      .leftJoin(organizations, eq(organizations.id, goals.custodianOrgId))
      .leftJoin(users, eq(users.id, goals.enteredBy))
      .where(eq(goals.participantId, participantId))
      .orderBy(asc(goals.occurredAt), asc(goals.id));
    const planRows = await tx
      .select({ p: treatmentPlans, custodianName: organizations.name, part2: organizations.part2Program })
      .from(treatmentPlans)
      .leftJoin(organizations, eq(organizations.id, treatmentPlans.custodianOrgId))
      .where(eq(treatmentPlans.participantId, participantId));
    const decisionRows = await tx
      .select({ d: alignmentDecisions, part2: organizations.part2Program, byName: users.displayName })
      .from(alignmentDecisions)
      .leftJoin(organizations, eq(organizations.id, alignmentDecisions.custodianOrgId))
      .leftJoin(users, eq(users.id, alignmentDecisions.enteredBy))
      .where(eq(alignmentDecisions.participantId, participantId))
      .orderBy(desc(alignmentDecisions.enteredAt));
    const responseRows = await tx
      .select({ r: instrumentResponses, part2: organizations.part2Program })
      .from(instrumentResponses)
      .leftJoin(organizations, eq(organizations.id, instrumentResponses.custodianOrgId))
      .where(eq(instrumentResponses.participantId, participantId))
      .orderBy(desc(instrumentResponses.completedOn), desc(instrumentResponses.enteredAt));
    const attendanceRows = await tx
      .select({
        id: attendanceEvents.id,
        enrollmentId: attendanceEvents.enrollmentId,
        kind: attendanceEvents.kind,
        outcome: attendanceEvents.outcome,
        occurredAt: attendanceEvents.occurredAt,
        enteredBy: attendanceEvents.enteredBy,
        custodianOrgId: attendanceEvents.custodianOrgId,
        dataClass: attendanceEvents.dataClass,
        part2: organizations.part2Program,
      })
      .from(attendanceEvents)
      .leftJoin(organizations, eq(organizations.id, attendanceEvents.custodianOrgId))
      .where(
        and(eq(attendanceEvents.participantId, participantId), sql`${attendanceEvents.occurredAt} > now() - interval '8 days'`),
      );
    const useRows = await tx
      .select({
        id: useReports.id,
        enrollmentId: useReports.enrollmentId,
        usedFrom: useReports.usedFrom,
        usedTo: useReports.usedTo,
        occurredAt: useReports.occurredAt,
        enteredBy: useReports.enteredBy,
        custodianOrgId: useReports.custodianOrgId,
        dataClass: useReports.dataClass,
        part2: organizations.part2Program,
      })
      .from(useReports)
      .leftJoin(organizations, eq(organizations.id, useReports.custodianOrgId))
      .where(
        and(
          eq(useReports.participantId, participantId),
          sql`coalesce(${useReports.usedTo}, ${useReports.usedFrom}) >= (now() - make_interval(days => ${READING_DAYS}))::date`,
        ),
      )
      .orderBy(desc(useReports.usedFrom));
    const conditions = await conditionsInEffect(tx, participantId, enrollmentIds, locale);
    const courts = await tx
      .select({ id: enrollments.id, courtId: enrollments.courtId })
      .from(enrollments)
      .where(inArray(enrollments.id, enrollmentIds));
    const goalCandidates = visibleIn(
      goalRows.map((r) => ({
        ...r,
        enrollmentId: r.g.enrollmentId,
        record: recordOf(participantId, { ...r.g, part2: r.part2 }),
      })),
    );
    const planCandidates = visibleIn(
      planRows.map((r) => ({
        ...r,
        enrollmentId: r.p.enrollmentId,
        record: recordOf(participantId, { ...r.p, part2: r.part2 }),
      })),
    );
    const decisionCandidates = visibleIn(
      decisionRows.map((r) => ({
        ...r,
        enrollmentId: r.d.enrollmentId,
        record: recordOf(participantId, { ...r.d, part2: r.part2 }),
      })),
    );
    const responseCandidates = visibleIn(
      responseRows.map((r) => ({
        ...r,
        enrollmentId: r.r.enrollmentId,
        record: recordOf(participantId, { ...r.r, part2: r.part2 }),
      })),
    );
    const attendanceCandidates = visibleIn(attendanceRows.map((r) => ({ ...r, record: recordOf(participantId, r) })));
    const useCandidates = visibleIn(useRows.map((r) => ({ ...r, record: recordOf(participantId, r) })));
    await policy.prepare(tx, [
      ...goalCandidates.map((c) => c.record),
      ...planCandidates.map((c) => c.record),
      ...decisionCandidates.map((c) => c.record),
      ...responseCandidates.map((c) => c.record),
      ...attendanceCandidates.map((c) => c.record),
      ...useCandidates.map((c) => c.record),
    ]);
    const permitted = <T extends { record: DisclosureRecord }>(items: T[]) => items.filter((i) => policy.decide(i.record).permit);
    const shownGoals = permitted(goalCandidates);
    const shownPlans = permitted(planCandidates);
    const shownDecisions = permitted(decisionCandidates);
    const shownResponses = permitted(responseCandidates);
    const shownAttendance = permitted(attendanceCandidates);
    const shownUse = permitted(useCandidates);
    // Monitoring is read over a window: the longest indicator's, and at least READING_DAYS for the days without use.
    const windowDays = Math.max(
      READING_DAYS,
      ...goalRows.flatMap((r) => r.g.indicators.map((i) => (i.kind === 'no_positive_tests' ? i.days : 0))),
    );
    const since = new Date(Date.now() - windowDays * DAY);
    const tests = await visibleTests(tx, ctx, participantId, { policy, since, results: false, enrollmentIds });

    const goalIds = shownGoals.map((g) => g.g.id);
    const events =
      goalIds.length === 0
        ? []
        : await tx
            .select({ e: goalEvents, byName: users.displayName })
            .from(goalEvents)
            .leftJoin(users, eq(users.id, goalEvents.enteredBy))
            .where(inArray(goalEvents.goalId, goalIds))
            .orderBy(asc(goalEvents.enteredAt), asc(goalEvents.id));
    const steps =
      goalIds.length === 0
        ? []
        : await tx
            .select()
            .from(planSteps)
            .where(inArray(planSteps.goalId, goalIds))
            .orderBy(asc(planSteps.enteredAt), asc(planSteps.id));

    // What monitoring tells, as this reader may see it.
    const now = new Date();
    const resulted = (tests?.shown ?? []).filter((s) => RESULT_OUTCOMES.has(s.interpretation.outcome));
    const testAt = (s: (typeof resulted)[number]) => s.row.collectedAt ?? s.row.occurredAt;
    const testFacts = resulted.map((s) => ({
      shown: s,
      at: testAt(s),
      tested: [...new Set(s.interpretation.findings.map((f) => f.group))],
      unauthorized: countableFindings(s.interpretation).map((f) => ({ group: f.group, presumptive: f.presumptive })),
    }));
    const lastTestUse = testFacts.find((f) => f.unauthorized.length > 0)?.shown;
    const lastReported = shownUse[0];
    const testUseAt = lastTestUse ? testAt(lastTestUse).getTime() : 0;
    const reportedAt = lastReported ? Date.parse(`${lastReported.usedTo ?? lastReported.usedFrom}T12:00:00Z`) : 0;
    const firstTest = resulted.at(-1);
    // The days without use, and the one record they rest on (disclosed with them): since the last use
    // known in the window, or — none known — at least since the earliest test in it.
    const basis =
      testUseAt > 0 && testUseAt >= reportedAt
        ? { at: testUseAt, test: lastTestUse, atLeast: false }
        : reportedAt > 0
          ? { at: reportedAt, report: lastReported, atLeast: false }
          : firstTest
            ? { at: testAt(firstTest).getTime(), test: firstTest, atLeast: true }
            : null;
    const daysWithoutUse = basis ? Math.max(0, Math.floor((now.getTime() - basis.at) / DAY)) : null;

    // Who the reader is on each case.
    const rolesByEnrollment = new Map<string, CaseRole[]>();
    for (const c of courts) rolesByEnrollment.set(c.id, await caseRolesOf(tx, ctx, c));
    const roles = [...rolesByEnrollment.values()].flat();
    const treatmentSide = roles.some((r) => r.part2);

    // The tests and events each indicator reading comes from, to be disclosed with it.
    const readTests = new Set<(typeof resulted)[number]>();
    const readAttendance = new Set<(typeof shownAttendance)[number]>();
    const attendanceFacts = shownAttendance.map((a) => ({ shown: a, at: a.occurredAt, kind: a.kind, outcome: a.outcome }));
    const read = (indicator: Goal['indicators'][number] | (typeof goalRows)[number]['g']['indicators'][number]) => {
      if (indicator.kind === 'no_positive_tests') {
        const from = now.getTime() - indicator.days * DAY;
        const relevant = (g: string) => indicator.substances === 'all' || (indicator.substances as string[]).includes(g);
        for (const f of testFacts) if (f.at.getTime() >= from && f.at <= now && f.tested.some(relevant)) readTests.add(f.shown);
      } else if (indicator.kind === 'attendance_per_week') {
        const from = now.getTime() - 7 * DAY;
        for (const a of attendanceFacts) {
          if (a.at.getTime() >= from && a.at <= now && (indicator.eventKinds === 'all' || indicator.eventKinds.includes(a.kind)))
            readAttendance.add(a.shown);
        }
      }
    };
    const goalsOut: Goal[] = shownGoals.map(({ g, custodianName, part2, enteredByName }) => {
      const history = events.filter((e) => e.e.goalId === g.id);
      return {
        id: g.id,
        enrollmentId: g.enrollmentId,
        owner: g.owner,
        words: g.words,
        language: g.language as Locale,
        spectrum: g.spectrum,
        substances: g.substances ?? null,
        lifeArea: g.lifeArea,
        difficulty: g.difficulty,
        status: g.status,
        targetOn: g.targetOn,
        indicators: g.indicators.map((indicator, index) => {
          const observed = history.filter((e) => e.e.kind === 'observed' && e.e.indicator === index).at(-1);
          read(indicator);
          const { kind: _kind, ...reading } = evaluateIndicator(indicator, {
            now,
            tests: testFacts,
            attendance: attendanceFacts,
            observed: observed ? { met: observed.e.met ?? false, on: observed.e.observedOn ?? '' } : null,
          });
          return { ...indicator, reading };
        }),
        templateId: g.templateId,
        custodianName: custodianName ?? '',
        part2: part2 ?? true,
        canEdit: holds(rolesByEnrollment.get(g.enrollmentId) ?? [], GOAL_ROLES[g.owner], g.custodianOrgId),
        createdAt: g.enteredAt.toISOString(),
        enteredByName,
        history: history.map(({ e, byName }) => ({
          kind: e.kind,
          difficulty: e.difficulty,
          status: e.status,
          note: e.note,
          indicator: e.indicator,
          met: e.met,
          observedOn: e.observedOn,
          at: e.enteredAt.toISOString(),
          byName,
        })),
        steps: steps
          .filter((s) => s.goalId === g.id)
          .map((s) => ({
            id: s.id,
            action: s.action,
            actor: s.actor,
            actorName: s.actorName,
            dueOn: s.dueOn,
            status: s.status,
            doneOn: s.doneOn,
          })),
      };
    });

    const alignCondition = (c: (typeof conditions)[number]): AlignCondition => ({
      id: c.id,
      kind: c.kind,
      substances: c.substances,
      sanctioned: c.sanctioned,
    });
    const alignment = alignGoals({ goals: goalsOut, conditions: conditions.map(alignCondition), facts: { daysWithoutUse } });
    const decisionOf = new Map<string, (typeof shownDecisions)[number]>();
    for (const d of shownDecisions) if (!decisionOf.has(d.d.findingKey)) decisionOf.set(d.d.findingKey, d);
    const findings = alignment.findings
      .filter((f) => treatmentSide || f.courtRelevant)
      .map((f) => {
        const d = decisionOf.get(f.key);
        return {
          ...f,
          decision: d ? { choice: d.d.choice, note: d.d.note, at: d.d.enteredAt.toISOString(), byName: d.byName } : null,
        };
      });

    // The latest response of each instrument the reader may see.
    const latest = new Map<string, (typeof shownResponses)[number]>();
    for (const r of shownResponses) if (!latest.has(r.r.instrument)) latest.set(r.r.instrument, r);
    const latestScores = [...latest.values()].map(({ r }) => {
      const clinician = holds(rolesByEnrollment.get(r.enrollmentId) ?? [], CLINICAL_ROLES, r.custodianOrgId);
      return {
        instrument: r.instrument,
        completedOn: r.completedOn,
        total: r.score?.total ?? null,
        band: r.score?.band ?? null,
        values: valuesSeenBy(r.instrument, r.score?.values ?? {}, clinician),
        externalResult: r.externalResult,
        safetyOpen: r.safetyPrompt === 'open' && clinician,
      };
    });

    // What was disclosed: what the answer shows, and the records its readings come from. The printed
    // plan shows goals (with their readings and steps), plans, the agreement and the latest BARC-10.
    policy.disclose(shownGoals, (g) => g.record);
    policy.disclose(shownPlans, (p) => p.record);
    policy.disclose([...readTests], (t) => t.record);
    policy.disclose([...readAttendance], (a) => a.record);
    if (options.plan) {
      // The printed plan shows the latest BARC-10 of the instruments.
      policy.disclose(
        [...latest.values()].filter((r) => r.r.instrument === 'barc10'),
        (r) => r.record,
      );
    } else {
      policy.disclose(
        shownDecisions.filter((d) => decisionOf.get(d.d.findingKey) === d && findings.some((f) => f.key === d.d.findingKey)),
        (d) => d.record,
      );
      policy.disclose([...latest.values()], (r) => r.record);
      if (basis?.test) policy.disclose([basis.test], (t) => t.record);
      if (basis?.report) policy.disclose([basis.report], (u) => u.record);
    }
    const record = () =>
      recordRead(tx, ctx, policy, channel, {
        action: channel === 'export' ? 'participant.plan.export' : 'participant.goals.read',
        participantIds: [participantId],
        targetType: 'participant',
        targetId: participantId,
        details: { goals: goalsOut.length, findings: findings.length, plans: shownPlans.length, scores: latestScores.length },
      });
    const mayAdd = GOAL_OWNERS.filter((owner: GoalOwner) => roles.some((r) => GOAL_ROLES[owner].includes(r.role)));
    const overview: GoalsOverview = {
      participantId,
      goals: goalsOut,
      alignment: {
        version: alignment.version,
        daysWithoutUse,
        daysWithoutUseAtLeast: basis?.atLeast ?? false,
        areas: alignment.areas,
        conditions: conditions.map(({ substances: _s, ...c }) => c),
        findings,
      },
      plans: shownPlans.map(({ p, custodianName }) => ({
        id: p.id,
        enrollmentId: p.enrollmentId,
        skills: p.skills,
        supports: p.supports,
        reviewOn: p.reviewOn,
        custodianName: custodianName ?? '',
        canEdit: holds(rolesByEnrollment.get(p.enrollmentId) ?? [], ['treatment_provider', 'case_manager'], p.custodianOrgId),
        updatedAt: p.updatedAt.toISOString(),
      })),
      latestScores,
      mayAdd,
      redisclosureNotice: policy.disclosing,
    };
    // The printed plan is drawn before its export is accounted: a plan that cannot be drawn was never disclosed.
    const result = options.plan ? await options.plan.render(overview) : overview;
    await record();
    return result as Result;
  });
}
