import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import type { Locale } from '../users/users.schema.js';
import { recoveryCodes, users } from '../users/users.tables.js';
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

/** Changes one's own password; other sessions of the user end. */
export async function changeOwnPassword(options: {
  db: Db;
  ctx: AccessContext;
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}) {
  const [user] = await options.db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    await recordAudit(options.db, options.ctx, { action: 'account.password_change', outcome: 'failure' });
    throw new AppError('validation', 'errors.password_incorrect', {
      fields: [{ path: 'currentPassword', message: 'errors.password_incorrect' }],
    });
  }
  if (!isStrongPassword(options.newPassword, [user.email, user.displayName])) {
    throw new AppError('validation', 'errors.password_weak');
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
  const [user] = await options.db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, options.password))) throw new AppError('validation', 'errors.password_incorrect');
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

/** New recovery codes (the old ones stop working). */
export async function regenerateRecoveryCodes(options: { db: Db; ctx: AccessContext; userId: string }) {
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
