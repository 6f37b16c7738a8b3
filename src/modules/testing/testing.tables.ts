import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { labs } from '../labs/labs.tables.js';
import { organizations } from '../organizations/organizations.tables.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import { type Interpretation, TEST_OUTCOMES } from './interpret-test.js';
import { SPECIMEN_TYPES, SUBSTANCE_GROUPS } from './substances.js';
import {
  ANALYTE_RESULTS,
  COLLECTION_STATUSES,
  REPORTED_VALIDITIES,
  RESULT_STAGES,
  RESULT_STATUSES,
  REVIEW_FINDINGS,
  TEST_REASONS,
  TEST_REVIEW_KINDS,
  TESTING_METHODS,
} from './testing.schema.js';

/** A call-in group ("color"): each day's draw calls some groups in; each member then reports for a test. */
export const testingGroups = pgTable(
  'testing_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** How often the group is called in, on average: tests a week. */
    testsPerWeek: doublePrecision('tests_per_week').notNull().default(2),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('testing_groups_name_idx').on(t.courtId, t.name),
    check('testing_groups_frequency_check', sql`${t.testsPerWeek} > 0 AND ${t.testsPerWeek} <= 7`),
  ],
);

/**
 * How a participant is tested on one case: drawn at random on their own, or by call-in group; how
 * often (null: their phase's frequency); what specimen; and which organization collects — the
 * custodian of the tests (a treatment program's collection is its Part 2 record, probation's is not).
 */
export const testingPlans = pgTable(
  'testing_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    method: text('method', { enum: TESTING_METHODS }).notNull(),
    groupId: uuid('group_id').references(() => testingGroups.id),
    testsPerWeek: doublePrecision('tests_per_week'),
    specimenType: text('specimen_type', { enum: SPECIMEN_TYPES }).notNull().default('urine'),
    collectorOrgId: uuid('collector_org_id')
      .notNull()
      .references(() => organizations.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('testing_plans_enrollment_idx').on(t.enrollmentId),
    check('testing_plans_method_check', sql`${t.method} IN (${inList(TESTING_METHODS)})`),
    check('testing_plans_group_check', sql`(${t.method} = 'group') = (${t.groupId} IS NOT NULL)`),
    check('testing_plans_frequency_check', sql`${t.testsPerWeek} IS NULL OR (${t.testsPerWeek} > 0 AND ${t.testsPerWeek} <= 7)`),
  ],
);

/** Days a court observes as holidays: as likely as any other day to be drawn, and reported as such. */
export const courtHolidays = pgTable(
  'court_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    on: date('on').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('court_holidays_day_idx').on(t.courtId, t.on)],
);

/**
 * A court's own testing settings: hours from notice to the report-by deadline, per specimen, where
 * the court sets them (the standards' defaults, REPORT_WITHIN_HOURS, otherwise).
 */
export const courtTestingSettings = pgTable('court_testing_settings', {
  courtId: uuid('court_id')
    .primaryKey()
    .references(() => organizations.id),
  reportWithinHours: jsonb('report_within_hours').$type<Partial<Record<(typeof SPECIMEN_TYPES)[number], number>>>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One day's random draw for a court: its seed and everything it drew from, so that anyone can run it
 * again and get the same selection (`drawTests`), and what it selected.
 */
export const testingDraws = pgTable(
  'testing_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    drawDate: date('draw_date').notNull(),
    algorithm: text('algorithm').notNull(),
    seed: text('seed').notNull(),
    /** The groups and individually drawn plans the draw chose from, with their frequencies. */
    pool: jsonb('pool').notNull(),
    selectedGroupIds: uuid('selected_group_ids').array().notNull(),
    selectedPlanIds: uuid('selected_plan_ids').array().notNull(),
    holiday: text('holiday'),
    drawnBy: uuid('drawn_by').references(() => users.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('testing_draws_day_idx').on(t.courtId, t.drawDate)],
);

/**
 * One drug or alcohol test: from notice (or the moment it was asked for) through collection to its
 * interpretation. The interpretation (interpretTest) is stored with the version of its criteria and
 * recomputed whenever results, reviews or prescriptions change.
 */
export const drugTests = pgTable(
  'drug_tests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    reason: text('reason', { enum: TEST_REASONS }).notNull(),
    drawId: uuid('draw_id').references(() => testingDraws.id),
    specimenType: text('specimen_type', { enum: SPECIMEN_TYPES }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    reportBy: timestamp('report_by', { withTimezone: true }),
    collection: text('collection', { enum: COLLECTION_STATUSES }).notNull().default('scheduled'),
    collectedAt: timestamp('collected_at', { withTimezone: true }),
    collector: text('collector'),
    observed: boolean('observed'),
    observedBy: text('observed_by'),
    temperatureC: doublePrecision('temperature_c'),
    creatinineMgDl: doublePrecision('creatinine_mg_dl'),
    specificGravity: doublePrecision('specific_gravity'),
    ph: doublePrecision('ph'),
    adulterantDetected: boolean('adulterant_detected'),
    reportedValidity: text('reported_validity', { enum: REPORTED_VALIDITIES }),
    chainOfCustodyId: text('chain_of_custody_id'),
    /** The lab's accession (or specimen) id, by which its results find this test. */
    accessionId: text('accession_id'),
    labId: uuid('lab_id').references(() => labs.id),
    confirmationRequestedAt: timestamp('confirmation_requested_at', { withTimezone: true }),
    outcome: text('outcome', { enum: TEST_OUTCOMES }).notNull().default('pending'),
    presumptive: boolean('presumptive').notNull().default(false),
    countsAsUse: boolean('counts_as_use').notNull().default(false),
    usableForResponse: boolean('usable_for_response').notNull().default(false),
    interpretation: jsonb('interpretation').$type<Interpretation>(),
    firstResultAt: timestamp('first_result_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('test_result'),
  },
  (t) => [
    index('drug_tests_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    index('drug_tests_enrollment_idx').on(t.enrollmentId),
    uniqueIndex('drug_tests_accession_idx').on(t.accessionId),
    // Lab results are matched by accession or chain-of-custody number: both indexed, so the OR is two index scans.
    index('drug_tests_chain_of_custody_idx').on(t.chainOfCustodyId),
    check('drug_tests_reason_check', sql`${t.reason} IN (${inList(TEST_REASONS)})`),
    check('drug_tests_collection_check', sql`${t.collection} IN (${inList(COLLECTION_STATUSES)})`),
    check('drug_tests_outcome_check', sql`${t.outcome} IN (${inList(TEST_OUTCOMES)})`),
    check('drug_tests_specimen_check', sql`${t.specimenType} IN (${inList(SPECIMEN_TYPES)})`),
    check('drug_tests_collected_check', sql`${t.collection} <> 'collected' OR ${t.collectedAt} IS NOT NULL`),
  ],
);

/**
 * One analyte's result on one test, screen or confirmation. A corrected result (HL7 OBX-11 = C)
 * supersedes the one it corrects, which stays as history.
 */
export const testResults = pgTable(
  'test_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testId: uuid('test_id')
      .notNull()
      .references(() => drugTests.id),
    analyte: text('analyte').notNull(),
    substanceGroup: text('substance_group', { enum: SUBSTANCE_GROUPS }).notNull(),
    stage: text('stage', { enum: RESULT_STAGES }).notNull(),
    result: text('result', { enum: ANALYTE_RESULTS }).notNull(),
    value: doublePrecision('value'),
    unit: text('unit'),
    cutoff: doublePrecision('cutoff'),
    method: text('method'),
    /** The code the lab sent (LOINC or its own), for the record. */
    code: text('code'),
    codeSystem: text('code_system'),
    observedAt: timestamp('observed_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    /** How the result was reported: final, corrected (replacing an earlier one), preliminary, or entered by hand. */
    status: text('status', { enum: RESULT_STATUSES }).notNull().default('final'),
    supersededBy: uuid('superseded_by'),
    messageId: uuid('message_id'),
    enteredBy: uuid('entered_by').references(() => users.id),
  },
  (t) => [
    index('test_results_test_idx').on(t.testId),
    check('test_results_stage_check', sql`${t.stage} IN (${inList(RESULT_STAGES)})`),
    check('test_results_result_check', sql`${t.result} IN (${inList(ANALYTE_RESULTS)})`),
  ],
);

/** A participant's dispute of a result, or the team's review of a possible cannabis carry-over. */
export const testReviews = pgTable(
  'test_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testId: uuid('test_id')
      .notNull()
      .references(() => drugTests.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind', { enum: TEST_REVIEW_KINDS }).notNull(),
    /** For a dispute, the participant's account in their own words. */
    statement: text('statement'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    finding: text('finding', { enum: REVIEW_FINDINGS }),
    note: text('note'),
  },
  (t) => [
    index('test_reviews_test_idx').on(t.testId),
    uniqueIndex('test_reviews_open_idx').on(t.testId, t.kind).where(sql`${t.closedAt} IS NULL`),
    check('test_reviews_kind_check', sql`${t.kind} IN (${inList(TEST_REVIEW_KINDS)})`),
  ],
);

/**
 * Use the participant reported themself (to a counselor, the court, probation): its own event, never
 * a test. The custodian is whoever heard it: told to a counselor, it is the program's Part 2 record.
 */
export const useReports = pgTable(
  'use_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    substanceGroups: text('substance_groups').array().notNull().$type<(typeof SUBSTANCE_GROUPS)[number][]>(),
    /** When the use happened, as the participant put it (a day, or a span of days). */
    usedFrom: date('used_from').notNull(),
    usedTo: date('used_to'),
    /** In the participant's words. */
    statement: text('statement').notNull().default(''),
    ...recordColumns('use_report'),
  },
  (t) => [index('use_reports_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id)],
);

export type TestRow = typeof drugTests.$inferSelect;
