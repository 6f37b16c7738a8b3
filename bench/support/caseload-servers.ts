// Runs in a child process of the benchmark: Tandem's API on one port, a bare Fastify route running
// the caseload's SQL straight through pg on another. Prints {"tandem": port, "bare": port, ...}.
import { PgDialect } from 'drizzle-orm/pg-core';
import Fastify from 'fastify';
import pg from 'pg';
import type { AccessContext, ActorMembership } from '../../src/modules/access/access-context.js';
import { caseloadSql } from '../../src/modules/participants/participants.repository.js';
import { ZCaseloadQuery } from '../../src/modules/participants/participants.schema.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';

const url = process.env.BENCH_URL!;
const email = process.env.BENCH_EMAIL!;
const poolSize = 10;

const database = openDatabase({ url, poolSize });
const tandem = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '100000', TANDEM_DB_POOL_SIZE: String(poolSize) }),
  database,
  databaseMode: 'external',
  serveWeb: false,
});
await tandem.listen({ port: 0, host: '127.0.0.1' });

// The same statement the caseload route runs for this user, with the same parameters.
const who = await database.pool.query<{ id: string; memberships: ActorMembership[] }>(
  `SELECT u.id, json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name, 'organizationKind', o.kind, 'role', m.role)) AS memberships
   FROM users u JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.organization_id WHERE u.email = $1 GROUP BY u.id`,
  [email],
);
const ctx: AccessContext = {
  actor: { kind: 'user', userId: who.rows[0]!.id, email, displayName: email, memberships: who.rows[0]!.memberships },
  purpose: 'court_monitoring',
  locale: 'en',
  request: { id: 'bench', ip: null, userAgent: null },
};
const statement = caseloadSql(ctx, ZCaseloadQuery.parse({}))!;
const query = new PgDialect().sqlToQuery(statement.page);
const barePool = new pg.Pool({ connectionString: url, max: poolSize });
const bare = Fastify();
bare.get('/bare/caseload', async () => ({ items: (await barePool.query(query.sql, query.params as unknown[])).rows }));
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (server: typeof bare | typeof tandem) => (server.server.address() as { port: number }).port;
console.log(
  JSON.stringify({
    tandem: port(tandem),
    bare: port(bare),
    sql: query.sql.replace(/\s+/g, ' ').trim(),
    params: query.params.length,
  }),
);
process.on('SIGTERM', async () => {
  await tandem.close();
  await bare.close();
  await barePool.end();
  await database.close();
  process.exit(0);
});
