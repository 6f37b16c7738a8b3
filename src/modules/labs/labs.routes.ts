import { z } from 'zod';
import { AppError, errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ingestHl7 } from './ingest-hl7.js';
import { ZCodeMappingInput, ZLabCreate, ZReviewResolution } from './labs.schema.js';
import { createLab, listLabs, listReviewItems, putMapping, resolveReviewItem } from './manage-labs.js';

const tags = ['labs'];
const ZId = z.object({ id: z.uuid() });
/** HL7 v2's media type for pipe-delimited ("ER7") messages. */
export const HL7_MEDIA_TYPE = 'x-application/hl7-v2+er7';

const ZLab = z.object({
  id: z.uuid(),
  name: z.string(),
  sendingFacility: z.string(),
  organizationId: z.uuid(),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});

export async function labRoutes(app: App) {
  // The HL7 endpoint takes the message as it is, pipes and carriage returns intact.
  app.addContentTypeParser(
    [HL7_MEDIA_TYPE, 'text/plain'],
    { parseAs: 'string', bodyLimit: 4 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/v1/integrations/hl7',
    {
      schema: {
        tags,
        summary:
          'Deliver one HL7 v2.5.1 ORU^R01 result message (API token with lab_results:write, of the organization the lab reports to). The answer is the HL7 ACK: AA taken (applied, or kept for review), AE not applied, AR refused (HTTP 400)',
        description: `Send the message as \`${HL7_MEDIA_TYPE}\` (or text/plain). A message sent again with the same control id is acknowledged and not applied twice.`,
        response: errorResponses(403),
      },
    },
    async (request, reply) => {
      const ctx = accessOf(request);
      if (ctx.actor.kind !== 'token' || !ctx.actor.scopes.includes('lab_results:write')) {
        throw new AppError('forbidden', 'errors.lab_token');
      }
      if (typeof request.body !== 'string' || request.body.trim() === '') throw new AppError('bad_request', 'errors.hl7_body');
      const result = await ingestHl7(app.db, request.body, {
        transport: 'https',
        tokenOrganizationId: ctx.actor.organizationId,
        audit: ctx,
        receivedBy: `token:${ctx.actor.name}`,
      });
      return reply
        .status(result.code === 'AR' ? 400 : 200)
        .type(HL7_MEDIA_TYPE)
        .send(result.ack as never);
    },
  );

  app.get(
    '/v1/labs',
    {
      schema: {
        tags,
        summary: 'The labs of the organizations whose lab work the caller handles, with their code mappings',
        response: {
          200: z.object({
            items: z.array(
              ZLab.extend({
                mappings: z.array(
                  z.object({
                    id: z.uuid(),
                    code: z.string(),
                    target: z.string(),
                    analyte: z.string().nullable(),
                    substanceGroup: z.string().nullable(),
                    stage: z.string().nullable(),
                    display: z.string(),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses(403),
        },
      },
    },
    async (request) => listLabs({ db: app.db, ctx: accessOf(request) }),
  );

  app.post(
    '/v1/labs',
    {
      schema: {
        tags,
        summary: 'Set up a lab: how it names itself in its messages (MSH-4) and the organization it reports to',
        body: ZLabCreate,
        response: { 201: ZLab, ...errorResponses(403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLab({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.put(
    '/v1/labs/:id/mappings',
    {
      schema: {
        tags,
        summary: 'Add or replace the mapping of one of the lab’s own codes (OBX-3) to an analyte or a validity reading',
        params: ZId,
        body: ZCodeMappingInput,
        response: { 200: z.object({ id: z.uuid() }), ...errorResponses(404) },
      },
    },
    async (request) => putMapping({ db: app.db, ctx: accessOf(request), labId: request.params.id, input: request.body }),
  );

  app.get(
    '/v1/lab-review',
    {
      schema: {
        tags,
        summary: 'What lab messages could not settle by themselves, for the organizations the caller handles lab work for',
        querystring: z.object({ status: z.enum(['open', 'resolved', 'dismissed']).default('open') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                reason: z.string(),
                status: z.string(),
                detail: z.record(z.string(), z.unknown()),
                testId: z.uuid().nullable(),
                lab: z.object({ id: z.uuid(), name: z.string() }).nullable(),
                message: z.object({
                  id: z.uuid(),
                  controlId: z.string().nullable(),
                  receivedAt: z.iso.datetime({ offset: true }),
                  transport: z.string(),
                }),
                createdAt: z.iso.datetime({ offset: true }),
                resolvedAt: z.iso.datetime({ offset: true }).nullable(),
                resolvedByName: z.string().nullable(),
                note: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses(403),
        },
      },
    },
    async (request) => listReviewItems({ db: app.db, ctx: accessOf(request), status: request.query.status }),
  );

  app.post(
    '/v1/lab-review/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Settle a review item: match it to a test, map its code, or dismiss it with a note',
        params: ZId,
        body: ZReviewResolution,
        response: { 200: z.object({ id: z.uuid() }), ...errorResponses(404, 409) },
      },
    },
    async (request) => resolveReviewItem({ db: app.db, ctx: accessOf(request), itemId: request.params.id, input: request.body }),
  );
}
