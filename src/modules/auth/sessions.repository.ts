import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { ActorMembership } from '../access/access-context.js';
import type { Locale } from '../users/users.schema.js';
import type { TokenScope } from './auth.schema.js';
import { apiTokens, type SESSION_STAGES, sessions } from './auth.tables.js';
import { randomSecret, sha256 } from './secrets.js';

export type SessionStage = (typeof SESSION_STAGES)[number];

export type ActiveSession = {
  id: string;
  stage: SessionStage;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  idleMinutes: number;
  user: { id: string; email: string; displayName: string; locale: Locale; mfaEnabled: boolean };
  memberships: ActorMembership[];
};

type SessionRow = {
  id: string;
  stage: SessionStage;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  idle_minutes: number;
  user_id: string;
  email: string;
  display_name: string;
  locale: Locale;
  mfa_enabled: boolean;
  memberships: ActorMembership[];
};

/**
 * The live session for a cookie token, with its user and memberships, in one query. A session is
 * live while not ended, before its absolute expiry, within the idle timeout, and while its user is
 * active — so disabling a user or ending a session takes effect on the next request.
 */
export async function findActiveSession(q: Queryable, token: string): Promise<ActiveSession | null> {
  const result = await q.execute<SessionRow>(sql`
    SELECT s.id, s.stage, s.csrf_token, s.last_seen_at, s.expires_at, ss.session_idle_minutes AS idle_minutes,
           u.id AS user_id, u.email, u.display_name, u.locale, (u.mfa_secret IS NOT NULL) AS mfa_enabled,
           coalesce((
             SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name,
                                               'organizationKind', o.kind, 'role', m.role) ORDER BY o.name, m.role)
             FROM memberships m JOIN organizations o ON o.id = m.organization_id
             WHERE m.user_id = u.id AND o.active
           ), '[]'::json) AS memberships
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    CROSS JOIN security_settings ss
    WHERE s.token_hash = ${sha256(token)}
      AND s.ended_at IS NULL
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ss.session_idle_minutes)
      AND u.status = 'active'`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    stage: row.stage,
    csrfToken: row.csrf_token,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    idleMinutes: row.idle_minutes,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      mfaEnabled: row.mfa_enabled,
    },
    memberships: row.memberships,
  };
}

/** Records activity at most every 30 seconds, which is all the idle timeout needs. */
export async function touchSession(q: Queryable, session: ActiveSession): Promise<void> {
  if (Date.now() - session.lastSeenAt.getTime() < 30_000) return;
  await q.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, session.id));
}

export async function createSession(
  q: Queryable,
  options: { userId: string; stage: SessionStage; maxHours: number; ip: string | null; userAgent: string | null },
): Promise<{ id: string; token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(Date.now() + options.maxHours * 3_600_000);
  const [row] = await q
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      csrfToken,
      userId: options.userId,
      stage: options.stage,
      expiresAt,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 500) ?? null,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return { id: row.id, token, csrfToken, expiresAt };
}

export async function setSessionStage(q: Queryable, sessionId: string, stage: SessionStage): Promise<void> {
  await q.update(sessions).set({ stage, lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function endSession(q: Queryable, sessionId: string, reason: string): Promise<void> {
  await q
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a user (disabled, password reset, MFA reset). */
export async function endUserSessions(q: Queryable, userId: string, reason: string, exceptSessionId?: string): Promise<void> {
  await q
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}

export type ActiveToken = {
  id: string;
  name: string;
  organizationId: string;
  organizationKind: ActorMembership['organizationKind'];
  scopes: TokenScope[];
};

/** The live API token for a bearer secret, or null. */
export async function findActiveToken(q: Queryable, secret: string): Promise<ActiveToken | null> {
  const result = await q.execute<{
    id: string;
    name: string;
    organization_id: string;
    kind: ActorMembership['organizationKind'];
    scopes: TokenScope[];
    last_used_at: Date | null;
  }>(sql`
    SELECT t.id, t.name, t.organization_id, o.kind, t.scopes, t.last_used_at
    FROM api_tokens t JOIN organizations o ON o.id = t.organization_id
    WHERE t.token_hash = ${sha256(secret)} AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now()) AND o.active`);
  const row = result.rows[0];
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await q.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return { id: row.id, name: row.name, organizationId: row.organization_id, organizationKind: row.kind, scopes: row.scopes };
}
