// Runs in a child process of the HL7 benchmark: Tandem's API and its MLLP listener for lab results on
// one database, as `npm start` runs them. Prints {"http": port, "mllp": port}.
import { startLabListener } from '../../src/modules/labs/mllp-listener.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';

const url = process.env.BENCH_URL!;
const poolSize = 10;
const database = openDatabase({ url, poolSize });
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '100000', TANDEM_DB_POOL_SIZE: String(poolSize) }),
  database,
  databaseMode: 'external',
  serveWeb: false,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const mllp = await startLabListener(database.db, { port: 0, host: '127.0.0.1', allow: [] }, app.log);
console.log(JSON.stringify({ http: (app.server.address() as { port: number }).port, mllp: mllp.port }));
process.on('SIGTERM', async () => {
  await mllp.close();
  await app.close();
  await database.close();
  process.exit(0);
});
