import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import { ATTENDANCE_KINDS, ATTENDANCE_OUTCOMES } from './attendance.schema.js';

/**
 * A scheduled event and how it went: treatment sessions, court hearings, probation appointments,
 * peer support and mutual-aid meetings. Its custodian is the organization that recorded it — a
 * treatment program's session record is its Part 2 record; the court's hearing record is the court's.
 * `occurred_at` is when it was scheduled to take place.
 */
export const attendanceEvents = pgTable(
  'attendance_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    kind: text('kind', { enum: ATTENDANCE_KINDS }).notNull(),
    title: text('title').notNull().default(''),
    durationMinutes: integer('duration_minutes'),
    outcome: text('outcome', { enum: ATTENDANCE_OUTCOMES }).notNull().default('scheduled'),
    /** Reported by the participant (mutual-aid meetings), and verified by whom when it was. */
    selfReported: boolean('self_reported').notNull().default(false),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    note: text('note'),
    /** When a rescheduled event's new appointment is another event. */
    rescheduledTo: uuid('rescheduled_to'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('attendance'),
  },
  (t) => [
    index('attendance_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('attendance_kind_check', sql`${t.kind} IN (${inList(ATTENDANCE_KINDS)})`),
    check('attendance_outcome_check', sql`${t.outcome} IN (${inList(ATTENDANCE_OUTCOMES)})`),
  ],
);
