import { eq } from 'drizzle-orm';
import { CLI_AUDIT, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { requireAdmin } from '../access/require-admin.js';
import { hashPassword, isStrongPassword } from '../auth/passwords.js';
import { endUserSessions } from '../auth/sessions.repository.js';
import { organizationKinds } from '../organizations/organizations.repository.js';
import { findUser } from './users.repository.js';
import type { UserCreate, UserUpdate } from './users.schema.js';
import { memberships, recoveryCodes, users } from './users.tables.js';

async function checkMemberships(q: Queryable, list: { organizationId: string }[]) {
  const ids = [...new Set(list.map((m) => m.organizationId))];
  const kinds = await organizationKinds(q, ids);
  if (kinds.size !== ids.length) throw new AppError('validation', 'errors.organization_not_found');
}

async function replaceMemberships(q: Queryable, userId: string, list: UserCreate['memberships']) {
  await q.delete(memberships).where(eq(memberships.userId, userId));
  const unique = [...new Map(list.map((m) => [`${m.organizationId}:${m.role}`, m])).values()];
  await q.insert(memberships).values(unique.map((m) => ({ userId, organizationId: m.organizationId, role: m.role })));
}

/** Creates a staff account with its memberships (admins, or the CLI). */
export async function createUser(options: { db: Db; ctx: AccessContext | null; input: UserCreate; skipStrengthCheck?: boolean }) {
  const { input } = options;
  if (options.ctx) requireAdmin(options.ctx);
  if (!options.skipStrengthCheck && !isStrongPassword(input.password, [input.email, input.displayName])) {
    throw new AppError('validation', 'errors.password_weak', { fields: [{ path: 'password', message: 'errors.password_weak' }] });
  }
  const passwordHash = await hashPassword(input.password);
  return options.db.transaction(async (tx) => {
    await checkMemberships(tx, input.memberships);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken)
      throw new AppError('conflict', 'errors.email_taken', { fields: [{ path: 'email', message: 'errors.email_taken' }] });
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, locale: input.locale, passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    await replaceMemberships(tx, user.id, input.memberships);
    await recordAudit(tx, options.ctx ?? CLI_AUDIT, {
      action: 'admin.user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email: input.email, memberships: input.memberships },
    });
    const created = await findUser(tx, user.id);
    if (!created) throw new Error('user vanished');
    return created;
  });
}

/**
 * Changes an account. Disabling it, resetting its password or its authenticator ends its sessions
 * at once. An admin cannot disable themself or drop their own admin role (the deployment would be
 * left without a way in).
 */
export async function updateUser(options: { db: Db; ctx: AccessContext; id: string; patch: UserUpdate }) {
  const { ctx, patch } = options;
  requireAdmin(ctx);
  if (Object.keys(patch).length === 0) throw new AppError('validation', 'errors.nothing_to_change');
  const self = ctx.actor.kind === 'user' && ctx.actor.userId === options.id;
  if (self && (patch.status === 'disabled' || (patch.memberships && !patch.memberships.some((m) => m.role === 'admin')))) {
    throw new AppError('conflict', 'errors.own_account');
  }
  // Another administrator must grant an administrator any other role (such as one that sees participants).
  if (self && patch.memberships && ctx.actor.kind === 'user') {
    const held = new Set(ctx.actor.memberships.map((m) => `${m.organizationId}:${m.role}`));
    if (patch.memberships.some((m) => !held.has(`${m.organizationId}:${m.role}`)))
      throw new AppError('conflict', 'errors.own_roles');
  }
  if (patch.password) {
    const existing = await findUser(options.db, options.id);
    if (!existing) throw notFound();
    if (!isStrongPassword(patch.password, [existing.email, existing.displayName])) {
      throw new AppError('validation', 'errors.password_weak', {
        fields: [{ path: 'password', message: 'errors.password_weak' }],
      });
    }
  }
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return options.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.id, options.id)).for('update');
    if (!existing) throw notFound();
    const set: Partial<typeof users.$inferInsert> = {};
    if (patch.displayName) set.displayName = patch.displayName;
    if (patch.locale) set.locale = patch.locale;
    if (patch.status) set.status = patch.status;
    if (patch.unlock) Object.assign(set, { lockedUntil: null, failedSignIns: 0 });
    if (patch.resetMfa) Object.assign(set, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null });
    if (passwordHash) Object.assign(set, { passwordHash, passwordChangedAt: new Date() });
    if (Object.keys(set).length > 0) await tx.update(users).set(set).where(eq(users.id, options.id));
    if (patch.resetMfa) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, options.id));
    if (patch.memberships) {
      await checkMemberships(tx, patch.memberships);
      await replaceMemberships(tx, options.id, patch.memberships);
    }
    if (patch.status === 'disabled' || patch.resetMfa || passwordHash) {
      await endUserSessions(tx, options.id, patch.status === 'disabled' ? 'disabled' : 'reset_by_admin');
    }
    const { password: _password, ...auditable } = patch;
    await recordAudit(tx, ctx, {
      action: 'admin.user.update',
      targetType: 'user',
      targetId: options.id,
      details: { ...auditable, ...(passwordHash ? { passwordReset: true } : {}) },
    });
    const updated = await findUser(tx, options.id);
    if (!updated) throw new Error('user vanished');
    return updated;
  });
}
