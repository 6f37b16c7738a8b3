import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requireAdmin } from '../access/require-admin.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { accessOf } from './auth.plugin.js';
import {
  ZApiToken,
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZApiTokenList,
  ZSecuritySettings,
  ZSecuritySettingsUpdate,
} from './auth.schema.js';
import { readSecuritySettings, writeSecuritySettings } from './security-settings.repository.js';

const tags = ['administration'];

export async function securityRoutes(app: App) {
  app.get(
    '/v1/admin/security-settings',
    { schema: { tags, summary: 'Security settings (admins)', response: { 200: ZSecuritySettings, ...errorResponses(403) } } },
    async (request) => {
      requireAdmin(accessOf(request));
      return readSecuritySettings(app.db);
    },
  );
  app.patch(
    '/v1/admin/security-settings',
    {
      schema: {
        tags,
        summary: 'Change security settings: MFA per role, session timeouts, lockout (admins)',
        body: ZSecuritySettingsUpdate,
        response: { 200: ZSecuritySettings, ...errorResponses(403) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      requireAdmin(ctx);
      return app.db.transaction(async (tx) => {
        const settings = await writeSecuritySettings(tx, request.body, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
        await recordAudit(tx, ctx, { action: 'admin.security_settings.update', details: request.body });
        return settings;
      });
    },
  );
  app.get(
    '/v1/admin/api-tokens',
    { schema: { tags, summary: 'API tokens (admins)', response: { 200: ZApiTokenList, ...errorResponses(403) } } },
    async (request) => {
      const ctx = accessOf(request);
      requireAdmin(ctx);
      return { items: await listApiTokens(app.db) };
    },
  );
  app.post(
    '/v1/admin/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown once (admins)',
        body: ZApiTokenCreate,
        response: { 201: ZApiTokenCreated, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createApiToken({
        db: app.db,
        ctx: accessOf(request),
        name: body.name,
        organizationId: body.organizationId,
        scopes: body.scopes,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
      });
      return reply.status(201).send(created);
    },
  );
  app.post(
    '/v1/admin/api-tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an API token at once (admins)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZApiToken, ...errorResponses(403, 404) },
      },
    },
    async (request) => revokeApiToken({ db: app.db, ctx: accessOf(request), id: request.params.id }),
  );
}
