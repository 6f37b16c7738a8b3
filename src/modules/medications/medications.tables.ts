import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import type { SubstanceGroup } from '../testing/substances.js';
import { MEDICATION_CODES } from './medication-catalog.js';
import { CONTINUITY_EVENT_KINDS, DOSE_STATUSES } from './medications.schema.js';

/**
 * A prescription: MOUD first (methadone, buprenorphine, naltrexone), and the psychiatric, pain and
 * other medications a drug test must be read against. The custodian is the organization that recorded
 * it: a treatment program's prescription is its Part 2 record.
 */
export const prescriptions = pgTable(
  'prescriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    medication: text('medication', { enum: MEDICATION_CODES as [string, ...string[]] }).notNull(),
    /** The product as prescribed, e.g. "buprenorphine/naloxone 8 mg/2 mg film". */
    productName: text('product_name').notNull().default(''),
    dose: text('dose').notNull().default(''),
    /** For an `other` medication: the substance groups it accounts for in a test. */
    covers: text('covers').array().notNull().default(sql`'{}'`).$type<SubstanceGroup[]>(),
    /** The prescriber of record: treatment decisions about the medication are theirs. */
    prescriber: text('prescriber').notNull(),
    /** Pharmacy or opioid treatment program (OTP) that dispenses it. */
    dispenser: text('dispenser').notNull().default(''),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    stopReason: text('stop_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('medication'),
  },
  (t) => [
    index('prescriptions_participant_idx').on(t.participantId, t.startedOn),
    check('prescriptions_medication_check', sql`${t.medication} IN (${inList(MEDICATION_CODES)})`),
    check('prescriptions_dates_check', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/** A dose taken, missed or held, where the program keeps dosing records (an OTP's daily dosing, an injection). */
export const doseRecords = pgTable(
  'dose_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prescriptionId: uuid('prescription_id')
      .notNull()
      .references(() => prescriptions.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    /** The day the dose was due. */
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: DOSE_STATUSES }).notNull(),
    note: text('note'),
    ...recordColumns('medication'),
  },
  (t) => [
    index('dose_records_prescription_idx').on(t.prescriptionId, t.dueOn),
    // The timeline's order, so that its dose source reads a page and no more.
    index('dose_records_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('dose_records_status_check', sql`${t.status} IN (${inList(DOSE_STATUSES)})`),
  ],
);

/**
 * An event that puts medication continuity at risk — admitted to custody, released, discharged from
 * residential treatment or a hospital — recorded by whoever learns of it (a court's record when the
 * court records it). The treatment team is alerted while a MOUD prescription is in effect.
 */
export const continuityEvents = pgTable(
  'continuity_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    kind: text('kind', { enum: CONTINUITY_EVENT_KINDS }).notNull(),
    note: text('note'),
    /** Expected length of a custody stay or similar, when known. */
    expectedDays: integer('expected_days'),
    ...recordColumns('medication'),
  },
  (t) => [
    index('continuity_events_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('continuity_events_kind_check', sql`${t.kind} IN (${inList(CONTINUITY_EVENT_KINDS)})`),
  ],
);
