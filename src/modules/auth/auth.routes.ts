import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { AppError, errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import type { Actor } from '../access/access-context.js';
import { participantScopeOf, scopeIsEmpty } from '../access/participant-scope.js';
import { COURT_ACTIONS, type CourtAction, courtsWhere, isAdmin } from '../access/permissions.js';
import { disclosureActorBase } from '../consent/disclosure-policy.js';
import { labOrganizations } from '../labs/manage-labs.js';
import { changeOwnPassword, disableOwnMfa, regenerateRecoveryCodes, updateOwnAccount } from './account.js';
import { accessOf, SESSION_COOKIE } from './auth.plugin.js';
import {
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZMeUpdate,
  ZMfaEnrolConfirm,
  ZMfaEnrolment,
  ZMfaVerifyRequest,
  ZPasswordChange,
  ZRecoveryCodes,
} from './auth.schema.js';
import { confirmMfaEnrolment, startMfaEnrolment, verifySecondFactor } from './second-factor.js';
import { endSession } from './sessions.repository.js';
import { signIn } from './sign-in.js';

const ZOk = z.object({ ok: z.literal(true) });

function capabilitiesOf(actor: Actor) {
  const base = disclosureActorBase(actor);
  return {
    admin: isAdmin(actor),
    courtActions: Object.fromEntries(
      (Object.keys(COURT_ACTIONS) as CourtAction[]).map((action) => [action, courtsWhere(actor, action)]),
    ),
    seesParticipants: !scopeIsEmpty(participantScopeOf(actor)),
    courtSide: base.courtSide,
    breakGlass: base.clinical && !base.courtSide,
    reviewsBreakGlass:
      actor.kind === 'user' &&
      actor.memberships.some((m) => m.role === 'privacy_officer' && m.organizationKind === 'treatment_provider'),
    labReview: labOrganizations(actor).length > 0,
  };
}
const tags = ['auth'];

function sessionOf(request: FastifyRequest) {
  const session = request.auth?.session;
  if (!session) throw new AppError('unauthenticated');
  return session;
}

/**
 * The session cookie has no expiry of its own: it ends when the browser closes (shared computers in
 * courthouses), and the server ends the session at its idle timeout or absolute lifetime anyway.
 */
function setSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string) {
  const secure = app.config.secureCookies === 'always' || (app.config.secureCookies === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export async function authRoutes(app: App) {
  app.post(
    '/v1/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description:
          'Sets the session cookie and returns the CSRF token. When `stage` is not `active`, the second factor comes next.',
        body: ZLoginRequest,
        response: { 200: ZLoginResponse, ...errorResponses(423, 429) },
        security: [],
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const result = await signIn({
        db: app.db,
        email: request.body.email,
        password: request.body.password,
        request: { id: request.id, ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : null },
      });
      setSessionCookie(app, request, reply, result.token);
      return { stage: result.stage, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { allowStages: ['mfa_required', 'mfa_enrolment_required'] },
      schema: { tags, summary: 'Sign out: the session ends on the server', response: { 200: ZOk, ...errorResponses(403) } },
    },
    async (request, reply) => {
      const session = request.auth?.session;
      if (session) {
        await app.db.transaction(async (tx) => {
          await endSession(tx, session.id, 'logout');
          await recordAudit(tx, accessOf(request), { action: 'auth.sign_out', targetType: 'session', targetId: session.id });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/auth/mfa/verify',
    {
      config: { allowStages: ['mfa_required'], rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Second sign-in step: authenticator or recovery code',
        body: ZMfaVerifyRequest,
        response: { 200: ZOk, ...errorResponses(403, 423, 429) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      await verifySecondFactor({
        db: app.db,
        ctx: accessOf(request),
        session: { id: session.id, userId: session.user.id },
        code: request.body.code,
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/auth/mfa/enrol',
    {
      config: { allowStages: ['mfa_enrolment_required'] },
      schema: { tags, summary: 'Start authenticator enrolment', response: { 200: ZMfaEnrolment, ...errorResponses(403, 409) } },
    },
    async (request) => {
      const session = sessionOf(request);
      return startMfaEnrolment({
        db: app.db,
        ctx: accessOf(request),
        session: { id: session.id, userId: session.user.id },
        email: session.user.email,
      });
    },
  );

  app.post(
    '/v1/auth/mfa/enrol/confirm',
    {
      config: { allowStages: ['mfa_enrolment_required'], rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns recovery codes once',
        body: ZMfaEnrolConfirm,
        response: { 200: ZRecoveryCodes, ...errorResponses(403, 409) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      return confirmMfaEnrolment({
        db: app.db,
        ctx: accessOf(request),
        session: { id: session.id, userId: session.user.id },
        code: request.body.code,
      });
    },
  );

  app.post(
    '/v1/auth/mfa/disable',
    {
      config: { rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Turn off two-step sign-in (password required)',
        body: z.object({ password: z.string().min(1).max(256) }),
        response: { 200: ZOk, ...errorResponses(403, 409) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      await disableOwnMfa({ db: app.db, ctx: accessOf(request), userId: session.user.id, password: request.body.password });
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/auth/mfa/recovery-codes',
    {
      config: { rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Replace recovery codes (password required)',
        body: z.object({ password: z.string().min(1).max(256) }),
        response: { 200: ZRecoveryCodes, ...errorResponses(403, 409, 423) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      return {
        recoveryCodes: await regenerateRecoveryCodes({
          db: app.db,
          ctx: accessOf(request),
          userId: session.user.id,
          password: request.body.password,
        }),
      };
    },
  );

  app.get(
    '/v1/me',
    {
      config: { allowStages: ['mfa_required', 'mfa_enrolment_required'] },
      schema: { tags, summary: 'The signed-in user, their memberships and session', response: { 200: ZMe, ...errorResponses() } },
    },
    async (request) => {
      const session = sessionOf(request);
      return {
        user: session.user,
        memberships: session.memberships,
        stage: session.stage,
        roles: [...new Set(session.memberships.map((m) => m.role))],
        sessionExpiresAt: session.expiresAt.toISOString(),
        csrfToken: session.csrfToken,
        capabilities: capabilitiesOf(accessOf(request).actor),
        idleTimeoutMinutes: session.idleMinutes,
      };
    },
  );

  app.patch(
    '/v1/me',
    { schema: { tags, summary: 'Change own language or name', body: ZMeUpdate, response: { 200: ZOk, ...errorResponses(403) } } },
    async (request) => {
      const session = sessionOf(request);
      await updateOwnAccount({ db: app.db, ctx: accessOf(request), userId: session.user.id, patch: request.body });
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/me/password',
    {
      config: { rateLimit: { max: app.config.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Change own password',
        body: ZPasswordChange,
        response: { 200: ZOk, ...errorResponses(403, 423) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      await changeOwnPassword({
        db: app.db,
        ctx: accessOf(request),
        userId: session.user.id,
        sessionId: session.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
      });
      return { ok: true as const };
    },
  );
}
