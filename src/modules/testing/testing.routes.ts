import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZDataClass } from '../records/data-classes.js';
import { closeTestReview, createTest, openTestReview, recordCollection, recordResults, recordUseReport } from './manage-tests.js';
import { readParticipantTests } from './read-tests.js';
import {
  ZCollection,
  ZResultsCreate,
  ZReviewClose,
  ZReviewCreate,
  ZTest,
  ZTestCreate,
  ZUseReportCreate,
} from './testing.schema.js';

const tags = ['testing'];
const ZId = z.object({ id: z.uuid() });
const ZCreated = z.object({ id: z.uuid() });

export async function testingRoutes(app: App) {
  app.get(
    '/v1/participants/:id/tests',
    {
      schema: {
        tags,
        summary:
          'A participant’s drug and alcohol tests, newest first, as the caller may see them: each interpreted from what the caller may see (prescriptions, earlier tests); disclosures accounted',
        params: ZId,
        querystring: z.object({
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            participantId: z.uuid(),
            items: z.array(ZTest),
            more: z.boolean(),
            withheld: z.array(ZDataClass),
            redisclosureNotice: z.boolean(),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) =>
      readParticipantTests({ db: app.db, ctx: accessOf(request), participantId: request.params.id, query: request.query }),
  );

  app.post(
    '/v1/tests',
    {
      schema: {
        tags,
        summary: 'Ask for a test outside the random draw (for cause, at intake); the caller’s organization collects and holds it',
        body: ZTestCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTest({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.post(
    '/v1/tests/:id/collection',
    {
      schema: {
        tags,
        summary:
          'Record how collection went (collected, missed, unable to provide, refused) and the specimen’s validity readings',
        params: ZId,
        body: ZCollection,
        response: { 200: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => recordCollection({ db: app.db, ctx: accessOf(request), testId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/tests/:id/results',
    {
      schema: {
        tags,
        summary:
          'Enter results by hand (screen or confirmation, per analyte); a result for the same analyte and stage replaces the earlier one',
        params: ZId,
        body: ZResultsCreate,
        response: { 200: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) =>
      recordResults({ db: app.db, ctx: accessOf(request), testId: request.params.id, results: request.body.results }),
  );

  app.post(
    '/v1/tests/:id/reviews',
    {
      schema: {
        tags,
        summary:
          'Open a dispute of a result (a confirmation is asked for; the result is not used for a response until it is settled) or a carry-over review',
        params: ZId,
        body: ZReviewCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await openTestReview({ db: app.db, ctx: accessOf(request), testId: request.params.id, input: request.body })),
  );

  app.post(
    '/v1/test-reviews/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a review with what the team found (the result stands or not; new use or carry-over)',
        params: ZId,
        body: ZReviewClose,
        response: { 200: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => closeTestReview({ db: app.db, ctx: accessOf(request), reviewId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/use-reports',
    {
      schema: {
        tags,
        summary:
          'Record use the participant reported themself — its own fact, never a test result; held by the organization that heard it',
        body: ZUseReportCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordUseReport({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
}
