import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { AccessContext } from '../access/access-context.js';
import { enrollmentRowVisibleSql, enrollmentVisibleSql, participantScopeOf, scopeIsEmpty } from '../access/participant-scope.js';
import { organizations } from '../organizations/organizations.tables.js';
import { phases, programs } from '../programs/programs.tables.js';
import { users } from '../users/users.tables.js';
import type { CaseloadItem, CaseloadQuery, Enrollment, EnrollmentStatus, Participant, TeamRole } from './participants.schema.js';
import {
  caseTeamMembers,
  enrollmentPhaseHistory,
  enrollmentStatusHistory,
  enrollments,
  participants,
} from './participants.tables.js';

/*
 * Raw SQL here names the enrollments table without an alias, because the access layer's condition
 * (enrollmentVisibleSql) refers to it by name.
 *
 * Every read of participant data in this module goes through these functions, and each takes the
 * request's access context: what the actor may not see is filtered in SQL, so it is absent from
 * lists and counts and a lookup of it finds nothing.
 */

function escapeLike(value: string): string {
  return value.replaceAll(/[\\%_]/g, (c) => `\\${c}`);
}

const SORTS: Record<CaseloadQuery['sort'], SQL> = {
  name: sql`p.last_name, p.first_name`,
  status: sql`enrollments.status`,
  phase: sql`ph.position`,
  daysInPhase: sql`enrollments.phase_started_on`,
  nextCourtDate: sql`enrollments.next_court_date`,
};

type CaseloadRow = {
  participant_id: string;
  enrollment_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  case_number: string;
  court_name: string;
  program_id: string;
  program_name: string;
  phase_count: number;
  status: EnrollmentStatus;
  phase_name: string | null;
  phase_position: number | null;
  days_in_phase: number | null;
  next_court_date: string | null;
  total: number;
};

/**
 * The caseload's SQL for an actor and a query (null when the actor sees no one). Built separately
 * so the benchmark can run exactly this statement on a bare route.
 */
export function caseloadSql(ctx: AccessContext, query: CaseloadQuery): { page: SQL; count: SQL; offset: number } | null {
  const scope = participantScopeOf(ctx.actor);
  if (scopeIsEmpty(scope)) return null;
  const filters: SQL[] = [enrollmentVisibleSql(scope)];
  if (query.q) {
    const needle = escapeLike(query.q.toLowerCase());
    filters.push(sql`(p.search_name LIKE ${`%${needle}%`} OR lower(enrollments.case_number) LIKE ${`${needle}%`})`);
  }
  if (query.status && query.status.length > 0) filters.push(sql`enrollments.status IN ${query.status}`);
  if (query.programId) filters.push(sql`enrollments.program_id = ${query.programId}`);
  if (query.courtId) filters.push(sql`enrollments.court_id = ${query.courtId}`);
  if (query.mine && ctx.actor.kind === 'user') {
    filters.push(
      sql`EXISTS (SELECT 1 FROM case_team_members t WHERE t.enrollment_id = enrollments.id AND t.user_id = ${ctx.actor.userId} AND t.ended_on IS NULL)`,
    );
  }
  // Days in phase grow as the start date recedes, so that sort runs the other way.
  const flip = query.sort === 'daysInPhase';
  const direction = (query.order === 'desc') !== flip ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
  const offset = (query.page - 1) * query.pageSize;
  const where = sql.join(filters, sql` AND `);
  return {
    offset,
    page: sql`
    SELECT p.id AS participant_id, enrollments.id AS enrollment_id, p.first_name, p.last_name, p.preferred_name,
           enrollments.case_number, o.name AS court_name, enrollments.program_id, pr.name AS program_name, enrollments.status,
           (SELECT count(*)::int FROM phases x WHERE x.program_id = enrollments.program_id AND NOT x.retired) AS phase_count,
           ph.name AS phase_name, ph.position AS phase_position,
           CASE WHEN enrollments.status IN ('active', 'absconded') AND enrollments.phase_started_on IS NOT NULL
                THEN ((now() AT TIME ZONE o.time_zone)::date - enrollments.phase_started_on) END AS days_in_phase,
           enrollments.next_court_date, count(*) OVER () AS total
    FROM enrollments
    JOIN participants p ON p.id = enrollments.participant_id
    JOIN programs pr ON pr.id = enrollments.program_id
    JOIN organizations o ON o.id = enrollments.court_id
    LEFT JOIN phases ph ON ph.id = enrollments.current_phase_id
    WHERE ${where}
    ORDER BY ${SORTS[query.sort]} ${direction}, enrollments.id
    LIMIT ${query.pageSize} OFFSET ${offset}`,
    count: sql`
      SELECT count(*) AS total FROM enrollments JOIN participants p ON p.id = enrollments.participant_id
      WHERE ${where}`,
  };
}

/** The caseload: visible enrollments with their participant, filtered, sorted and paged. */
export async function listCaseload(
  q: Queryable,
  ctx: AccessContext,
  query: CaseloadQuery,
): Promise<{ items: CaseloadItem[]; total: number }> {
  const statement = caseloadSql(ctx, query);
  if (!statement) return { items: [], total: 0 };
  const result = await q.execute<CaseloadRow>(statement.page);
  let total = result.rows[0]?.total ?? 0;
  if (result.rows.length === 0 && statement.offset > 0) {
    const counted = await q.execute<{ total: number }>(statement.count);
    total = counted.rows[0]?.total ?? 0;
  }
  return {
    total,
    items: result.rows.map((row) => ({
      participantId: row.participant_id,
      enrollmentId: row.enrollment_id,
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
      caseNumber: row.case_number,
      courtName: row.court_name,
      programId: row.program_id,
      programName: row.program_name,
      phaseCount: row.phase_count,
      status: row.status,
      phaseName: row.phase_name,
      phasePosition: row.phase_position,
      daysInPhase: row.days_in_phase,
      nextCourtDate: row.next_court_date,
    })),
  };
}

/** The enrollment ids of a participant that the actor may see. */
export async function visibleEnrollmentIds(q: Queryable, ctx: AccessContext, participantId: string): Promise<string[]> {
  const scope = participantScopeOf(ctx.actor);
  if (scopeIsEmpty(scope)) return [];
  const rows = await q
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.participantId, participantId), enrollmentRowVisibleSql(scope)));
  return rows.map((r) => r.id);
}

/** A participant with the enrollments the actor may see; null when none is visible. */
export async function findParticipant(q: Queryable, ctx: AccessContext, participantId: string): Promise<Participant | null> {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) return null;
  const [person] = await q.select().from(participants).where(eq(participants.id, participantId));
  if (!person) return null;
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    preferredName: person.preferredName,
    dateOfBirth: person.dateOfBirth,
    pronouns: person.pronouns,
    language: person.language,
    raceEthnicity: person.raceEthnicity,
    gender: person.gender,
    phone: person.phone,
    email: person.email,
    address: person.address,
    createdAt: person.occurredAt.toISOString(),
    enrollments: await loadEnrollments(q, enrollmentIds),
  };
}

async function loadEnrollments(q: Queryable, enrollmentIds: string[]): Promise<Enrollment[]> {
  const rows = await q
    .select({
      e: enrollments,
      programName: programs.name,
      courtName: organizations.name,
      timeZone: organizations.timeZone,
      phaseName: phases.name,
      phasePosition: phases.position,
      phaseCount: sql<number>`(SELECT count(*) FROM phases x WHERE x.program_id = ${enrollments.programId} AND NOT x.retired)`,
      today: sql<string>`(now() AT TIME ZONE ${organizations.timeZone})::date::text`,
    })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(organizations, eq(organizations.id, enrollments.courtId))
    .leftJoin(phases, eq(phases.id, enrollments.currentPhaseId))
    .where(inArray(enrollments.id, enrollmentIds))
    .orderBy(sql`${enrollments.referredOn} DESC`);
  const team = await q
    .select({
      id: caseTeamMembers.id,
      enrollmentId: caseTeamMembers.enrollmentId,
      userId: caseTeamMembers.userId,
      displayName: users.displayName,
      email: users.email,
      role: caseTeamMembers.role,
      organizationId: caseTeamMembers.organizationId,
      organizationName: organizations.name,
      assignedOn: caseTeamMembers.assignedOn,
      endedOn: caseTeamMembers.endedOn,
    })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .innerJoin(organizations, eq(organizations.id, caseTeamMembers.organizationId))
    .where(inArray(caseTeamMembers.enrollmentId, enrollmentIds))
    .orderBy(asc(caseTeamMembers.role), asc(users.displayName));
  const statusHistory = await q
    .select({ h: enrollmentStatusHistory, enteredByName: users.displayName })
    .from(enrollmentStatusHistory)
    .leftJoin(users, eq(users.id, enrollmentStatusHistory.enteredBy))
    .where(inArray(enrollmentStatusHistory.enrollmentId, enrollmentIds))
    .orderBy(sql`${enrollmentStatusHistory.effectiveOn} DESC, ${enrollmentStatusHistory.enteredAt} DESC`);
  const phaseHistory = await q
    .select({ h: enrollmentPhaseHistory, phaseName: phases.name, position: phases.position, enteredByName: users.displayName })
    .from(enrollmentPhaseHistory)
    .innerJoin(phases, eq(phases.id, enrollmentPhaseHistory.phaseId))
    .leftJoin(users, eq(users.id, enrollmentPhaseHistory.enteredBy))
    .where(inArray(enrollmentPhaseHistory.enrollmentId, enrollmentIds))
    .orderBy(sql`${enrollmentPhaseHistory.startedOn} DESC, ${enrollmentPhaseHistory.enteredAt} DESC`);

  return rows.map(({ e, ...row }) => {
    const inProgram = e.status === 'active' || e.status === 'absconded';
    return {
      id: e.id,
      programId: e.programId,
      programName: row.programName,
      courtId: e.courtId,
      courtName: row.courtName,
      caseNumber: e.caseNumber,
      referralSource: e.referralSource,
      referredOn: e.referredOn,
      status: e.status,
      statusSince: e.statusSince,
      phase:
        e.currentPhaseId && row.phaseName !== null && row.phasePosition !== null
          ? { id: e.currentPhaseId, name: row.phaseName, position: row.phasePosition, of: Number(row.phaseCount) }
          : null,
      phaseStartedOn: e.phaseStartedOn,
      daysInPhase:
        inProgram && e.phaseStartedOn ? Math.round((Date.parse(row.today) - Date.parse(e.phaseStartedOn)) / 86_400_000) : null,
      nextCourtDate: e.nextCourtDate,
      team: team
        .filter((m) => m.enrollmentId === e.id)
        .map(({ enrollmentId: _e, ...member }) => ({ ...member, role: member.role as TeamRole })),
      statusHistory: statusHistory
        .filter((s) => s.h.enrollmentId === e.id)
        .map((s) => ({
          id: s.h.id,
          fromStatus: s.h.fromStatus,
          toStatus: s.h.toStatus,
          effectiveOn: s.h.effectiveOn,
          reason: s.h.reason,
          enteredAt: s.h.enteredAt.toISOString(),
          enteredByName: s.enteredByName,
        })),
      phaseHistory: phaseHistory
        .filter((p) => p.h.enrollmentId === e.id)
        .map((p) => ({
          id: p.h.id,
          phaseId: p.h.phaseId,
          phaseName: p.phaseName,
          position: p.position,
          startedOn: p.h.startedOn,
          endedOn: p.h.endedOn,
          reason: p.h.reason,
          enteredAt: p.h.enteredAt.toISOString(),
          enteredByName: p.enteredByName,
        })),
    };
  });
}

export type EnrollmentForWrite = typeof enrollments.$inferSelect & { timeZone: string };

/** A visible enrollment, locked for a change in this transaction; null when not visible. */
export async function findEnrollmentForWrite(
  q: Queryable,
  ctx: AccessContext,
  enrollmentId: string,
): Promise<EnrollmentForWrite | null> {
  const scope = participantScopeOf(ctx.actor);
  if (scopeIsEmpty(scope)) return null;
  const [row] = await q
    .select({ e: enrollments, timeZone: organizations.timeZone })
    .from(enrollments)
    .innerJoin(organizations, eq(organizations.id, enrollments.courtId))
    .where(and(eq(enrollments.id, enrollmentId), enrollmentRowVisibleSql(scope)))
    .for('update', { of: enrollments });
  return row ? { ...row.e, timeZone: row.timeZone } : null;
}

/** The courts of a participant's visible enrollments (to decide who may edit the identity). */
export async function visibleCourtsOfParticipant(q: Queryable, ctx: AccessContext, participantId: string): Promise<string[]> {
  const scope = participantScopeOf(ctx.actor);
  if (scopeIsEmpty(scope)) return [];
  const rows = await q
    .selectDistinct({ courtId: enrollments.courtId })
    .from(enrollments)
    .where(and(eq(enrollments.participantId, participantId), enrollmentRowVisibleSql(scope)));
  return rows.map((r) => r.courtId);
}
