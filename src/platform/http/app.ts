import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { agreementRoutes } from '../../modules/agreements/agreements.routes.js';
import { attendanceRoutes } from '../../modules/attendance/attendance.routes.js';
import { auditRoutes } from '../../modules/audit/audit.routes.js';
import { authPlugin } from '../../modules/auth/auth.plugin.js';
import { authRoutes } from '../../modules/auth/auth.routes.js';
import { securityRoutes } from '../../modules/auth/security.routes.js';
import { consentRoutes } from '../../modules/consent/consent.routes.js';
import { goalRoutes } from '../../modules/goals/goals.routes.js';
import { instrumentRoutes } from '../../modules/instruments/instruments.routes.js';
import { labRoutes } from '../../modules/labs/labs.routes.js';
import { medicationRoutes } from '../../modules/medications/medications.routes.js';
import { noteRoutes } from '../../modules/notes/notes.routes.js';
import { organizationRoutes } from '../../modules/organizations/organizations.routes.js';
import { participantRoutes } from '../../modules/participants/participants.routes.js';
import { programRoutes } from '../../modules/programs/programs.routes.js';
import { testingRoutes } from '../../modules/testing/testing.routes.js';
import { timelineRoutes } from '../../modules/timeline/timeline.routes.js';
import { userRoutes } from '../../modules/users/users.routes.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { packageRoot, packageVersion } from '../paths.js';
import { handleError } from './error-handler.js';
import { AppError } from './errors.js';
import { healthRoutes } from './health.routes.js';
import type { App } from './types.js';

export type AppOptions = {
  config: Config;
  database: Database;
  /** How the database was reached, for /api/health. */
  databaseMode: 'embedded' | 'external';
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /**
   * Benchmark only: decide no disclosure (every record passes, nothing is accounted), to measure what
   * consent enforcement costs. Not reachable from configuration or the environment.
   */
  consentEnforcement?: 'on' | 'bypass_for_benchmark';
};

/** Builds the HTTP application: the API under /api, the OpenAPI document, and the web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    // Fastify accepts a hop count too (proxy-addr), though its types list only the other forms.
    trustProxy: config.trustProxy as boolean | string[],
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    // Request lines only when debugging: URLs name participants, and logs are not access-controlled.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate('db', options.database.db);
  app.decorate('config', config);
  app.decorate('consentEnforcement', options.consentEnforcement ?? 'on');

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes on elements; no inline scripts are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: packageVersion(),
        description:
          'Treatment courts and treatment programs working together. Cookie sessions need the X-CSRF-Token header on requests that change state; integrations use `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(authPlugin);
  // API answers carry participant data: never kept by browsers or shared caches.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { databaseMode: options.databaseMode, pool: options.database.pool });
      await api.register(authRoutes);
      await api.register(participantRoutes);
      await api.register(timelineRoutes);
      await api.register(noteRoutes);
      await api.register(agreementRoutes);
      await api.register(goalRoutes);
      await api.register(instrumentRoutes);
      await api.register(testingRoutes);
      await api.register(attendanceRoutes);
      await api.register(medicationRoutes);
      await api.register(labRoutes);
      await api.register(consentRoutes);
      await api.register(organizationRoutes);
      await api.register(userRoutes);
      await api.register(programRoutes);
      await api.register(auditRoutes);
      await api.register(securityRoutes);
    },
    { prefix: '/api' },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const webRoot = path.join(packageRoot(), 'dist', 'web');
  const serveWeb = (options.serveWeb ?? true) && fs.existsSync(path.join(webRoot, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || !serveWeb || request.method !== 'GET') {
      throw new AppError('not_found');
    }
    // The web app routes in the browser: every other page gets index.html.
    return reply.header('Cache-Control', 'no-store').sendFile('index.html');
  });
  return app as unknown as App;
}
