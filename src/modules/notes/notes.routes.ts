import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZNoteCreate } from './notes.schema.js';
import { writeNote } from './write-note.js';

const tags = ['notes'];

export async function noteRoutes(app: App) {
  app.post(
    '/v1/enrollments/:id/notes',
    {
      schema: {
        tags,
        summary:
          'Record a clinical or counseling note (case-team members of the treatment team); it appears on the timeline as the consent rules allow',
        params: z.object({ id: z.uuid() }),
        body: ZNoteCreate,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const note = await writeNote({ db: app.db, ctx: accessOf(request), enrollmentId: request.params.id, input: request.body });
      return reply.status(201).send(note);
    },
  );
}
