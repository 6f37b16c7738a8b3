import { eq, sql } from 'drizzle-orm';
import { type AnonymousAuditContext, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { users } from '../users/users.tables.js';
import { countFailedAttempt, lockedError, lockMinutesLeft } from './failed-attempts.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { readSecuritySettings } from './security-settings.repository.js';
import { createSession, type SessionStage } from './sessions.repository.js';

export type SignInResult = { token: string; csrfToken: string; stage: SessionStage; expiresAt: Date };

/**
 * Checks an email and password. Repeated failures lock the account for a while; every attempt,
 * successful or not, is audited. With the password right, the session starts at the second-factor
 * step when the user has MFA (or their role requires it and they have not enrolled yet).
 *
 * The password hash is checked before the transaction (it is slow on purpose, and must not hold a
 * connection and a row lock), and checked for unknown emails too, so timing does not tell which
 * accounts exist.
 */
export async function signIn(options: {
  db: Db;
  email: string;
  password: string;
  request: AccessContext['request'];
}): Promise<SignInResult> {
  const email = options.email.trim().toLowerCase();
  const [found] = await options.db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const passwordOk = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), options.password);

  const outcome = await options.db.transaction(async (tx) => {
    const settings = await readSecuritySettings(tx);
    const audit: AnonymousAuditContext = { actor: null, userId: found?.id ?? null, label: email, request: options.request };
    const fail = async (reason: string, error: AppError) => {
      await recordAudit(tx, audit, { action: 'auth.sign_in', outcome: 'failure', details: { reason } });
      return { error } as const;
    };
    const [user] = found ? await tx.select().from(users).where(eq(users.id, found.id)).for('update') : [];
    if (!user) return fail('unknown_email', new AppError('unauthenticated', 'errors.sign_in_failed'));
    const minutesLeft = lockMinutesLeft(user.lockedUntil);
    if (minutesLeft !== null) return fail('locked', lockedError(minutesLeft));
    if (!passwordOk) {
      const { locked } = await countFailedAttempt(tx, { userId: user.id, settings });
      if (locked) return fail('bad_password_locked', lockedError(settings.lockoutMinutes));
      return fail('bad_password', new AppError('unauthenticated', 'errors.sign_in_failed'));
    }
    if (user.status !== 'active') return fail('disabled', new AppError('unauthenticated', 'errors.sign_in_failed'));
    const roles = await tx.execute<{ role: string }>(sql`SELECT DISTINCT role FROM memberships WHERE user_id = ${user.id}`);
    const mfaRequired = roles.rows.some((r) => settings.mfaRequiredRoles.includes(r.role as never));
    const stage: SessionStage = user.mfaSecret ? 'mfa_required' : mfaRequired ? 'mfa_enrolment_required' : 'active';
    // The failure count stays until the second step succeeds, so that step cannot be guessed at.
    if (stage === 'active')
      await tx.update(users).set({ failedSignIns: 0, lastSignInAt: new Date() }).where(eq(users.id, user.id));
    const session = await createSession(tx, {
      userId: user.id,
      stage,
      maxHours: settings.sessionMaxHours,
      ip: options.request.ip,
      userAgent: options.request.userAgent,
    });
    await recordAudit(tx, audit, {
      action: 'auth.sign_in',
      outcome: 'success',
      targetType: 'session',
      targetId: session.id,
      details: { stage },
    });
    return { session, stage } as const;
  });
  if ('error' in outcome) throw outcome.error;
  return {
    token: outcome.session.token,
    csrfToken: outcome.session.csrfToken,
    stage: outcome.stage,
    expiresAt: outcome.session.expiresAt,
  };
}
