import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { organizations } from '../organizations/organizations.tables.js';
import { drugTests } from '../testing/testing.tables.js';
import { users } from '../users/users.tables.js';
import { CODE_TARGETS, MESSAGE_STATUSES, REVIEW_REASONS, TRANSPORTS } from './labs.schema.js';

/**
 * A laboratory that sends results, known by how it names itself in HL7 messages (MSH-3 sending
 * application and MSH-4 sending facility), and the organization it reports to — whose staff keep its
 * review queue and whose API tokens may deliver its messages.
 */
export const labs = pgTable(
  'labs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    sendingFacility: text('sending_facility').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('labs_facility_idx').on(t.sendingFacility)],
);

/**
 * How a lab's own codes (OBX-3) read: a result for an analyte (its stage, when the code says it), a
 * specimen-validity reading, or nothing Tandem keeps. LOINC codes need no row (loinc-codes.ts); a
 * code that is neither is never guessed: its message waits in the review queue.
 */
export const labCodeMappings = pgTable(
  'lab_code_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    labId: uuid('lab_id')
      .notNull()
      .references(() => labs.id),
    code: text('code').notNull(),
    target: text('target', { enum: CODE_TARGETS }).notNull(),
    analyte: text('analyte'),
    /** The substance group of an analyte the lab's panel adds (built-in analytes know theirs). */
    substanceGroup: text('substance_group'),
    stage: text('stage', { enum: ['screen', 'confirmation'] }),
    display: text('display').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lab_code_mappings_code_idx').on(t.labId, t.code),
    check('lab_code_mappings_target_check', sql`${t.target} IN (${inList(CODE_TARGETS)})`),
    check('lab_code_mappings_analyte_check', sql`(${t.target} = 'result') = (${t.analyte} IS NOT NULL)`),
  ],
);

/**
 * Every HL7 message received, as received, with what became of it. Its control id (MSH-10) makes
 * delivery idempotent per sending facility: a message sent again is acknowledged and not applied twice.
 */
export const hl7Messages = pgTable(
  'hl7_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    labId: uuid('lab_id').references(() => labs.id),
    sendingFacility: text('sending_facility'),
    controlId: text('control_id'),
    messageType: text('message_type'),
    transport: text('transport', { enum: TRANSPORTS }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    raw: text('raw').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    ackCode: text('ack_code', { enum: ['AA', 'AE', 'AR'] }).notNull(),
    error: text('error'),
    /** The tests its results went to. */
    testIds: uuid('test_ids').array().notNull().default(sql`'{}'`),
    receivedBy: text('received_by'),
  },
  (t) => [
    // A refused message does not count: sent again once the lab is set up, it is taken.
    uniqueIndex('hl7_messages_control_idx').on(t.sendingFacility, t.controlId).where(sql`${t.status} <> 'rejected'`),
    index('hl7_messages_received_idx').on(t.receivedAt),
    check('hl7_messages_status_check', sql`${t.status} IN (${inList(MESSAGE_STATUSES)})`),
  ],
);

/**
 * What a message could not settle by itself — a specimen matching no test, a code with no mapping —
 * kept for a person to decide. Nothing in it is dropped or guessed.
 */
export const labReviewItems = pgTable(
  'lab_review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => hl7Messages.id),
    /** The organization whose staff decide (the lab's). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason', { enum: REVIEW_REASONS }).notNull(),
    /** What the message said that needs deciding: identifiers, codes and values, as sent. */
    detail: jsonb('detail').notNull(),
    status: text('status', { enum: ['open', 'resolved', 'dismissed'] })
      .notNull()
      .default('open'),
    testId: uuid('test_id').references(() => drugTests.id),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lab_review_items_open_idx').on(t.organizationId, t.status),
    check('lab_review_items_reason_check', sql`${t.reason} IN (${inList(REVIEW_REASONS)})`),
  ],
);
