import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requireAdmin } from '../access/require-admin.js';
import { accessOf } from '../auth/auth.plugin.js';
import { createOrganization, updateOrganization } from './manage-organizations.js';
import { listOrganizations } from './organizations.repository.js';
import { ZOrganization, ZOrganizationCreate, ZOrganizationList, ZOrganizationUpdate } from './organizations.schema.js';

const tags = ['administration'];

export async function organizationRoutes(app: App) {
  app.get(
    '/v1/organizations',
    { schema: { tags, summary: 'All organizations (admins)', response: { 200: ZOrganizationList, ...errorResponses(403) } } },
    async (request) => {
      const ctx = accessOf(request);
      requireAdmin(ctx);
      const items = await listOrganizations(app.db);
      await recordAudit(app.db, ctx, { action: 'admin.organization.list', details: { count: items.length } });
      return { items };
    },
  );
  app.post(
    '/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organization (admins)',
        body: ZOrganizationCreate,
        response: { 201: ZOrganization, ...errorResponses(403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganization({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
  app.patch(
    '/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organization (admins)',
        params: z.object({ id: z.uuid() }),
        body: ZOrganizationUpdate,
        response: { 200: ZOrganization, ...errorResponses(403, 404) },
      },
    },
    async (request) => updateOrganization({ db: app.db, ctx: accessOf(request), id: request.params.id, patch: request.body }),
  );
}
