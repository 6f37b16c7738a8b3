import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { ORGANIZATION_KINDS } from './organizations.schema.js';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
    part2Program: boolean('part2_program').notNull().default(false),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('organizations_kind_check', sql`${t.kind} IN (${inList(ORGANIZATION_KINDS)})`)],
);

/** The partner organizations (provider, probation, defense, prosecution…) that serve a court. */
export const courtPartners = pgTable(
  'court_partners',
  {
    courtId: uuid('court_id')
      .notNull()
      .references(() => organizations.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.courtId, t.partnerId] }), index('court_partners_partner_idx').on(t.partnerId)],
);
