import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';

/**
 * Notes of the people serving a participant: progress (clinical) notes, and SUD counseling notes kept
 * apart (42 CFR §2.11). The custodian is the organization the author serves the case for, so a note
 * of a treatment program is a Part 2 record and the consent rules decide who else reads it.
 */
export const treatmentNotes = pgTable(
  'treatment_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    body: text('body').notNull(),
    ...recordColumns('clinical_note'),
  },
  (t) => [
    index('treatment_notes_participant_idx').on(t.participantId, t.occurredAt),
    check('treatment_notes_class_check', sql`${t.dataClass} IN ('clinical_note', 'counseling_note')`),
  ],
);
