import { DEMO_ACCOUNTS } from '../demo/demo-court.js';
import { databaseIsEmpty, seedDemo } from '../demo/seed.js';
import { startLabListener } from '../modules/labs/mllp-listener.js';
import { startDrawScheduler } from '../modules/testing/draw-scheduler.js';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { connect, prepareDatabase } from './db/connect.js';
import { openDatabase } from './db/database.js';
import { buildApp } from './http/app.js';
import type { App } from './http/types.js';

export type RunningTandem = { app: App; url: string; stop: () => Promise<void> };

/**
 * Starts Tandem: the database (embedded unless DATABASE_URL is set), migrations, the demo court on
 * first start, then the HTTP server. `stop` undoes it all in reverse order.
 */
export async function startTandem(config: Config, log: (line: string) => void = console.log): Promise<RunningTandem> {
  const connection = await connect(config, { log });
  let database: ReturnType<typeof openDatabase> | undefined;
  let app: App | undefined;
  let labListener: { close: () => Promise<void> } | undefined;
  let draws: { stop: () => void } | undefined;
  const stop = async () => {
    draws?.stop();
    await labListener?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await connection.release();
  };
  try {
    await prepareDatabase(connection);
    database = openDatabase({ url: connection.url, poolSize: config.dbPoolSize });
    let seeded = false;
    if (config.demo && (await databaseIsEmpty(database.db))) {
      await seedDemo(database.db, { password: config.demoPassword });
      seeded = true;
    }
    app = await buildApp({ config, database, databaseMode: connection.mode });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new ConfigError(`Port ${config.port} is already in use. Stop what uses it, or set PORT to another port.`);
      }
      throw error;
    }
    if (config.mllp) {
      try {
        labListener = await startLabListener(database.db, config.mllp, app.log);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new ConfigError(`Port ${config.mllp.port} (TANDEM_MLLP_PORT) is already in use.`);
        }
        throw error;
      }
      log(`HL7 lab results (MLLP) on ${config.mllp.host}:${config.mllp.port}`);
    }
    if (config.drawHour !== null) draws = startDrawScheduler(database.db, { hour: config.drawHour, log: app.log });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    log(`\nTandem is running at ${url}`);
    log(
      `Database: ${connection.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'external PostgreSQL (DATABASE_URL)'}`,
    );
    if (config.demo) {
      if (!['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
        log(`\nWARNING: the demo accounts, with a published password, are reachable from other machines (HOST=${config.host}).`);
      }
      log(`\nDemo court${seeded ? ' loaded' : ''}. Sign in with any of these accounts, password "${config.demoPassword}":`);
      for (const account of DEMO_ACCOUNTS) log(`  ${account.email.padEnd(32)} ${account.role}`);
    }
    log('\nPress Ctrl-C to stop.');
    return { app, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
