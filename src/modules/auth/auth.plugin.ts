import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/http/errors.js';
import type { App, RequestAuth } from '../../platform/http/types.js';
import { localeFromHeader } from '../../platform/i18n/i18n.js';
import { type AccessContext, type Actor, purposeFor } from '../access/access-context.js';
import { sameHash, sha256 } from './secrets.js';
import { findActiveSession, findActiveToken, touchSession } from './sessions.repository.js';

export const SESSION_COOKIE = 'tandem_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function requestInfo(request: FastifyRequest): AccessContext['request'] {
  const userAgent = request.headers['user-agent'];
  return { id: request.id, ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

async function resolveAuth(app: App, request: FastifyRequest): Promise<RequestAuth | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = await findActiveToken(app.db, authorization.slice('Bearer '.length).trim());
    if (!token) throw new AppError('unauthenticated');
    const actor: Actor = {
      kind: 'token',
      tokenId: token.id,
      name: token.name,
      organizationId: token.organizationId,
      organizationKind: token.organizationKind,
      scopes: token.scopes,
    };
    return {
      access: { actor, purpose: purposeFor(actor), locale: request.locale, request: requestInfo(request) },
      session: null,
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findActiveSession(app.db, cookie);
  if (!session) return null;
  await touchSession(app.db, session);
  const actor: Actor = {
    kind: 'user',
    userId: session.user.id,
    email: session.user.email,
    displayName: session.user.displayName,
    memberships: session.memberships,
  };
  if (!request.headers['accept-language']) request.locale = session.user.locale;
  return {
    access: { actor, purpose: purposeFor(actor), locale: request.locale, request: requestInfo(request) },
    session,
  };
}

/**
 * Resolves who is calling (session cookie or bearer token), enforces the session's stage and the
 * CSRF header, and refuses anonymous calls to routes that are not public.
 */
export const authPlugin = fp(async (app: App) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.locale = localeFromHeader(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    request.auth = await resolveAuth(app, request);
    if (request.auth && app.consentEnforcement === 'bypass_for_benchmark') {
      request.auth.access.consentEnforcement = 'bypass_for_benchmark';
    }
    const session = request.auth?.session ?? null;
    if (session && !config.public && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameHash(sha256(header), sha256(session.csrfToken))) throw new AppError('csrf');
    }
    if (config.public) return;
    if (!request.auth) throw new AppError('unauthenticated');
    if (session && session.stage !== 'active' && !config.allowStages?.includes(session.stage)) {
      throw new AppError('mfa_required');
    }
  });
});

/** The access context of an authenticated request (routes that are not public always have one). */
export function accessOf(request: FastifyRequest): AccessContext {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth.access;
}
