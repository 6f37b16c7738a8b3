import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { ZAttendance, ZAttendanceCreate, ZAttendanceUpdate } from './attendance.schema.js';
import { readAttendance, recordAttendance, updateAttendance } from './manage-attendance.js';

const tags = ['attendance'];
const ZId = z.object({ id: z.uuid() });

export async function attendanceRoutes(app: App) {
  app.get(
    '/v1/participants/:id/attendance',
    {
      schema: {
        tags,
        summary:
          'A participant’s scheduled events and how each went, as the caller may see them (treatment sessions under consent)',
        params: ZId,
        response: {
          200: z.object({ participantId: z.uuid(), items: z.array(ZAttendance), redisclosureNotice: z.boolean() }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => readAttendance({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.post(
    '/v1/attendance',
    {
      schema: {
        tags,
        summary:
          'Schedule or record an event: treatment session, hearing, probation appointment, peer support, mutual-aid meeting',
        body: ZAttendanceCreate,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordAttendance({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.patch(
    '/v1/attendance/:id',
    {
      schema: {
        tags,
        summary: 'Mark how an event went, verify a self-reported one, or reschedule it (its holder only)',
        params: ZId,
        body: ZAttendanceUpdate,
        response: { 200: z.object({ id: z.uuid(), rescheduledTo: z.uuid().nullable() }), ...errorResponses(403, 404) },
      },
    },
    async (request) => updateAttendance({ db: app.db, ctx: accessOf(request), eventId: request.params.id, input: request.body }),
  );
}
