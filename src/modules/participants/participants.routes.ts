import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { assignTeamMember, endTeamMember, listProgramTeamCandidates, listTeamCandidates } from './case-team.js';
import { changeEnrollmentStatus } from './change-enrollment-status.js';
import { changePhase } from './change-phase.js';
import { enrollParticipant } from './enroll-participant.js';
import {
  ZCaseload,
  ZCaseloadQuery,
  ZEnrollmentUpdate,
  ZParticipant,
  ZParticipantCreate,
  ZParticipantUpdate,
  ZPhaseChangeRequest,
  ZStatusChangeRequest,
  ZTeamAssign,
  ZTeamCandidates,
  ZTeamEnd,
} from './participants.schema.js';
import { readCaseload, readParticipant } from './read-participants.js';
import { updateEnrollment } from './update-enrollment.js';
import { updateParticipant } from './update-participant.js';

const tags = ['participants'];
const ZParticipantParams = z.object({ id: z.uuid() });
const ZEnrollmentParams = z.object({ id: z.uuid() });
const ZCreated = z.object({ participantId: z.uuid(), enrollmentId: z.uuid() });

export async function participantRoutes(app: App) {
  app.get(
    '/v1/participants',
    {
      schema: {
        tags,
        summary: 'Caseload: the participants the caller may see, with search, status filter and paging',
        querystring: ZCaseloadQuery,
        response: { 200: ZCaseload, ...errorResponses(403) },
      },
    },
    async (request) => readCaseload({ db: app.db, ctx: accessOf(request), query: request.query }),
  );

  app.post(
    '/v1/participants',
    {
      schema: {
        tags,
        summary: 'Enroll a new participant in a program (coordinators of the program’s court)',
        body: ZParticipantCreate,
        response: { 201: ZCreated, ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await enrollParticipant({ db: app.db, ctx: accessOf(request), input: request.body });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/v1/participants/:id',
    {
      schema: {
        tags,
        summary: 'A participant with the enrollments the caller may see',
        params: ZParticipantParams,
        response: { 200: ZParticipant, ...errorResponses(403, 404) },
      },
    },
    async (request) => readParticipant({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.patch(
    '/v1/participants/:id',
    {
      schema: {
        tags,
        summary: 'Correct identity or contact details',
        params: ZParticipantParams,
        body: ZParticipantUpdate,
        response: { 200: ZParticipant, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      await updateParticipant({ db: app.db, ctx, participantId: request.params.id, patch: request.body });
      return readParticipant({ db: app.db, ctx, participantId: request.params.id });
    },
  );

  app.patch(
    '/v1/enrollments/:id',
    {
      schema: {
        tags,
        summary: 'Change case number, referral source or next court date',
        params: ZEnrollmentParams,
        body: ZEnrollmentUpdate,
        response: { 204: z.null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await updateEnrollment({ db: app.db, ctx: accessOf(request), enrollmentId: request.params.id, patch: request.body });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/enrollments/:id/status',
    {
      schema: {
        tags,
        summary: 'Change the enrollment status, with a reason',
        params: ZEnrollmentParams,
        body: ZStatusChangeRequest,
        response: { 204: z.null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await changeEnrollmentStatus({ db: app.db, ctx: accessOf(request), enrollmentId: request.params.id, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/enrollments/:id/phase',
    {
      schema: {
        tags,
        summary: 'Move the participant to another phase, with a reason',
        params: ZEnrollmentParams,
        body: ZPhaseChangeRequest,
        response: { 204: z.null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await changePhase({ db: app.db, ctx: accessOf(request), enrollmentId: request.params.id, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/enrollments/:id/team-candidates',
    {
      schema: {
        tags,
        summary: 'People who can join this case team',
        params: ZEnrollmentParams,
        response: { 200: ZTeamCandidates, ...errorResponses(403, 404) },
      },
    },
    async (request) => ({
      items: await listTeamCandidates({ db: app.db, ctx: accessOf(request), enrollmentId: request.params.id }),
    }),
  );

  app.get(
    '/v1/programs/:id/team-candidates',
    {
      schema: {
        tags,
        summary: 'People who can serve on case teams in this program’s court (for enrollment)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZTeamCandidates, ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await listProgramTeamCandidates({ db: app.db, ctx: accessOf(request), programId: request.params.id }),
    }),
  );

  app.post(
    '/v1/enrollments/:id/team',
    {
      schema: {
        tags,
        summary: 'Add a person to the case team',
        params: ZEnrollmentParams,
        body: ZTeamAssign,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const member = await assignTeamMember({
        db: app.db,
        ctx: accessOf(request),
        enrollmentId: request.params.id,
        ...request.body,
      });
      return reply.status(201).send(member);
    },
  );

  app.post(
    '/v1/enrollments/:id/team/:memberId/end',
    {
      schema: {
        tags,
        summary: 'End a person’s service on the case team',
        params: z.object({ id: z.uuid(), memberId: z.uuid() }),
        body: ZTeamEnd.optional(),
        response: { 204: z.null(), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      await endTeamMember({
        db: app.db,
        ctx: accessOf(request),
        enrollmentId: request.params.id,
        memberId: request.params.memberId,
        reason: request.body?.reason,
      });
      return reply.status(204).send(null);
    },
  );
}
