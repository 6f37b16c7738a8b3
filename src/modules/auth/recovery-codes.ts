import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { recoveryCodes } from '../users/users.tables.js';
import { sha256 } from './secrets.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten one-time codes like `k7qm-x3rt-9wza`; 60 bits each, so a fast hash is enough to store them. */
function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

function normalize(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replaceAll(/[^a-z0-9]/g, '');
}

/** Replaces the user's recovery codes; the plain codes are shown once and never stored. */
export async function issueRecoveryCodes(q: Queryable, userId: string): Promise<string[]> {
  await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: 10 }, newCode);
  await q.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: sha256(normalize(code)).toString('hex') })));
  return codes;
}

/** Uses up one recovery code; true when it was valid and unused. */
export async function redeemRecoveryCode(q: Queryable, userId: string, code: string): Promise<boolean> {
  const codeHash = sha256(normalize(code)).toString('hex');
  const used = await q
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}
