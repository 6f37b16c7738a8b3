import type pg from 'pg';
import { z } from 'zod';
import { readMigrationState } from '../db/migrate.js';
import { packageVersion } from '../paths.js';
import type { App } from './types.js';

const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    mode: z.enum(['embedded', 'external']),
    reachable: z.boolean(),
    migrations: z.object({ applied: z.number().int(), available: z.number().int(), latest: z.string().nullable() }),
  }),
});

/** GET /api/health: the database mode and migration state, for operators and load balancers. */
export async function healthRoutes(app: App, options: { databaseMode: 'embedded' | 'external'; pool: pg.Pool }) {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Health and migration state', response: { 200: ZHealth, 503: ZHealth } },
    },
    async (_request, reply) => {
      try {
        const migrations = await readMigrationState(options.pool);
        const ok = migrations.applied === migrations.available;
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'degraded',
          version: packageVersion(),
          database: { mode: options.databaseMode, reachable: true, migrations },
        });
      } catch {
        return reply.status(503).send({
          status: 'degraded',
          version: packageVersion(),
          database: { mode: options.databaseMode, reachable: false, migrations: { applied: 0, available: 0, latest: null } },
        });
      }
    },
  );
}
