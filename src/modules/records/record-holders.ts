import type { Queryable } from '../../platform/db/database.js';
import { participantRecordHolders } from './records.tables.js';

/** Notes that an organization now holds records of a participant (idempotent). */
export async function noteRecordHolder(q: Queryable, participantId: string, organizationId: string): Promise<void> {
  await q
    .insert(participantRecordHolders)
    .values({ participantId, organizationId })
    .onConflictDoNothing({ target: [participantRecordHolders.participantId, participantRecordHolders.organizationId] });
}
