import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import {
  createPrescription,
  readPrescriptions,
  recordContinuityEvent,
  recordDose,
  updatePrescription,
} from './manage-prescriptions.js';
import {
  ZContinuityAlert,
  ZContinuityEventCreate,
  ZDoseCreate,
  ZPrescription,
  ZPrescriptionCreate,
  ZPrescriptionUpdate,
} from './medications.schema.js';

const tags = ['medications'];
const ZId = z.object({ id: z.uuid() });
const ZCreated = z.object({ id: z.uuid() });

export async function medicationRoutes(app: App) {
  app.get(
    '/v1/participants/:id/prescriptions',
    {
      schema: {
        tags,
        summary:
          'A participant’s prescriptions as the caller may see them: in full, or only that they receive MOUD when that is all a consent shares; continuity alerts for the treatment team',
        params: ZId,
        response: {
          200: z.object({
            participantId: z.uuid(),
            items: z.array(ZPrescription),
            alerts: z.array(ZContinuityAlert),
            redisclosureNotice: z.boolean(),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => readPrescriptions({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.post(
    '/v1/prescriptions',
    {
      schema: {
        tags,
        summary: 'Record a prescription (MOUD or another medication) with its prescriber of record; tests are read against it',
        body: ZPrescriptionCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPrescription({ db: app.db, ctx: accessOf(request), input: request.body })),
  );

  app.patch(
    '/v1/prescriptions/:id',
    {
      schema: {
        tags,
        summary: 'Correct a prescription, or record that it ended and why (its holder only)',
        params: ZId,
        body: ZPrescriptionUpdate,
        response: { 200: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      updatePrescription({ db: app.db, ctx: accessOf(request), prescriptionId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/prescriptions/:id/doses',
    {
      schema: {
        tags,
        summary:
          'Record a dose taken, missed or held (the program that keeps the dosing); missed doses in a row alert the treatment team',
        params: ZId,
        body: ZDoseCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordDose({ db: app.db, ctx: accessOf(request), prescriptionId: request.params.id, input: request.body })),
  );

  app.post(
    '/v1/continuity-events',
    {
      schema: {
        tags,
        summary: 'Record a custody admission, a release or a discharge: while MOUD is prescribed, the treatment team is alerted',
        body: ZContinuityEventCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordContinuityEvent({ db: app.db, ctx: accessOf(request), input: request.body })),
  );
}
