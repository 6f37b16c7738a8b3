import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { organizations } from '../organizations/organizations.tables.js';
import { PROGRAM_TRACKS } from './programs.schema.js';

/** A court's program (track), e.g. the adult drug court or the veterans treatment court. */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    track: text('track', { enum: PROGRAM_TRACKS }).notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programs_court_idx').on(t.courtId),
    check('programs_track_check', sql`${t.track} IN (${inList(PROGRAM_TRACKS)})`),
  ],
);

export const phases = pgTable(
  'phases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    minDays: integer('min_days').notNull().default(0),
    advancementCriteria: text('advancement_criteria').notNull().default(''),
    /** Drug and alcohol tests a week, on average, for participants in this phase (All Rise: at least 2 until the last). */
    testsPerWeek: doublePrecision('tests_per_week').notNull().default(2),
    /** A phase removed from the program stays for the history that names it. */
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [
    index('phases_program_idx').on(t.programId),
    check('phases_position_positive', sql`${t.position} >= 1`),
    check('phases_tests_per_week_check', sql`${t.testsPerWeek} > 0 AND ${t.testsPerWeek} <= 7`),
  ],
);
