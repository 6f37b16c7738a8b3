import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { exportTimeline } from './export-timeline.js';
import { previewTimeline, ZPreview, ZPreviewQuery } from './preview-timeline.js';
import { readTimeline } from './read-timeline.js';
import { ZTimeline, ZTimelineExportQuery, ZTimelineQuery } from './timeline.schema.js';

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
    '/v1/participants/:id/timeline/export',
    {
      schema: {
        tags: ['participants'],
        summary:
          'The timeline as a PDF or CSV file: the records the caller may see (the same rules as the timeline), stamped with the §2.32 notice when it leaves the treatment program; disclosures accounted as made by export',
        params: z.object({ id: z.uuid() }),
        querystring: ZTimelineExportQuery,
        response: errorResponses(403, 404),
      },
    },
    async (request, reply) => {
      const file = await exportTimeline({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        query: request.query,
      });
      // A Buffer goes out as it is, past the JSON serializer.
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body as never);
    },
  );

  app.get(
    '/v1/participants/:id/disclosure-preview',
    {
      schema: {
        tags: ['consent'],
        summary:
          'What can they see? The records one member of the case team (userId) — or anyone holding a role on the case (role) — receives, and for each class of record whether it is shared with them and why; what the caller is shown is accounted like any read',
        params: z.object({ id: z.uuid() }),
        querystring: ZPreviewQuery,
        response: { 200: ZPreview, ...errorResponses(404) },
      },
    },
    async (request) =>
      previewTimeline({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        userId: request.query.userId,
        role: request.query.role,
      }),
  );
}
