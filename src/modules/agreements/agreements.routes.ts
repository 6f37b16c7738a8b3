import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZAcknowledgement, ZAgreementCreate, ZAgreements } from './agreements.schema.js';
import { acknowledgeAgreement, draftAgreement, listAgreements } from './manage-agreements.js';

const tags = ['agreements'];

export async function agreementRoutes(app: App) {
  app.get(
    '/v1/participants/:id/agreements',
    {
      schema: {
        tags,
        summary:
          'The participant’s agreements with the court, every version, with each condition and what the condition validator warned about',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZAgreements, ...errorResponses(404) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      return listAgreements({ db: app.db, ctx, participantId: request.params.id, locale: ctx.locale });
    },
  );

  app.post(
    '/v1/agreements',
    {
      schema: {
        tags,
        summary:
          'Draft a new version of a case’s agreement (the court’s coordinator). Conditions the validator refuses — stopping, tapering or refusing prescribed medication, compelling one, abstinence that counts a prescription — are answered with 400 and the reason for each',
        body: ZAgreementCreate,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await draftAgreement({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.post(
    '/v1/agreements/:id/acknowledge',
    {
      schema: {
        tags,
        summary:
          'Record that the participant acknowledged this version — that they understand its conditions and the consequences of not meeting them, in their language; the version before it is superseded',
        params: z.object({ id: z.uuid() }),
        body: ZAcknowledgement,
        response: { 200: z.object({ id: z.uuid() }), ...errorResponses(403, 404, 409) },
      },
    },
    async (request) =>
      acknowledgeAgreement({
        db: app.db,
        ctx: accessOf(request),
        agreementId: request.params.id,
        acknowledgedOn: request.body.acknowledgedOn,
      }),
  );
}
