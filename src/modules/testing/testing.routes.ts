import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZDataClass } from '../records/data-classes.js';
import { closeTestReview, createTest, openTestReview, recordCollection, recordResults, recordUseReport } from './manage-tests.js';
import { readParticipantTests } from './read-tests.js';
import {
  addHoliday,
  createGroup,
  listDraws,
  listGroups,
  listHolidays,
  readTestingPlans,
  readTestingSettings,
  runDraw,
  setTestingPlan,
  updateTestingSettings,
  verifyDraw,
} from './schedules.js';
import {
  ZCollection,
  ZHolidayCreate,
  ZResultsCreate,
  ZReviewClose,
  ZReviewCreate,
  ZTest,
  ZTestCreate,
  ZTestingDashboard,
  ZTestingGroupCreate,
  ZTestingPlanCreate,
  ZTestingPlans,
  ZTestingSettings,
  ZTestingSettingsUpdate,
  ZUseReportCreate,
} from './testing.schema.js';
import { readTestingDashboard } from './testing-dashboard.js';

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

  const ZCourt = z.object({ id: z.uuid() });
  const ZGroup = z.object({ id: z.uuid(), name: z.string(), testsPerWeek: z.number(), active: z.boolean(), members: z.number() });

  app.get(
    '/v1/courts/:id/testing-groups',
    {
      schema: {
        tags,
        summary: 'The court’s call-in groups ("colors") and how many participants each has',
        params: ZCourt,
        response: { 200: z.object({ items: z.array(ZGroup) }), ...errorResponses(403) },
      },
    },
    async (request) => listGroups({ db: app.db, ctx: accessOf(request), courtId: request.params.id }),
  );

  app.post(
    '/v1/courts/:id/testing-groups',
    {
      schema: {
        tags,
        summary: 'Add a call-in group',
        params: ZCourt,
        body: ZTestingGroupCreate,
        response: { 201: ZGroup, ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createGroup({ db: app.db, ctx: accessOf(request), courtId: request.params.id, input: request.body })),
  );

  app.get(
    '/v1/courts/:id/holidays',
    {
      schema: {
        tags,
        summary: 'The court’s holidays (drawn as often as any other day, and counted for the parity figure)',
        params: ZCourt,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.uuid(), on: z.iso.date(), name: z.string() })) }),
          ...errorResponses(403),
        },
      },
    },
    async (request) => listHolidays({ db: app.db, ctx: accessOf(request), courtId: request.params.id }),
  );

  app.post(
    '/v1/courts/:id/holidays',
    {
      schema: {
        tags,
        summary: 'Add a court holiday',
        params: ZCourt,
        body: ZHolidayCreate,
        response: { 201: z.object({ id: z.uuid(), on: z.iso.date(), name: z.string() }), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addHoliday({ db: app.db, ctx: accessOf(request), courtId: request.params.id, input: request.body })),
  );

  app.get(
    '/v1/participants/:id/testing-plans',
    {
      schema: {
        tags,
        summary:
          'The testing plan in effect on each of the participant’s cases the caller may see (none: the participant is in no draw)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZTestingPlans, ...errorResponses(404) },
      },
    },
    async (request) => readTestingPlans({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.post(
    '/v1/testing-plans',
    {
      schema: {
        tags,
        summary:
          'Set how a participant is tested on a case: on their own or with a call-in group, how often, what specimen, who collects',
        body: ZTestingPlanCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await setTestingPlan({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.get(
    '/v1/courts/:id/testing/draws',
    {
      schema: {
        tags,
        summary: 'The court’s daily draws in a span of days: the groups called and how many tested',
        params: ZCourt,
        querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                date: z.iso.date(),
                groups: z.array(z.string()),
                individuals: z.number(),
                tests: z.number(),
                holiday: z.string().nullable(),
                drawnAt: z.iso.datetime({ offset: true }),
              }),
            ),
          }),
          ...errorResponses(403),
        },
      },
    },
    async (request) =>
      listDraws({
        db: app.db,
        ctx: accessOf(request),
        courtId: request.params.id,
        from: request.query.from,
        to: request.query.to,
      }),
  );

  app.post(
    '/v1/courts/:id/testing/draws',
    {
      schema: {
        tags,
        summary: 'Make the day’s random draw (once a day; asked again, the same draw) and the tests it calls',
        params: ZCourt,
        body: z.object({ date: z.iso.date().optional() }),
        response: { 200: z.object({ id: z.uuid(), date: z.iso.date(), tests: z.number() }), ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const { draw, created } = await runDraw({
        db: app.db,
        ctx: accessOf(request),
        courtId: request.params.id,
        date: request.body.date,
      });
      return { id: draw.id, date: draw.drawDate, tests: created };
    },
  );

  app.get(
    '/v1/testing/draws/:id/verify',
    {
      schema: {
        tags,
        summary: 'Run a draw again from its stored seed and pool, and say whether it selects what it selected',
        params: ZId,
        response: {
          200: z.object({ drawId: z.uuid(), date: z.iso.date(), algorithm: z.string(), reproduced: z.boolean() }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => verifyDraw({ db: app.db, ctx: accessOf(request), drawId: request.params.id }),
  );

  app.get(
    '/v1/courts/:id/testing/dashboard',
    {
      schema: {
        tags,
        summary:
          'The court’s testing dashboard: tests due today, results overdue, tests missed (as consent allows), and the twice-weekly and weekend/holiday standards read from the court’s draws',
        params: ZCourt,
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        response: { 200: ZTestingDashboard, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      readTestingDashboard({
        db: app.db,
        ctx: accessOf(request),
        courtId: request.params.id,
        from: request.query.from,
        to: request.query.to,
      }),
  );

  app.get(
    '/v1/courts/:id/testing/settings',
    {
      schema: {
        tags,
        summary: 'The court’s report-by deadlines: hours from notice, per specimen, with the standards’ defaults beside them',
        params: ZCourt,
        response: { 200: ZTestingSettings, ...errorResponses(403, 404) },
      },
    },
    async (request) => readTestingSettings({ db: app.db, ctx: accessOf(request), courtId: request.params.id }),
  );

  app.patch(
    '/v1/courts/:id/testing/settings',
    {
      schema: {
        tags,
        summary:
          'Set the court’s report-by deadlines for the specimens named (the coordinator); tests already noticed keep their deadline',
        params: ZCourt,
        body: ZTestingSettingsUpdate,
        response: { 200: ZTestingSettings, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      updateTestingSettings({ db: app.db, ctx: accessOf(request), courtId: request.params.id, input: request.body }),
  );
}
