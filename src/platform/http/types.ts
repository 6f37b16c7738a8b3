import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccessContext } from '../../modules/access/access-context.js';
import type { ActiveSession, SessionStage } from '../../modules/auth/sessions.repository.js';
import type { Locale } from '../../modules/users/users.schema.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

/** Per-request authentication: the access context, and the cookie session when there is one. */
export type RequestAuth = { access: AccessContext; session: ActiveSession | null };

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    consentEnforcement: 'on' | 'bypass_for_benchmark';
  }
  interface FastifyRequest {
    locale: Locale;
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** Answers without a signed-in actor (sign-in, health, the OpenAPI document). */
    public?: boolean;
    /** Session stages besides `active` that may call the route (the MFA steps). */
    allowStages?: SessionStage[];
  }
}

/** The Fastify instance every route module receives: Zod schemas type requests and replies. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
