// Where a folder's index lives: one index per folder and model, shared by every window and workspace that
// opens the folder (alone, in a multi-root workspace, in another code-server session). It sits in the
// extension's global storage, named by a readable prefix plus a hash of the folder's real path and the
// model's identity (stable, distinct for folders with the same name, safe as a file name everywhere).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ModelKey {
  name: string;
  sha256: string;
}

export function indexDirFor(indexesRoot: string, folder: string, model: ModelKey): string {
  const real = realPath(folder);
  const hash = createHash('sha256').update(`${real}\0${model.sha256}`).digest('hex').slice(0, 16);
  const name = path.basename(real).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 32) || 'root';
  return path.join(indexesRoot, `${name}-${hash}`);
}

/** Where earlier versions kept the index: the workspace's own storage, keyed by the folder's path only. */
export function legacyIndexDirFor(workspaceStorage: string, folder: string): string {
  const hash = createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 16);
  const name = path.basename(folder).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 32) || 'root';
  return path.join(workspaceStorage, `index-${name}-${hash}`);
}

/**
 * Moves an index from its old place to the new one when the new one does not exist yet (its store checks the
 * model and rebuilds if it differs), else deletes the old copy. Never throws: the worst case is a re-index.
 */
export async function migrateLegacyIndex(legacyDir: string, indexDir: string): Promise<'moved' | 'removed' | 'none'> {
  if (!fs.existsSync(legacyDir)) return 'none';
  try {
    if (!fs.existsSync(indexDir)) {
      await fs.promises.mkdir(path.dirname(indexDir), { recursive: true });
      await fs.promises.rename(legacyDir, indexDir);
      return 'moved';
    }
  } catch {
    // Another file system (EXDEV) or a race with another window: the old copy is only removed.
  }
  await fs.promises.rm(legacyDir, { recursive: true, force: true }).catch(() => undefined);
  return 'removed';
}

function realPath(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}
