import { type AuditEntry, auditStatement } from '../../platform/audit/record-audit.js';
import type { Queryable } from '../../platform/db/database.js';
import { writeTogether } from '../../platform/db/sql-helpers.js';
import type { AccessContext } from '../access/access-context.js';
import type { DisclosureChannel, DisclosurePolicy } from './disclosure-policy.js';

/**
 * Records a read of participant data: the accounting of the Part 2 disclosures it made (42 CFR
 * §2.24) and its audit entry, which names them, in one statement — both are written, or neither,
 * inside a transaction or not. Returns the accounting entries' ids.
 */
export async function recordRead(
  q: Queryable,
  ctx: AccessContext,
  policy: DisclosurePolicy,
  channel: DisclosureChannel,
  entry: AuditEntry,
): Promise<string[]> {
  const { ids, statement } = policy.accountingStatement(channel);
  await writeTogether(q, [
    statement,
    auditStatement([{ ctx, entry: { ...entry, details: { ...entry.details, disclosures: ids } } }]),
  ]);
  return ids;
}
