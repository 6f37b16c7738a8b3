import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../users/users.tables.js';
import type { SecuritySettings } from './auth.schema.js';
import { sessions } from './auth.tables.js';

/*
 * One counter of failed credential checks per account — wrong passwords at sign-in, wrong
 * second-factor codes, wrong passwords when confirming a sensitive change — so that no step can be
 * used to guess around the lockout of another. A correct password alone does not clear it while
 * the second step is still to come; only a completed sign-in does.
 */

/** Minutes left on an account's lock, or null when it is not locked. */
export function lockMinutesLeft(lockedUntil: Date | null, now = new Date()): number | null {
  if (!lockedUntil || lockedUntil <= now) return null;
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}

export function lockedError(minutes: number): AppError {
  return new AppError('locked', 'errors.locked', { params: { minutes } });
}

/**
 * Counts one failure (atomically) and locks the account when the threshold is reached. A lock ends
 * the account's half-signed-in sessions — or all its sessions when `endAllSessions` (the failure
 * came from inside a session, which may be a stolen one).
 */
export async function countFailedAttempt(
  q: Queryable,
  options: { userId: string; settings: SecuritySettings; endAllSessions?: boolean },
): Promise<{ locked: boolean }> {
  const { settings } = options;
  const [row] = await q
    .update(users)
    .set({
      failedSignIns: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${settings.lockoutThreshold} THEN 0 ELSE ${users.failedSignIns} + 1 END`,
      lockedUntil: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${settings.lockoutThreshold}
        THEN now() + make_interval(mins => ${settings.lockoutMinutes}) ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, options.userId))
    .returning({ lockedUntil: users.lockedUntil });
  const locked = lockMinutesLeft(row?.lockedUntil ?? null) !== null;
  if (locked) {
    await q
      .update(sessions)
      .set({ endedAt: new Date(), endReason: 'locked' })
      .where(
        and(
          eq(sessions.userId, options.userId),
          isNull(sessions.endedAt),
          options.endAllSessions ? undefined : ne(sessions.stage, 'active'),
        ),
      );
  }
  return { locked };
}

/** A completed sign-in clears the count. */
export async function clearFailedAttempts(q: Queryable, userId: string): Promise<void> {
  await q.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
}
