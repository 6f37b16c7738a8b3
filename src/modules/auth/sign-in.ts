import { eq, sql } from 'drizzle-orm';
import { type AnonymousAuditContext, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { users } from '../users/users.tables.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { readSecuritySettings } from './security-settings.repository.js';
import { createSession, type SessionStage } from './sessions.repository.js';

export type SignInResult = { token: string; csrfToken: string; stage: SessionStage; expiresAt: Date };

/**
 * Checks an email and password. Repeated failures lock the account for a while; every attempt,
 * successful or not, is audited. With the password right, the session starts at the second-factor
 * step when the user has MFA (or their role requires it and they have not enrolled yet).
 */
export async function signIn(options: {
  db: Db;
  email: string;
  password: string;
  request: AccessContext['request'];
}): Promise<SignInResult> {
  const email = options.email.trim().toLowerCase();
  const outcome = await options.db.transaction(async (tx) => {
    const settings = await readSecuritySettings(tx);
    const [user] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    const audit: AnonymousAuditContext = { actor: null, userId: user?.id ?? null, label: email, request: options.request };
    const fail = async (reason: string, error: AppError) => {
      await recordAudit(tx, audit, { action: 'auth.sign_in', outcome: 'failure', details: { reason } });
      return { error } as const;
    };
    if (!user) {
      await verifyPassword(await decoyPasswordHash(), options.password);
      return fail('unknown_email', new AppError('unauthenticated', 'errors.sign_in_failed'));
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000));
      return fail('locked', new AppError('locked', 'errors.locked', { params: { minutes } }));
    }
    const passwordOk = await verifyPassword(user.passwordHash, options.password);
    if (!passwordOk || user.status !== 'active') {
      if (!passwordOk) {
        const failures = user.failedSignIns + 1;
        const lock = failures >= settings.lockoutThreshold;
        await tx
          .update(users)
          .set({
            failedSignIns: lock ? 0 : failures,
            lockedUntil: lock ? sql`now() + make_interval(mins => ${settings.lockoutMinutes})` : user.lockedUntil,
          })
          .where(eq(users.id, user.id));
        if (lock) {
          return fail(
            'bad_password_locked',
            new AppError('locked', 'errors.locked', { params: { minutes: settings.lockoutMinutes } }),
          );
        }
        return fail('bad_password', new AppError('unauthenticated', 'errors.sign_in_failed'));
      }
      return fail('disabled', new AppError('unauthenticated', 'errors.sign_in_failed'));
    }
    const roles = await tx.execute<{ role: string }>(sql`SELECT DISTINCT role FROM memberships WHERE user_id = ${user.id}`);
    const mfaRequired = roles.rows.some((r) => settings.mfaRequiredRoles.includes(r.role as never));
    const stage: SessionStage = user.mfaSecret ? 'mfa_required' : mfaRequired ? 'mfa_enrolment_required' : 'active';
    await tx
      .update(users)
      .set({ failedSignIns: 0, lockedUntil: null, ...(stage === 'active' ? { lastSignInAt: new Date() } : {}) })
      .where(eq(users.id, user.id));
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
