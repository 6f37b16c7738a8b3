import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import { INSTRUMENT_KINDS, RESPONDENTS } from './instruments.schema.js';
import type { InstrumentScore } from './score-instrument.js';

/**
 * One administration of an instrument (BARC-10, Readiness Ruler, PHQ-9, GAD-7) with its answers and
 * score, or an external risk–need triage's result as the tool gave it. An assessment (data class
 * diagnosis): the treatment program's is a Part 2 record. A PHQ-9 whose item 9 was answered above 0
 * raises a safety prompt for the clinicians of the program that holds it, until one of them records
 * the follow-up.
 */
export const instrumentResponses = pgTable(
  'instrument_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    instrument: text('instrument', { enum: INSTRUMENT_KINDS }).notNull(),
    version: text('version').notNull(),
    completedOn: date('completed_on').notNull(),
    /** Who answered: the participant on their own, or with staff reading the items. */
    respondent: text('respondent', { enum: RESPONDENTS }).notNull(),
    language: text('language').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull().default({}),
    score: jsonb('score').$type<InstrumentScore | null>(),
    /** An external triage's result (e.g. the RANT quadrant), as the tool gave it. */
    externalResult: text('external_result'),
    /** The clinician's note on this administration. */
    note: text('note').notNull().default(''),
    safetyPrompt: text('safety_prompt', { enum: ['none', 'open', 'followed_up'] })
      .notNull()
      .default('none'),
    safetyFollowUpBy: uuid('safety_follow_up_by').references(() => users.id),
    safetyFollowUpAt: timestamp('safety_follow_up_at', { withTimezone: true }),
    safetyFollowUpNote: text('safety_follow_up_note'),
    ...recordColumns('diagnosis'),
  },
  (t) => [
    index('instrument_responses_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('instrument_responses_instrument_check', sql`${t.instrument} IN (${inList(INSTRUMENT_KINDS)})`),
    check('instrument_responses_respondent_check', sql`${t.respondent} IN (${inList(RESPONDENTS)})`),
  ],
);
