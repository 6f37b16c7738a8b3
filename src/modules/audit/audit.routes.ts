import type pg from 'pg';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
import { AppError, errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import type { AccessContext } from '../access/access-context.js';
import { isAdmin } from '../access/permissions.js';
import { accessOf } from '../auth/auth.plugin.js';
import { browseAudit } from './audit.repository.js';
import { ZAuditPage, ZAuditQuery, ZAuditVerification } from './audit.schema.js';

const tags = ['audit'];

/** Admins, and integration tokens given the audit:read scope (a SIEM export). */
function requireAuditReader(ctx: AccessContext) {
  const allowed = ctx.actor.kind === 'token' ? ctx.actor.scopes.includes('audit:read') : isAdmin(ctx.actor);
  if (!allowed) throw new AppError('forbidden');
}

export async function auditRoutes(app: App) {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags,
        summary: 'Browse and filter the audit log (admins); the browsing is itself audited',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, ...errorResponses(403) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      requireAuditReader(ctx);
      return app.db.transaction(async (tx) => {
        const page = await browseAudit(tx, request.query);
        await recordAudit(tx, ctx, { action: 'audit.read', details: { filters: request.query, count: page.items.length } });
        return page;
      });
    },
  );
  app.get(
    '/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Recompute the audit hash chain and report any altered or removed entry (admins)',
        response: { 200: ZAuditVerification, ...errorResponses(403) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      requireAuditReader(ctx);
      const pool = (app.db as unknown as { $client: pg.Pool }).$client;
      const report = await verifyAuditChain(pool);
      await recordAudit(app.db, ctx, {
        action: 'audit.verify',
        outcome: report.ok ? 'success' : 'failure',
        details: { rows: report.rows, problems: report.problems.length },
      });
      return report;
    },
  );
}
