import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { errorResponses, notFound } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requireAdmin } from '../access/require-admin.js';
import { accessOf } from '../auth/auth.plugin.js';
import { createUser, updateUser } from './manage-users.js';
import { findUser, listUsers } from './users.repository.js';
import { ZUser, ZUserCreate, ZUserList, ZUserListQuery, ZUserUpdate } from './users.schema.js';

const tags = ['administration'];
const ZParams = z.object({ id: z.uuid() });

export async function userRoutes(app: App) {
  app.get(
    '/v1/users',
    {
      schema: {
        tags,
        summary: 'Users and their roles (admins)',
        querystring: ZUserListQuery,
        response: { 200: ZUserList, ...errorResponses(403) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      requireAdmin(ctx);
      const items = await listUsers(app.db, request.query);
      await recordAudit(app.db, ctx, { action: 'admin.user.list', details: { filters: request.query, count: items.length } });
      return { items };
    },
  );
  app.get(
    '/v1/users/:id',
    { schema: { tags, summary: 'One user (admins)', params: ZParams, response: { 200: ZUser, ...errorResponses(403, 404) } } },
    async (request) => {
      const ctx = accessOf(request);
      requireAdmin(ctx);
      const user = await findUser(app.db, request.params.id);
      if (!user) throw notFound();
      await recordAudit(app.db, ctx, { action: 'admin.user.read', targetType: 'user', targetId: user.id });
      return user;
    },
  );
  app.post(
    '/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admins)',
        body: ZUserCreate,
        response: { 201: ZUser, ...errorResponses(403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
  app.patch(
    '/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user: roles, status, unlock, reset password or authenticator (admins)',
        params: ZParams,
        body: ZUserUpdate,
        response: { 200: ZUser, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => updateUser({ db: app.db, ctx: accessOf(request), id: request.params.id, patch: request.body }),
  );
}
