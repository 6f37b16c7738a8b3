import { z } from 'zod';
import { errorResponses, notFound } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { createProgram, updateProgram } from './manage-programs.js';
import { findProgram, listPrograms } from './programs.repository.js';
import { ZProgram, ZProgramCreate, ZProgramList, ZProgramUpdate } from './programs.schema.js';

const tags = ['programs'];
const ZParams = z.object({ id: z.uuid() });

export async function programRoutes(app: App) {
  app.get(
    '/v1/programs',
    {
      schema: {
        tags,
        summary: 'Programs and their phases (of the courts the caller serves; all for admins)',
        querystring: z.object({ courtId: z.uuid().optional() }),
        response: { 200: ZProgramList, ...errorResponses() },
      },
    },
    async (request) => ({ items: await listPrograms(app.db, accessOf(request).actor, { courtId: request.query.courtId }) }),
  );
  app.get(
    '/v1/programs/:id',
    { schema: { tags, summary: 'One program', params: ZParams, response: { 200: ZProgram, ...errorResponses(404) } } },
    async (request) => {
      const program = await findProgram(app.db, accessOf(request).actor, request.params.id);
      if (!program) throw notFound();
      return program;
    },
  );
  app.post(
    '/v1/programs',
    {
      schema: {
        tags,
        summary: 'Create a program (admins, or the court’s coordinators)',
        body: ZProgramCreate,
        response: { 201: ZProgram, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProgram({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
  app.patch(
    '/v1/programs/:id',
    {
      schema: {
        tags,
        summary: 'Change a program and its phases (admins, or the court’s coordinators)',
        params: ZParams,
        body: ZProgramUpdate,
        response: { 200: ZProgram, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => updateProgram({ db: app.db, ctx: accessOf(request), id: request.params.id, patch: request.body }),
  );
}
