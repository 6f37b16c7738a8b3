import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

/** Holds the data folder for one Tandem process; released on stop or process exit. */
export type DataDirLock = { release: () => void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file so that a second Tandem on the same folder stops with a clear
 * message instead of opening the same PostgreSQL cluster twice. The lock appears with its process id
 * already in it (written to a private file, then hard-linked into place, which fails if a lock
 * exists), so nobody ever reads a half-written lock. A lock whose process no longer runs is taken
 * over by renaming it aside first, so two processes cannot both take it over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'tandem.lock');
  const mine = path.join(dataDir, `.tandem.lock.${process.pid}`);
  fs.writeFileSync(mine, `${process.pid}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(mine, lockPath);
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // already gone
          }
        };
        process.once('exit', release);
        return { release };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
        if (holder !== process.pid && (!Number.isInteger(holder) || isAlive(holder))) {
          throw new ConfigError(
            `Another Tandem process (pid ${holder}) is already using the data folder ${dataDir}. ` +
              'Stop it first, or set TANDEM_DATA_DIR to another folder.',
          );
        }
        // Stale: move it aside atomically; only one process wins the rename.
        try {
          fs.renameSync(lockPath, `${lockPath}.stale.${process.pid}`);
          fs.rmSync(`${lockPath}.stale.${process.pid}`, { force: true });
        } catch {
          // another process took it over first; try again
        }
      }
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  throw new ConfigError(`Could not take the lock on the data folder ${dataDir}.`);
}
