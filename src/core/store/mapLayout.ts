// The code map's layout, kept beside the index (`map-layout.json`) so the map looks the same after a reload,
// in a second window and after small edits. Keyed by chunk content hash (a rename keeps its point). Not part of a
// generation: it is derived data, so a missing, damaged or foreign file is simply recomputed, never an error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelIdentity } from '../types';
import { fsyncDir, writeFileDurable } from './files';

export const MAP_LAYOUT_FILE = 'map-layout.json';
const MAP_LAYOUT_FORMAT = 1;
/** Sanity bounds on what a file may hold (a hand-edited or damaged file is ignored, never trusted). */
const MAX_POINTS = 1_000_000;
const MAX_CLUSTERS = 1024;

export interface StoredMapLayout {
  /** Which request it answers: the cluster count asked for ('auto' or a number) and the seed. */
  key: string;
  layout: 'umap' | 'pca';
  silhouette: number;
  /** Clusters at the last full computation (ids 0..k-1). */
  k: number;
  /** Points at the last full computation. */
  basePoints: number;
  /** Points placed or removed since then (the recompute decision compares this with basePoints). */
  drift: number;
  /** Per point: content hash, x, y in [0, 1], cluster. */
  hashes: string[];
  xy: number[];
  clusters: number[];
}

interface LayoutFile extends StoredMapLayout {
  format: number;
  model: string;
  savedAt: number;
}

/** The stored layout for this model, or undefined when there is none or it cannot be trusted. */
export function readMapLayout(indexDir: string, identity: ModelIdentity): StoredMapLayout | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(indexDir, MAP_LAYOUT_FILE), 'utf8'));
  } catch {
    return undefined; // missing or not JSON: recomputed
  }
  return validLayout(raw, identity);
}

function validLayout(raw: unknown, identity: ModelIdentity): StoredMapLayout | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const f = raw as Partial<LayoutFile>;
  if (f.format !== MAP_LAYOUT_FORMAT || f.model !== identity.sha256 || typeof f.key !== 'string') return undefined;
  if (f.layout !== 'umap' && f.layout !== 'pca') return undefined;
  const { hashes, xy, clusters, k } = f;
  if (!Array.isArray(hashes) || !Array.isArray(xy) || !Array.isArray(clusters)) return undefined;
  const n = hashes.length;
  if (n > MAX_POINTS || xy.length !== 2 * n || clusters.length !== n) return undefined;
  if (!Number.isInteger(k) || k! < 0 || k! > MAX_CLUSTERS) return undefined;
  if (!hashes.every((h) => typeof h === 'string' && h.length > 0 && h.length <= 128)) return undefined;
  if (!xy.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) return undefined;
  if (!clusters.every((c) => Number.isInteger(c) && c >= 0 && c < k!)) return undefined;
  const basePoints = Number.isInteger(f.basePoints) && f.basePoints! > 0 ? f.basePoints! : n;
  const drift = Number.isInteger(f.drift) && f.drift! >= 0 ? f.drift! : 0;
  const silhouette = typeof f.silhouette === 'number' && Number.isFinite(f.silhouette) ? f.silhouette : 0;
  return { key: f.key, layout: f.layout, silhouette, k: k!, basePoints, drift, hashes, xy, clusters };
}

/** Writes the layout atomically (temp, fsync, rename). Only the index's writer calls this. */
export async function writeMapLayout(indexDir: string, identity: ModelIdentity, layout: StoredMapLayout): Promise<void> {
  const file: LayoutFile = { format: MAP_LAYOUT_FORMAT, model: identity.sha256, savedAt: Date.now(), ...layout };
  // Coordinates rounded to 1e-5 of the map: invisible, and a third of the bytes.
  file.xy = layout.xy.map((v) => Math.round(v * 1e5) / 1e5);
  await writeFileDurable(path.join(indexDir, MAP_LAYOUT_FILE), JSON.stringify(file));
  await fsyncDir(indexDir);
}
