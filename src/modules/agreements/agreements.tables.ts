import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import { AGREEMENT_STATUSES } from './agreements.schema.js';
import type { ConditionCheck, ConditionDraft } from './validate-condition.js';
import { CONDITION_KINDS } from './validate-condition.js';

/**
 * A participant's agreement with the court on one case (the mandate): the conditions they agreed to,
 * in versions. A version is drafted, then acknowledged by the participant — that they understand the
 * conditions and the consequences of not meeting them, in their language — and a later version
 * supersedes it. The court's own record (custodian: the court).
 */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    version: integer('version').notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('draft'),
    /** The language the participant reads and acknowledges it in. */
    language: text('language').notNull(),
    acknowledgedOn: date('acknowledged_on'),
    /** The staff member before whom the participant acknowledged it. */
    witnessedBy: uuid('witnessed_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    ...recordColumns('enrollment'),
  },
  (t) => [
    uniqueIndex('agreements_version_idx').on(t.enrollmentId, t.version),
    index('agreements_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('agreements_status_check', sql`${t.status} IN (${inList(AGREEMENT_STATUSES)})`),
  ],
);

/** One condition of an agreement version, as worded, with what the validator found when it was drafted. */
export const agreementConditions = pgTable(
  'agreement_conditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: CONDITION_KINDS }).notNull(),
    wording: jsonb('wording').$type<ConditionDraft['wording']>().notNull(),
    /** Who monitors it (a role or an organization, in words), how, and how often. */
    monitoredBy: text('monitored_by').notNull().default(''),
    method: text('method').notNull().default(''),
    frequency: text('frequency').notNull().default(''),
    fromPhase: integer('from_phase'),
    sanctioned: boolean('sanctioned').notNull().default(false),
    substances: jsonb('substances').$type<ConditionDraft['substances']>(),
    exceptsPrescribed: boolean('excepts_prescribed').notNull().default(true),
    medication: jsonb('medication').$type<ConditionDraft['medication']>(),
    /** The validator's findings (warnings only: a refused condition is never stored) and its rules' version. */
    check: jsonb('check').$type<ConditionCheck>().notNull(),
  },
  (t) => [
    uniqueIndex('agreement_conditions_position_idx').on(t.agreementId, t.position),
    check('agreement_conditions_kind_check', sql`${t.kind} IN (${inList(CONDITION_KINDS)})`),
  ],
);
