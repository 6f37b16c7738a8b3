import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import type { Locale } from '../users/users.schema.js';
import { recoveryCodes, users } from '../users/users.tables.js';
import { countFailedAttempt, lockedError, lockMinutesLeft } from './failed-attempts.js';
import { hashPassword, isStrongPassword, verifyPassword } from './passwords.js';
import { issueRecoveryCodes } from './recovery-codes.js';
import { readSecuritySettings } from './security-settings.repository.js';
import { endUserSessions } from './sessions.repository.js';

/** Changes one's own language or display name. */
export async function updateOwnAccount(options: {
  db: Db;
  ctx: AccessContext;
  userId: string;
  patch: { locale?: Locale; displayName?: string };
}) {
  await options.db.transaction(async (tx) => {
    await tx.update(users).set(options.patch).where(eq(users.id, options.userId));
    await recordAudit(tx, options.ctx, { action: 'account.update', details: { fields: Object.keys(options.patch) } });
  });
}

/**
 * Sensitive changes to one's own account ask for the password again. A wrong one counts toward the
 * lockout like a failed sign-in — and a lockout here ends all the account's sessions, since the
 * session asking may be a stolen one. The failure is audited either way.
 */
async function confirmOwnPassword(options: {
  db: Db;
  ctx: AccessContext;
  userId: string;
  password: string;
  action: string;
  /** The request field holding the password, for the error message's place. */
  field?: string;
}) {
  const [user] = await options.db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw new AppError('unauthenticated');
  const minutesLeft = lockMinutesLeft(user.lockedUntil);
  if (minutesLeft !== null) throw lockedError(minutesLeft);
  if (await verifyPassword(user.passwordHash, options.password)) return user;
  const error = await options.db.transaction(async (tx) => {
    const settings = await readSecuritySettings(tx);
    const { locked } = await countFailedAttempt(tx, { userId: user.id, settings, endAllSessions: true });
    await recordAudit(tx, options.ctx, {
      action: options.action,
      outcome: 'failure',
      details: { reason: 'password_incorrect', locked },
    });
    return locked
      ? lockedError(settings.lockoutMinutes)
      : new AppError('validation', 'errors.password_incorrect', {
          fields: [{ path: options.field ?? 'password', message: 'errors.password_incorrect' }],
        });
  });
  throw error;
}

/** Changes one's own password; other sessions of the user end. */
export async function changeOwnPassword(options: {
  db: Db;
  ctx: AccessContext;
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}) {
  const user = await confirmOwnPassword({
    ...options,
    password: options.currentPassword,
    field: 'currentPassword',
    action: 'account.password_change',
  });
  if (!isStrongPassword(options.newPassword, [user.email, user.displayName])) {
    throw new AppError('validation', 'errors.password_weak', {
      fields: [{ path: 'newPassword', message: 'errors.password_weak' }],
    });
  }
  const passwordHash = await hashPassword(options.newPassword);
  await options.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, options.userId));
    await endUserSessions(tx, options.userId, 'password_changed', options.sessionId);
    await recordAudit(tx, options.ctx, { action: 'account.password_change' });
  });
}

/** Turns off one's own authenticator (password required); refused when a role requires MFA. */
export async function disableOwnMfa(options: { db: Db; ctx: AccessContext; userId: string; password: string }) {
  await confirmOwnPassword({ ...options, action: 'account.mfa_disable' });
  const settings = await readSecuritySettings(options.db);
  const roles = options.ctx.actor.kind === 'user' ? options.ctx.actor.memberships.map((m) => m.role) : [];
  if (roles.some((role) => settings.mfaRequiredRoles.includes(role)))
    throw new AppError('conflict', 'errors.mfa_required_by_policy');
  await options.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null })
      .where(eq(users.id, options.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, options.userId));
    await recordAudit(tx, options.ctx, { action: 'account.mfa_disable' });
  });
}

/** New recovery codes (the old ones stop working); the password is asked again. */
export async function regenerateRecoveryCodes(options: { db: Db; ctx: AccessContext; userId: string; password: string }) {
  await confirmOwnPassword({ ...options, action: 'account.recovery_codes_regenerate' });
  return options.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ mfaSecret: users.mfaSecret })
      .from(users)
      .where(and(eq(users.id, options.userId), ne(users.status, 'disabled')));
    if (!user?.mfaSecret) throw new AppError('conflict', 'errors.mfa_not_pending');
    const codes = await issueRecoveryCodes(tx, options.userId);
    await recordAudit(tx, options.ctx, { action: 'account.recovery_codes_regenerate' });
    return codes;
  });
}
