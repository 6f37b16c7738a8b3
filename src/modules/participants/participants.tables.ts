import { type SQL, sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { organizations } from '../organizations/organizations.tables.js';
import { phases, programs } from '../programs/programs.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import { ENROLLMENT_STATUSES, TEAM_ROLES } from './participants.schema.js';

/** A participant's minimal identity; demographics are self-described, for equity reporting. */
export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth'),
    pronouns: text('pronouns'),
    language: text('language').notNull().default('en'),
    raceEthnicity: text('race_ethnicity').array().notNull().default(sql`'{}'`),
    gender: text('gender'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** Lower-case names for search (trigram index). */
    searchName: text('search_name').generatedAlwaysAs(
      (): SQL =>
        sql`lower(${participants.firstName} || ' ' || ${participants.lastName} || ' ' || coalesce(${participants.preferredName}, ''))`,
    ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('identity'),
  },
  (t) => [index('participants_search_idx').using('gin', sql`${t.searchName} gin_trgm_ops`)],
);

/** A participant's enrollment in a court program: one case. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    /** The program's court, kept here because every access decision starts from it. */
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    caseNumber: text('case_number').notNull(),
    referralSource: text('referral_source'),
    referredOn: date('referred_on').notNull(),
    status: text('status', { enum: ENROLLMENT_STATUSES }).notNull(),
    statusSince: date('status_since').notNull(),
    currentPhaseId: uuid('current_phase_id').references(() => phases.id),
    phaseStartedOn: date('phase_started_on'),
    nextCourtDate: date('next_court_date'),
    ...recordColumns('enrollment'),
  },
  (t) => [
    uniqueIndex('enrollments_case_number_idx').on(t.courtId, t.caseNumber),
    index('enrollments_participant_idx').on(t.participantId),
    index('enrollments_court_status_idx').on(t.courtId, t.status),
    index('enrollments_program_idx').on(t.programId),
    check('enrollments_status_check', sql`${t.status} IN (${inList(ENROLLMENT_STATUSES)})`),
  ],
);

export const enrollmentStatusHistory = pgTable(
  'enrollment_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    fromStatus: text('from_status', { enum: ENROLLMENT_STATUSES }),
    toStatus: text('to_status', { enum: ENROLLMENT_STATUSES }).notNull(),
    effectiveOn: date('effective_on').notNull(),
    reason: text('reason').notNull(),
    ...recordColumns('program_status'),
  },
  (t) => [index('status_history_enrollment_idx').on(t.enrollmentId)],
);

export const enrollmentPhaseHistory = pgTable(
  'enrollment_phase_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    phaseId: uuid('phase_id')
      .notNull()
      .references(() => phases.id),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    reason: text('reason').notNull(),
    ...recordColumns('phase_progress'),
  },
  (t) => [index('phase_history_enrollment_idx').on(t.enrollmentId)],
);

/** Who serves a participant on one enrollment, in which role, from which organization. */
export const caseTeamMembers = pgTable(
  'case_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role', { enum: TEAM_ROLES }).notNull(),
    assignedOn: date('assigned_on').notNull(),
    endedOn: date('ended_on'),
    ...recordColumns('case_team'),
  },
  (t) => [
    index('case_team_enrollment_idx').on(t.enrollmentId),
    // With the participant: the actor's case roles for a participant (the disclosure decision's inputs).
    index('case_team_user_idx').on(t.userId, t.participantId).where(sql`${t.endedOn} IS NULL`),
    uniqueIndex('case_team_active_unique_idx').on(t.enrollmentId, t.userId, t.role).where(sql`${t.endedOn} IS NULL`),
    check('case_team_role_check', sql`${t.role} IN (${inList(TEAM_ROLES)})`),
  ],
);
