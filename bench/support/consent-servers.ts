// Runs in a child process of the benchmark: two Tandem APIs on the same database, one enforcing
// consent (as deployed), one with enforcement bypassed (the benchmark-only switch of buildApp).
// Prints {"on": port, "bypass": port}.
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';

const url = process.env.BENCH_URL!;
const poolSize = 10;
const config = loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '100000', TANDEM_DB_POOL_SIZE: String(poolSize) });
const onDb = openDatabase({ url, poolSize });
const bypassDb = openDatabase({ url, poolSize });
const on = await buildApp({ config, database: onDb, databaseMode: 'external', serveWeb: false });
const bypass = await buildApp({
  config,
  database: bypassDb,
  databaseMode: 'external',
  serveWeb: false,
  consentEnforcement: 'bypass_for_benchmark',
});
await on.listen({ port: 0, host: '127.0.0.1' });
await bypass.listen({ port: 0, host: '127.0.0.1' });
const port = (server: typeof on) => (server.server.address() as { port: number }).port;
console.log(JSON.stringify({ on: port(on), bypass: port(bypass) }));
process.on('SIGTERM', async () => {
  await on.close();
  await bypass.close();
  await onDb.close();
  await bypassDb.close();
  process.exit(0);
});
