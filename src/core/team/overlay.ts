// Which files differ on this machine from the team snapshot: edited, new (hash not in the snapshot) and deleted.
// They are embedded locally (the overlay index) and their team chunks are hidden, so results match the disk.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { scanWorkspace } from '../scan';
import type { ScanOptions } from '../types';

export interface OverlayDiff {
  /** Edited or new files (relative paths). */
  changed: string[];
  /** In the snapshot, gone here. */
  deleted: string[];
}

/** A file's hash is recomputed only when its size or mtime moved. */
export type HashCache = Map<string, { size: number; mtimeMs: number; hash: string }>;

export async function diffAgainstSnapshot(scan: ScanOptions, team: ReadonlyMap<string, string>, cache: HashCache, signal?: AbortSignal): Promise<OverlayDiff> {
  const { files } = await scanWorkspace(scan);
  if (signal?.aborted) throw new Error('cancelled');
  const changed: string[] = [];
  const present = new Set<string>();
  for (const f of files) {
    present.add(f.path);
    let hit = cache.get(f.path);
    if (!hit || hit.size !== f.size || hit.mtimeMs !== f.mtimeMs) {
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(f.absPath);
      } catch {
        continue; // vanished or unreadable: the indexer decides what that means
      }
      hit = { size: f.size, mtimeMs: f.mtimeMs, hash: createHash('sha256').update(bytes).digest('hex') };
      cache.set(f.path, hit);
    }
    if (team.get(f.path) !== hit.hash) changed.push(f.path);
  }
  const deleted = [...team.keys()].filter((p) => !present.has(p));
  return { changed, deleted };
}
