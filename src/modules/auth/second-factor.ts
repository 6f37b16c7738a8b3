import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { users } from '../users/users.tables.js';
import { clearFailedAttempts, countFailedAttempt, lockedError, lockMinutesLeft } from './failed-attempts.js';
import { issueRecoveryCodes, redeemRecoveryCode } from './recovery-codes.js';
import { readSecuritySettings } from './security-settings.repository.js';
import { endSession, setSessionStage } from './sessions.repository.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

type Session = { id: string; userId: string };

/**
 * The second sign-in step: an authenticator code or a recovery code. Wrong codes count toward the
 * same lockout as wrong passwords; a lockout ends the half-open session.
 */
export async function verifySecondFactor(options: { db: Db; ctx: AccessContext; session: Session; code: string }) {
  const { ctx, session } = options;
  const outcome = await options.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.userId)).for('update');
    if (!user?.mfaSecret) return { error: new AppError('mfa_required', 'errors.mfa_not_pending') };
    const minutesLeft = lockMinutesLeft(user.lockedUntil);
    if (minutesLeft !== null) {
      await endSession(tx, session.id, 'locked');
      await recordAudit(tx, ctx, { action: 'auth.mfa_verify', outcome: 'failure', details: { reason: 'locked' } });
      return { error: lockedError(minutesLeft) };
    }
    const code = options.code.trim();
    let method: 'totp' | 'recovery_code' | null = null;
    const step = await checkTotp({ secret: user.mfaSecret, code, lastStep: user.mfaLastStep });
    if (step !== null) {
      method = 'totp';
      await tx.update(users).set({ mfaLastStep: step }).where(eq(users.id, user.id));
    } else if (code.length > 6 && (await redeemRecoveryCode(tx, user.id, code))) {
      method = 'recovery_code';
    }
    if (!method) {
      const settings = await readSecuritySettings(tx);
      const { locked } = await countFailedAttempt(tx, { userId: user.id, settings });
      await recordAudit(tx, ctx, { action: 'auth.mfa_verify', outcome: 'failure', details: { locked } });
      return { error: locked ? lockedError(settings.lockoutMinutes) : new AppError('unauthenticated', 'errors.mfa_invalid') };
    }
    await clearFailedAttempts(tx, user.id);
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await setSessionStage(tx, session.id, 'active');
    await recordAudit(tx, ctx, { action: 'auth.mfa_verify', details: { method } });
    return { ok: true };
  });
  if ('error' in outcome && outcome.error) throw outcome.error;
}

/** Starts authenticator enrolment: a new secret waits until a code from it is confirmed. */
export async function startMfaEnrolment(options: { db: Db; ctx: AccessContext; session: Session; email: string }) {
  return options.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, options.session.userId));
    if (user?.mfaSecret) throw new AppError('conflict', 'errors.mfa_already_enabled');
    const secret = newTotpSecret();
    await tx.update(users).set({ mfaPendingSecret: secret }).where(eq(users.id, options.session.userId));
    await recordAudit(tx, options.ctx, { action: 'auth.mfa_enrol_start' });
    return { secret, otpauthUri: totpUri(secret, options.email) };
  });
}

/** Confirms enrolment with a code from the new secret; returns the recovery codes, shown once. */
export async function confirmMfaEnrolment(options: { db: Db; ctx: AccessContext; session: Session; code: string }) {
  const outcome = await options.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, options.session.userId)).for('update');
    if (!user?.mfaPendingSecret) return { error: new AppError('conflict', 'errors.mfa_not_pending') };
    const step = await checkTotp({ secret: user.mfaPendingSecret, code: options.code, lastStep: null });
    if (step === null) {
      await recordAudit(tx, options.ctx, { action: 'auth.mfa_enrol_confirm', outcome: 'failure' });
      return { error: new AppError('validation', 'errors.mfa_invalid', { fields: [] }) };
    }
    await tx
      .update(users)
      .set({ mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: new Date(), mfaLastStep: step })
      .where(eq(users.id, user.id));
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    await setSessionStage(tx, options.session.id, 'active');
    await recordAudit(tx, options.ctx, { action: 'auth.mfa_enrol_confirm' });
    return { recoveryCodes };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
