// The code map: cluster a sample of the indexed chunks and lay them out in 2-D. The layout is kept beside the
// index (store/mapLayout.ts) and updated incrementally, so the map is the same after a reload and in a second window.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitIdentifiers } from '../chunk';
import { clusterLabels, clusterRepresentatives, computeClusters, dominantPlace, placeLabel } from '../clusters';
import { fileRole, type FileRole } from '../search/rank';
import { readMapLayout, writeMapLayout, type StoredMapLayout } from '../store';
import type { ClusterMap, MapStability, StoredChunk } from '../types';
import type { QueryContext } from './context';
import { placeNewPoints, planReuse } from './mapReuse';

const DEFAULT_MAX_POINTS = 3000;
/** Roles of generated link lists: on the map, but fainter, and they never name a cluster. */
const DEMOTED_ROLES: ReadonlySet<FileRole> = new Set(['changelog', 'legal', 'generated']);

export interface MapEntry {
  chunk: StoredChunk;
  vector: Float32Array;
  demoted: boolean;
}

export async function runClusters(
  ctx: QueryContext,
  opts: { k?: number; seed?: number; maxPoints?: number } = {},
): Promise<ClusterMap> {
  const seed = opts.seed ?? 42;
  const entries = mapEntries(ctx, opts.maxPoints ?? DEFAULT_MAX_POINTS);
  if (entries.length === 0) return { k: 0, silhouette: 0, layout: 'pca', clusters: [], points: [] };
  const key = `${opts.k ?? 'auto'}:${seed}`;
  const texts = await labelTexts(ctx.root, entries);

  const stored = readMapLayout(ctx.store.indexDir, ctx.store.identity);
  const plan = planReuse(stored, key, entries);
  let layout: StoredMapLayout;
  let stability: MapStability;
  if (plan.reuse) {
    layout = placeNewPoints(ctx.store, stored!, plan, entries);
    stability = { source: 'stored', placed: plan.added.length, removed: plan.removed };
  } else {
    const result = computeClusters({ vectors: entries.map((e) => e.vector), texts, k: opts.k, kRange: autoKRange(entries.length), seed });
    layout = {
      key,
      layout: result.layout,
      silhouette: result.silhouette,
      k: result.k,
      basePoints: entries.length,
      drift: 0,
      hashes: entries.map((e) => e.chunk.hash),
      // Rounded as the file keeps them: the first map and every later one from the file are identical.
      xy: Array.from(result.coords, (v) => Math.round(v * 1e5) / 1e5),
      clusters: Array.from(result.assignments),
    };
    stability = { source: 'computed', placed: 0, removed: 0, reason: plan.reason };
  }
  // Only the index's writer keeps the layout (readers never write); failing to keep it costs a recompute later.
  const changed = stability.source === 'computed' || stability.placed > 0 || stability.removed > 0;
  if (changed && ctx.store.writable) await writeMapLayout(ctx.store.indexDir, ctx.store.identity, layout).catch(() => undefined);
  return describeMap(entries, texts, layout, stability);
}

/** Points, cluster labels (place first, demoted members muted), centers and representatives of a layout. */
function describeMap(entries: MapEntry[], texts: string[], layout: StoredMapLayout, stability: MapStability): ClusterMap {
  const byHash = new Map(layout.hashes.map((h, i) => [h, i]));
  const assignments = Int32Array.from(entries, (e) => layout.clusters[byHash.get(e.chunk.hash)!]);
  const k = layout.k;
  const members: number[][] = Array.from({ length: k }, () => []);
  entries.forEach((_, i) => members[assignments[i]].push(i));
  // Generated lists do not name a cluster, unless they are all it holds.
  const naming = (c: number) => {
    const own = members[c].filter((i) => !entries[i].demoted);
    return own.length > 0 ? own : members[c];
  };
  const named = new Set(members.flatMap((_, c) => naming(c)));
  const labels = clusterLabels(texts.map((t, i) => (named.has(i) ? t : '')), assignments, k);
  const representatives = clusterRepresentatives(entries.map((e) => e.vector), assignments, k);
  const points = entries.map(({ chunk, demoted }, i) => {
    const j = byHash.get(chunk.hash)!;
    return {
      chunkId: chunk.id,
      path: chunk.path,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      symbol: chunk.symbol,
      kind: chunk.kind,
      x: layout.xy[2 * j],
      y: layout.xy[2 * j + 1],
      cluster: assignments[i],
      demoted,
    };
  });
  const allPaths = entries.map((e) => e.chunk.path);
  const clusters = labels.map((label, c) => {
    const place = dominantPlace(naming(c).map((i) => entries[i].chunk.path), allPaths);
    let x = 0;
    let y = 0;
    for (const i of members[c]) {
      x += points[i].x;
      y += points[i].y;
    }
    const size = members[c].length;
    return {
      id: c,
      label: placeLabel(place, label.terms) ?? label.label,
      terms: label.terms,
      ...(place ? { place } : {}),
      size,
      x: size ? x / size : 0.5,
      y: size ? y / size : 0.5,
      representatives: (representatives[c] ?? []).map((i) => {
        const ch = entries[i].chunk;
        return { path: ch.path, startLine: ch.startLine, endLine: ch.endLine, symbol: ch.symbol };
      }),
    };
  });
  // A stored cluster whose members all went away is left out (ids stay those of the stored layout).
  const live = clusters.filter((c) => c.size > 0);
  return { k: live.length, silhouette: layout.silhouette, layout: layout.layout, clusters: live, points, stability };
}

/**
 * The k range silhouette chooses from. Silhouette on sentence embeddings often peaks at k = 2,
 * which makes a useless map; a floor that grows with the codebase keeps the groups readable.
 */
export function autoKRange(n: number): [number, number] {
  const low = Math.max(2, Math.min(12, Math.round(Math.sqrt(n / 8))));
  const high = Math.max(low, Math.min(24, Math.round(Math.sqrt(n))));
  return [low, high];
}

/**
 * The chunks on the map, one per content hash (identical chunks in several files are one point), in id order.
 * Above `max`, the `max` smallest hashes: a uniform sample that stays the same when a few chunks come and go.
 */
function mapEntries(ctx: QueryContext, max: number): MapEntry[] {
  const byHash = new Map<string, StoredChunk>();
  for (const chunk of ctx.store.allChunks()) {
    const seen = byHash.get(chunk.hash);
    if (!seen || chunk.id < seen.id) byHash.set(chunk.hash, chunk);
  }
  let chunks = [...byHash.values()];
  if (chunks.length > max) chunks = chunks.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)).slice(0, max);
  chunks.sort((a, b) => a.id - b.id);
  const out: MapEntry[] = [];
  for (const chunk of chunks) {
    const vector = ctx.store.getVector(chunk.id);
    if (!vector) continue;
    const generated = ctx.store.getFile(chunk.path)?.generated === true;
    out.push({ chunk, vector, demoted: DEMOTED_ROLES.has(fileRole(chunk.path, generated)) });
  }
  return out;
}

/** Words of each chunk (symbol, path, identifier-split source) for the cluster labels. */
async function labelTexts(root: string, entries: MapEntry[]): Promise<string[]> {
  const files = new Map<string, string[] | null>();
  const out: string[] = [];
  for (const { chunk: c } of entries) {
    if (!files.has(c.path)) {
      const text = await fs.promises.readFile(path.join(root, c.path), 'utf8').catch(() => null);
      files.set(c.path, text === null ? null : text.split('\n'));
    }
    const lines = files.get(c.path);
    const body = lines ? lines.slice(c.startLine - 1, c.endLine).join('\n') : c.preview;
    out.push(splitIdentifiers(`${c.symbol} ${body}`));
  }
  return out;
}
