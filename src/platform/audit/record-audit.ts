import type { SQL } from 'drizzle-orm';
import { type AccessContext, actorLabel, actorOrganizationId } from '../../modules/access/access-context.js';
import type { Queryable } from '../db/database.js';
import { insertRows, insertRowsStatement } from '../db/sql-helpers.js';
import { auditLog } from './audit.tables.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export type AuditEntry = {
  /** Dotted verb, e.g. `participant.read`, `auth.sign_in`, `admin.user.update`. */
  action: string;
  outcome?: AuditOutcome;
  participantIds?: string[];
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

/** Who did it, when there is no signed-in actor yet (a sign-in attempt). */
export type AnonymousAuditContext = {
  actor: null;
  userId?: string | null;
  label?: string | null;
  organizationId?: string | null;
  request: AccessContext['request'];
};

/** The operator at the console (the `tandem` command line), for entries without a signed-in actor. */
export const CLI_AUDIT: AnonymousAuditContext = {
  actor: null,
  label: 'cli',
  request: { id: 'cli', ip: null, userAgent: 'tandem-cli' },
};

/**
 * Writes one audit entry with the transaction it records, so the entry and the change (or read)
 * commit or roll back together. Write it last in the transaction: the audit lane stays locked from
 * here to commit.
 */
export async function recordAudit(q: Queryable, ctx: AccessContext | AnonymousAuditContext, entry: AuditEntry): Promise<void> {
  await recordAudits(q, [{ ctx, entry }]);
}

/** Writes several audit entries in one statement (work taken together, such as a batch of lab messages). */
export async function recordAudits(
  q: Queryable,
  entries: readonly { ctx: AccessContext | AnonymousAuditContext; entry: AuditEntry }[],
): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(
    q,
    auditLog,
    entries.map(({ ctx, entry }) => auditRow(ctx, entry)),
  );
}

/** The same as a statement, to write with the change it records (writeTogether). */
export function auditStatement(
  entries: readonly { ctx: AccessContext | AnonymousAuditContext; entry: AuditEntry }[],
): SQL | null {
  return insertRowsStatement(
    auditLog,
    entries.map(({ ctx, entry }) => auditRow(ctx, entry)),
  );
}

function auditRow(ctx: AccessContext | AnonymousAuditContext, entry: AuditEntry): typeof auditLog.$inferInsert {
  const actor = ctx.actor;
  return {
    actorUserId: actor ? (actor.kind === 'user' ? actor.userId : null) : ((ctx as AnonymousAuditContext).userId ?? null),
    actorTokenId: actor?.kind === 'token' ? actor.tokenId : null,
    actorLabel: actor ? actorLabel(actor) : ((ctx as AnonymousAuditContext).label ?? null),
    organizationId: actor ? actorOrganizationId(actor) : ((ctx as AnonymousAuditContext).organizationId ?? null),
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    participantIds: entry.participantIds ?? [],
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? null,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent?.slice(0, 500) ?? null,
    requestId: ctx.request.id,
  };
}
