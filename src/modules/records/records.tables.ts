import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.tables.js';
import { participants } from '../participants/participants.tables.js';

/**
 * Which organizations hold records of which participant: one row per (participant, custodian),
 * written whenever a record is made. The access layer reads it instead of searching every table.
 */
export const participantRecordHolders = pgTable(
  'participant_record_holders',
  {
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.organizationId] }), index('record_holders_org_idx').on(t.organizationId)],
);
