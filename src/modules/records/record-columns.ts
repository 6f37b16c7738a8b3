import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AccessContext } from '../access/access-context.js';
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

/**
 * Who made a record now and for which custodian: the values of `recordColumns` other than the data
 * class (a column default) and the entry time (the database's clock).
 */
export function recordOrigin(ctx: AccessContext, custodianOrgId: string) {
  return { custodianOrgId, occurredAt: new Date(), enteredBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null };
}
