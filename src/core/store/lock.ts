// The single-writer lock: a `proper-lockfile` lock on the index folder, plus `writer.pid` naming
// the holder, so that a writer killed on this host is noticed at once instead of after the stale limit.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { IndexLockedError } from '../errors';
import { writeFileDurable } from './files';
import { CURRENT_FILE } from './layout';

export const LOCK_DIR = 'writer.lock';
export const OWNER_FILE = 'writer.pid';
/** A lock whose holder stopped refreshing it this long ago is taken over (other hosts; same-host dead pids are detected at once). */
export const LOCK_STALE_MS = 30_000;

/**
 * Identifies the commit in `indexDir` (inode, size and mtime of `current.json`, which every commit replaces by a
 * rename), so a reader can tell cheaply that a writer committed since it loaded. Null when there is none.
 */
export function commitStamp(indexDir: string): string | null {
  try {
    const st = fs.statSync(path.join(indexDir, CURRENT_FILE));
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

export class WriterLock {
  /** Set when the lock was lost (e.g. the process stalled past the stale limit). */
  lost: Error | null = null;
  private unlock: (() => Promise<void>) | null = null;

  private constructor(readonly indexDir: string) {}

  /** Take the lock on `indexDir`, or throw IndexLockedError when another live process holds it. */
  static async acquire(indexDir: string): Promise<WriterLock> {
    const lock = new WriterLock(indexDir);
    await lock.take();
    return lock;
  }

  private async take(): Promise<void> {
    const opts = {
      lockfilePath: path.join(this.indexDir, LOCK_DIR),
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 3,
      retries: 0,
      realpath: false,
      onCompromised: (err: Error) => {
        this.lost = err;
      },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        this.unlock = await lockfile.lock(this.indexDir, opts);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
        if (attempt === 0 && this.ownerIsDead()) {
          // The writer on this host was killed (kill -9, crash): its lock is stale now.
          try {
            await fs.promises.rmdir(path.join(this.indexDir, LOCK_DIR));
          } catch {
            // Someone else cleaned up first; try again anyway.
          }
          continue;
        }
        throw new IndexLockedError(this.indexDir);
      }
    }
    const owner = JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now() });
    await writeFileDurable(path.join(this.indexDir, OWNER_FILE), owner);
  }

  private ownerIsDead(): boolean {
    let owner: { pid?: number; host?: string };
    try {
      owner = JSON.parse(fs.readFileSync(path.join(this.indexDir, OWNER_FILE), 'utf8'));
    } catch {
      return false;
    }
    if (owner.host !== os.hostname() || typeof owner.pid !== 'number') return false;
    if (owner.pid === process.pid) return false;
    try {
      process.kill(owner.pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  /** Remove `writer.pid` and release the lock, ignoring errors so that closing never fails. Safe to call twice. */
  async release(): Promise<void> {
    if (!this.unlock) return;
    const unlock = this.unlock;
    this.unlock = null;
    await fs.promises.rm(path.join(this.indexDir, OWNER_FILE), { force: true }).catch(() => undefined);
    await unlock().catch(() => undefined);
  }
}
