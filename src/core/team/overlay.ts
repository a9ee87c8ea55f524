// Which files differ on this machine from the team snapshot: edited, new (hash not in the snapshot) and deleted.
// They are embedded locally (the overlay index) and their team chunks are hidden, so results match the disk.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanWorkspace } from '../scan';
import type { ScanOptions } from '../types';

export interface OverlayDiff {
  /** Edited or new files (relative paths). */
  changed: string[];
  /** In the snapshot, gone here. */
  deleted: string[];
  /** Files whose hash was computed in this call (0: the cache had them all). */
  hashed: number;
}

/** A file's hash is recomputed only when its size or mtime moved. */
export type HashCache = Map<string, { size: number; mtimeMs: number; hash: string }>;

/** The cache saved by an earlier run (a CLI query is a new process each time); anything unreadable is an empty cache. */
export function loadHashCache(file: string): HashCache {
  const cache: HashCache = new Map();
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [p, v] of Object.entries(raw)) {
      const e = v as { size?: unknown; mtimeMs?: unknown; hash?: unknown };
      if (typeof e?.size === 'number' && typeof e.mtimeMs === 'number' && typeof e.hash === 'string' && /^[0-9a-f]{64}$/.test(e.hash)) {
        cache.set(p, { size: e.size, mtimeMs: e.mtimeMs, hash: e.hash });
      }
    }
  } catch {
    // missing or damaged: hashes are recomputed
  }
  return cache;
}

/** Saves the cache (temp file + rename: a crash leaves the old one). */
export async function saveHashCache(file: string, cache: HashCache): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(tmp, JSON.stringify(Object.fromEntries(cache)));
  await fs.promises.rename(tmp, file);
}

export async function diffAgainstSnapshot(scan: ScanOptions, team: ReadonlyMap<string, string>, cache: HashCache, signal?: AbortSignal): Promise<OverlayDiff> {
  const { files } = await scanWorkspace(scan);
  if (signal?.aborted) throw new Error('cancelled');
  const changed: string[] = [];
  const present = new Set<string>();
  let hashed = 0;
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
      hashed++;
    }
    if (team.get(f.path) !== hit.hash) changed.push(f.path);
  }
  const deleted = [...team.keys()].filter((p) => !present.has(p));
  for (const p of [...cache.keys()]) if (!present.has(p)) cache.delete(p);
  return { changed, deleted, hashed };
}
