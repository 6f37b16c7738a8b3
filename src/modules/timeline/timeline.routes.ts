import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { previewTimeline, ZPreview } from './preview-timeline.js';
import { readTimeline } from './read-timeline.js';
import { ZTimeline, ZTimelineQuery } from './timeline.schema.js';

export async function timelineRoutes(app: App) {
  app.get(
    '/v1/participants/:id/timeline',
    {
      schema: {
        tags: ['participants'],
        summary:
          'A participant’s records of every kind, newest first, as the caller may see them (consent rules applied record by record; disclosures accounted)',
        params: z.object({ id: z.uuid() }),
        querystring: ZTimelineQuery,
        response: { 200: ZTimeline, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      readTimeline({ db: app.db, ctx: accessOf(request), participantId: request.params.id, query: request.query }),
  );

  app.get(
    '/v1/participants/:id/disclosure-preview',
    {
      schema: {
        tags: ['consent'],
        summary:
          'What can they see? The records one member of the case team receives, and for each class of record whether it is shared with them and why',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ userId: z.uuid() }),
        response: { 200: ZPreview, ...errorResponses(404) },
      },
    },
    async (request) =>
      previewTimeline({ db: app.db, ctx: accessOf(request), participantId: request.params.id, userId: request.query.userId }),
  );
}
