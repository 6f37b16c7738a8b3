// Runs in a child process of the timeline benchmark: Tandem's API on one port; on another, a bare
// Fastify route running the timeline's own statement (loadTimelineChunk, the very function the route
// uses) for the same participant, page size and enrollments, with nothing around it: no session,
// access layer, consent decisions, interpretation for the reader, audit row or response schema.
// Prints {"tandem": port, "bare": port}.
import Fastify from 'fastify';
import { loadTimelineChunk } from '../../src/modules/timeline/timeline.repository.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';

const url = process.env.BENCH_URL!;
const participantId = process.env.BENCH_PARTICIPANT!;
const enrollmentIds = process.env.BENCH_ENROLLMENTS!.split(',');
const size = Number(process.env.BENCH_PAGE);
const poolSize = 10;
const database = openDatabase({ url, poolSize });
const tandem = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '100000', TANDEM_DB_POOL_SIZE: String(poolSize) }),
  database,
  databaseMode: 'external',
  serveWeb: false,
});
await tandem.listen({ port: 0, host: '127.0.0.1' });
const bareDatabase = openDatabase({ url, poolSize });
const bare = Fastify();
bare.get('/bare/timeline', async () => {
  const chunk = await loadTimelineChunk(bareDatabase.db, participantId, enrollmentIds, { size, after: null });
  return { entries: chunk.records.map((r) => r.entry) };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const port = (server: typeof bare | typeof tandem) => (server.server.address() as { port: number }).port;
console.log(JSON.stringify({ tandem: port(tandem), bare: port(bare) }));
process.on('SIGTERM', async () => {
  await tandem.close();
  await bare.close();
  await database.close();
  await bareDatabase.close();
  process.exit(0);
});
