import type { Queryable } from '../../platform/db/database.js';
import { participantRecordHolders } from './records.tables.js';

/** Notes that an organization now holds records of a participant (idempotent). */
export async function noteRecordHolder(q: Queryable, participantId: string, organizationId: string): Promise<void> {
  await noteRecordHolders(q, [{ participantId, organizationId }]);
}

/** The same for many at once (a day's draw), in one statement. */
export async function noteRecordHolders(
  q: Queryable,
  holders: readonly { participantId: string; organizationId: string }[],
): Promise<void> {
  if (holders.length === 0) return;
  await q
    .insert(participantRecordHolders)
    .values([...holders])
    .onConflictDoNothing({ target: [participantRecordHolders.participantId, participantRecordHolders.organizationId] });
}
