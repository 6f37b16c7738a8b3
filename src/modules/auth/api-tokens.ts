import { desc, eq } from 'drizzle-orm';
import { CLI_AUDIT, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { requireAdmin } from '../access/require-admin.js';
import { organizations } from '../organizations/organizations.tables.js';
import type { TokenScope } from './auth.schema.js';
import { apiTokens } from './auth.tables.js';
import { randomSecret, sha256 } from './secrets.js';

type TokenRow = typeof apiTokens.$inferSelect;

function toApi(row: TokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    organizationId: row.organizationId,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Issues an API token for an integration. The secret is returned once; only its SHA-256 is kept.
 * `ctx` is null when the command line creates it (the operator at the console is the authority).
 */
export async function createApiToken(options: {
  db: Db;
  ctx: AccessContext | null;
  name: string;
  organizationId: string;
  scopes: TokenScope[];
  expiresAt?: Date;
}) {
  if (options.ctx) requireAdmin(options.ctx);
  const secret = `tdm_${randomSecret(32)}`;
  return options.db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, options.organizationId));
    if (!org) throw new AppError('validation', 'errors.organization_not_found');
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: options.name,
        prefix: secret.slice(0, 12),
        tokenHash: sha256(secret),
        organizationId: options.organizationId,
        scopes: [...new Set(options.scopes)],
        createdBy: options.ctx?.actor.kind === 'user' ? options.ctx.actor.userId : null,
        expiresAt: options.expiresAt ?? null,
      })
      .returning();
    if (!row) throw new Error('token insert returned nothing');
    const audit = {
      action: 'admin.api_token.create',
      targetType: 'api_token',
      targetId: row.id,
      details: { name: row.name, scopes: row.scopes, organizationId: row.organizationId },
    };
    if (options.ctx) await recordAudit(tx, options.ctx, audit);
    else await recordAudit(tx, CLI_AUDIT, audit);
    return { token: toApi(row), secret };
  });
}

export async function listApiTokens(q: Queryable) {
  const rows = await q.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  return rows.map(toApi);
}

export async function revokeApiToken(options: { db: Db; ctx: AccessContext; id: string }) {
  requireAdmin(options.ctx);
  return options.db.transaction(async (tx) => {
    const [row] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, options.id)).returning();
    if (!row) throw notFound();
    await recordAudit(tx, options.ctx, { action: 'admin.api_token.revoke', targetType: 'api_token', targetId: row.id });
    return toApi(row);
  });
}
