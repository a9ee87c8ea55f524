// Keeping the map's layout across index changes: which stored points are still there, which chunks are new, and
// whether so much changed that the layout should be computed again. New points go to the mean of their nearest
// stored neighbours (the HNSW finds them), in the cluster most of those neighbours are in.
import type { IndexStore } from '../store/types';
import type { StoredMapLayout } from '../store';
import type { MapEntry } from './clusterMap';

/**
 * Above this share of points placed or removed since the last full computation, the map is computed again.
 * Placed points never move the others, so the map's neighbourhoods degrade with the share that was placed rather
 * than laid out. Measured with `node out/bench/mapDrift.js` on this repository's src/ (1,947 chunks,
 * static-minilm-dev; share of each point's 10 map neighbours that are among its 10 cosine neighbours): full layout
 * 0.396; 10 % placed 0.361, 20 % 0.333, 25 % 0.331, 30 % 0.322, 40 % 0.279, 50 % 0.268. Up to a quarter keeps
 * ~84 % of the full layout's agreement; past 30 % it falls off (−30 % at 40 %). A recompute at that rate is rare
 * (a branch switch, a large merge), so its cost does not matter.
 */
export const RECOMPUTE_SHARE = 0.25;
/** Stored neighbours a new point is placed among. */
const NEIGHBOURS = 5;

export type ReusePlan =
  | { reuse: true; kept: Map<string, number>; added: number[]; removed: number }
  | { reuse: false; reason: string };

/** Whether the stored layout answers this request for these entries, and what changed since it was saved. */
export function planReuse(stored: StoredMapLayout | undefined, key: string, entries: MapEntry[]): ReusePlan {
  if (!stored) return { reuse: false, reason: 'no stored layout' };
  if (stored.key !== key) return { reuse: false, reason: 'another cluster count or seed' };
  const storedIndex = new Map(stored.hashes.map((h, i) => [h, i]));
  const kept = new Map<string, number>();
  const added: number[] = [];
  entries.forEach((e, i) => {
    const j = storedIndex.get(e.chunk.hash);
    if (j === undefined) added.push(i);
    else kept.set(e.chunk.hash, j);
  });
  const removed = stored.hashes.length - kept.size;
  if (kept.size === 0) return { reuse: false, reason: 'nothing of the stored layout is left' };
  const drift = stored.drift + added.length + removed;
  if (drift > RECOMPUTE_SHARE * stored.basePoints) {
    return { reuse: false, reason: `${Math.round((100 * drift) / stored.basePoints)} % of the points changed since the layout was computed` };
  }
  return { reuse: true, kept, added, removed };
}

/** The stored layout with removed points dropped and new ones placed near their nearest stored neighbours. */
export function placeNewPoints(store: IndexStore, stored: StoredMapLayout, plan: Extract<ReusePlan, { reuse: true }>, entries: MapEntry[]): StoredMapLayout {
  const hashes: string[] = [];
  const xy: number[] = [];
  const clusters: number[] = [];
  const keptIds = new Map<number, number>(); // chunk id → stored index
  for (const e of entries) {
    const j = plan.kept.get(e.chunk.hash);
    if (j === undefined) continue;
    keptIds.set(e.chunk.id, j);
    hashes.push(e.chunk.hash);
    xy.push(stored.xy[2 * j], stored.xy[2 * j + 1]);
    clusters.push(stored.clusters[j]);
  }
  for (const i of plan.added) {
    const e = entries[i];
    const near = store.searchVectors(e.vector, NEIGHBOURS, (id) => keptIds.has(id));
    let x = 0;
    let y = 0;
    let total = 0;
    const votes = new Map<number, number>();
    for (const { id, score } of near) {
      const j = keptIds.get(id)!;
      const w = Math.max(score, 0.01);
      x += w * stored.xy[2 * j];
      y += w * stored.xy[2 * j + 1];
      total += w;
      votes.set(stored.clusters[j], (votes.get(stored.clusters[j]) ?? 0) + w);
    }
    // A little jitter from the hash keeps points with the same neighbours apart, the same way every time.
    const [jx, jy] = hashJitter(e.chunk.hash);
    const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1e5) / 1e5;
    hashes.push(e.chunk.hash);
    xy.push(round((total ? x / total : 0.5) + jx), round((total ? y / total : 0.5) + jy));
    clusters.push(topVote(votes));
  }
  return { ...stored, drift: stored.drift + plan.added.length + plan.removed, hashes, xy, clusters };
}

function topVote(votes: Map<number, number>): number {
  let best = 0;
  let bestW = -1;
  for (const [c, w] of votes) if (w > bestW || (w === bestW && c < best)) [best, bestW] = [c, w];
  return best;
}

function hashJitter(hash: string): [number, number] {
  const a = parseInt(hash.slice(0, 4), 16);
  const b = parseInt(hash.slice(4, 8), 16);
  const f = (v: number) => (Number.isFinite(v) ? (v / 0xffff - 0.5) * 0.008 : 0);
  return [f(a), f(b)];
}
