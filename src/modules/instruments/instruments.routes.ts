import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { INSTRUMENTS } from './instrument-catalog.js';
import { ZInstrumentResponse, ZInstrumentResponseCreate, ZSafetyFollowUp } from './instruments.schema.js';
import { followUpSafety, readInstruments, recordResponse } from './manage-instruments.js';

const tags = ['instruments'];
const ZId = z.object({ id: z.uuid() });
const ZText = z.object({ en: z.string(), es: z.string() });

export async function instrumentRoutes(app: App) {
  app.get(
    '/v1/instruments',
    {
      schema: {
        tags,
        summary: 'The instruments Tandem scores: items, answer scales, bands and sources, in English and Spanish',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                version: z.string(),
                name: ZText,
                stem: ZText.nullable(),
                items: z.array(
                  z.object({ id: z.string(), text: ZText, options: z.array(z.object({ value: z.number(), label: ZText })) }),
                ),
                scoring: z.union([
                  z.object({
                    type: z.literal('sum'),
                    min: z.number(),
                    max: z.number(),
                    bands: z.array(z.object({ min: z.number(), key: z.string(), label: ZText })),
                  }),
                  z.object({ type: z.literal('separate') }),
                ]),
                safetyItem: z.string().optional(),
                source: z.string(),
                translationNote: ZText.optional(),
              }),
            ),
          }),
          ...errorResponses(),
        },
      },
    },
    async () => ({ items: Object.values(INSTRUMENTS) }),
  );

  app.get(
    '/v1/participants/:id/instruments',
    {
      schema: {
        tags,
        summary:
          'Every instrument response of the participant the caller may see (BARC-10, Readiness Ruler, PHQ-9, GAD-7, RANT quadrant), newest first; the PHQ-9 safety prompt only for the holding program’s clinicians',
        params: ZId,
        response: {
          200: z.object({ participantId: z.uuid(), items: z.array(ZInstrumentResponse), redisclosureNotice: z.boolean() }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => readInstruments({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.post(
    '/v1/instrument-responses',
    {
      schema: {
        tags,
        summary:
          'Record a completed instrument (scored on saving; every item answered) or a risk–need triage result; a PHQ-9 item 9 above 0 raises a safety prompt for the program’s clinicians',
        body: ZInstrumentResponseCreate,
        response: { 201: z.object({ id: z.uuid(), safetyPrompt: z.boolean() }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordResponse({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.post(
    '/v1/instrument-responses/:id/safety-follow-up',
    {
      schema: {
        tags,
        summary: 'A clinician of the holding program records the follow-up of a PHQ-9 safety prompt',
        params: ZId,
        body: ZSafetyFollowUp,
        response: { 200: z.object({ id: z.uuid() }), ...errorResponses(404, 409) },
      },
    },
    async (request) =>
      followUpSafety({ db: app.db, ctx: accessOf(request), responseId: request.params.id, note: request.body.note }),
  );
}
