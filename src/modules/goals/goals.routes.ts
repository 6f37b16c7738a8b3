import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZLocale } from '../users/users.schema.js';
import {
  ZDecisionCreate,
  ZGoalCreate,
  ZGoalsOverview,
  ZGoalUpdate,
  ZObservation,
  ZPlanUpdate,
  ZProgressNote,
  ZReclassify,
  ZStepCreate,
  ZStepUpdate,
} from './goals.schema.js';
import {
  addProgressNote,
  addStep,
  createGoal,
  reclassifyGoal,
  recordDecision,
  recordObservation,
  savePlan,
  updateGoal,
  updateStep,
} from './manage-goals.js';
import { exportPlan } from './plan-pdf.js';
import { readGoalsOverview } from './read-goals.js';

const tags = ['goals'];
const ZId = z.object({ id: z.uuid() });
const ZCreated = z.object({ id: z.uuid() });

export async function goalRoutes(app: App) {
  app.get(
    '/v1/participants/:id/goals',
    {
      schema: {
        tags,
        summary:
          'The participant’s goals (theirs, the treatment provider’s, the mandating entity’s) with their history, indicators and plan steps; the alignment view; the plan; the latest instrument scores — as the caller may see them',
        params: ZId,
        response: { 200: ZGoalsOverview, ...errorResponses(404) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      return readGoalsOverview({ db: app.db, ctx, participantId: request.params.id, locale: ctx.locale });
    },
  );

  app.get(
    '/v1/participants/:id/plan.pdf',
    {
      schema: {
        tags,
        summary:
          'The person-centered plan as a PDF the participant keeps, in their language (or lang): what the caller may see of it, with the §2.32 notice when it carries another program’s Part 2 records; accounted as an export',
        params: ZId,
        querystring: z.object({ lang: ZLocale.optional() }),
        response: errorResponses(404),
      },
    },
    async (request, reply) => {
      const file = await exportPlan({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        lang: request.query.lang,
      });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body as never);
    },
  );

  app.post(
    '/v1/goals',
    {
      schema: {
        tags,
        summary:
          'Record a goal: the participant’s own (in their words) or the treatment provider’s, by the treatment team; the mandating entity’s, by the court or probation',
        body: ZGoalCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createGoal({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.patch(
    '/v1/goals/:id',
    {
      schema: {
        tags,
        summary: 'Reword a goal, change its target date or indicators, mark it met or set it aside (its holder)',
        params: ZId,
        body: ZGoalUpdate,
        response: { 200: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request) => updateGoal({ db: app.db, ctx: accessOf(request), goalId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/goals/:id/classification',
    {
      schema: {
        tags,
        summary: 'Reclassify a goal proximal or distal, with the reason; who, when and why are kept in its history',
        params: ZId,
        body: ZReclassify,
        response: { 200: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => reclassifyGoal({ db: app.db, ctx: accessOf(request), goalId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/goals/:id/notes',
    {
      schema: {
        tags,
        summary: 'A progress note on a goal',
        params: ZId,
        body: ZProgressNote,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addProgressNote({ db: app.db, ctx: accessOf(request), goalId: request.params.id, note: request.body.note })),
  );

  app.post(
    '/v1/goals/:id/observations',
    {
      schema: {
        tags,
        summary: 'The team’s observation of an observed indicator (e.g. “carries naloxone”)',
        params: ZId,
        body: ZObservation,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordObservation({ db: app.db, ctx: accessOf(request), goalId: request.params.id, input: request.body })),
  );

  app.post(
    '/v1/goals/:id/steps',
    {
      schema: {
        tags,
        summary: 'A step of the plan toward the goal: who does what by when',
        params: ZId,
        body: ZStepCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addStep({ db: app.db, ctx: accessOf(request), goalId: request.params.id, input: request.body })),
  );

  app.patch(
    '/v1/plan-steps/:id',
    {
      schema: {
        tags,
        summary: 'Mark a step done, dropped, or open again',
        params: ZId,
        body: ZStepUpdate,
        response: { 200: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request) => updateStep({ db: app.db, ctx: accessOf(request), stepId: request.params.id, input: request.body }),
  );

  app.put(
    '/v1/participants/:id/plan',
    {
      schema: {
        tags,
        summary:
          'The plan as a whole, kept by the caller’s treatment program: self-management skills, natural supports (with the participant’s permission) and the next review',
        params: ZId,
        body: ZPlanUpdate,
        response: { 200: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request) => savePlan({ db: app.db, ctx: accessOf(request), participantId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/alignment-decisions',
    {
      schema: {
        tags,
        summary: 'The team’s decision on a finding of the alignment view: how it is reconciled, with the participant',
        body: ZDecisionCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordDecision({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
}
