import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { organizations } from '../organizations/organizations.tables.js';
import type { DataClass } from '../records/data-classes.js';
import type { DisclosureRecord } from './decide-disclosure.js';

/**
 * One stored participant-level record as the disclosure decision reads it, with whether its custodian
 * is a Part 2 program (read from the organization) — for a write path that must answer as a read would
 * (404 to whoever may not see the record).
 */
export async function disclosureRecordOf(
  q: Queryable,
  row: { participantId: string; custodianOrgId: string; dataClass: DataClass; occurredAt: Date; enteredBy: string | null },
): Promise<DisclosureRecord> {
  const [org] = await q
    .select({ part2: organizations.part2Program })
    .from(organizations)
    .where(eq(organizations.id, row.custodianOrgId));
  return {
    participantId: row.participantId,
    custodianOrgId: row.custodianOrgId,
    custodianIsPart2: org?.part2,
    dataClass: row.dataClass,
    occurredAt: row.occurredAt,
    enteredBy: row.enteredBy,
  };
}
