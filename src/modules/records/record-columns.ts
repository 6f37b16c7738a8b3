import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/organizations.tables.js';
import { users } from '../users/users.tables.js';
import type { DataClass } from './data-classes.js';

/**
 * The columns every participant-level record carries: who made it (custodian organization — the
 * consent rules decide on it), its data class, when it happened, when it was entered and by whom.
 */
export function recordColumns(dataClass: DataClass) {
  return {
    custodianOrgId: uuid('custodian_org_id')
      .notNull()
      .references(() => organizations.id),
    dataClass: text('data_class').notNull().default(dataClass).$type<DataClass>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for records made by the system itself (imports, the demo generator). */
    enteredBy: uuid('entered_by').references(() => users.id),
  };
}
