import { loadConfig } from '../platform/config.js';
import { connect, prepareDatabase } from '../platform/db/connect.js';
import { type Database, openDatabase } from '../platform/db/database.js';

/**
 * Runs a command-line task against Tandem's database: the external one, the running Tandem's
 * embedded server, or the data folder's embedded server started just for the task.
 */
export async function withDatabase<T>(
  task: (database: Database & { url: string; ownerUrl: string }) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const connection = await connect(config, { shareRunning: true });
  try {
    if (options.migrate !== false) await prepareDatabase(connection);
    const database = openDatabase({ url: connection.url, poolSize: 2, applicationName: 'tandem-cli' });
    try {
      return await task({ ...database, url: connection.url, ownerUrl: connection.ownerUrl });
    } finally {
      await database.close();
    }
  } finally {
    await connection.release();
  }
}
