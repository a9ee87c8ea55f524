// k-means: seeded greedy k-means++ seeding (here) + Lloyd iterations (ml-kmeans).
import type { kmeans as KmeansFn } from 'ml-kmeans' with { 'resolution-mode': 'import' };

let kmeansImpl: typeof KmeansFn | undefined;
function loadKmeans(): typeof KmeansFn {
  if (!kmeansImpl) {
    try {
      // ml-kmeans is ESM-only; Node ≥ 20.19 / 22.12 can require() it (bundlers inline it).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      kmeansImpl = (require('ml-kmeans') as { kmeans: typeof KmeansFn }).kmeans;
    } catch (e) {
      throw new Error(`cannot load ml-kmeans (needs Node ≥ 20.19 to require an ES module): ${(e as Error).message}`);
    }
  }
  return kmeansImpl;
}

/** Row-major matrix of n points × d dimensions. */
export interface Points {
  n: number;
  d: number;
  x: Float64Array;
}

export function toPoints(vectors: ArrayLike<number>[], d: number): Points {
  const n = vectors.length;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (v[j] ?? 0) * (v[j] ?? 0);
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0; // renormalize defensively; zero stays zero
    for (let j = 0; j < d; j++) x[i * d + j] = (v[j] ?? 0) * inv;
  }
  return { n, d, x };
}

export function rowsOf(p: Points, idx: readonly number[]): number[][] {
  return idx.map((i) => Array.from(p.x.subarray(i * p.d, (i + 1) * p.d)));
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ai + j] - b[bi + j];
    s += t * t;
  }
  return s;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii; the greedy variant with 2 + ⌊ln k⌋ local
 * trials, as scikit-learn does), seeded. Returns the indexes (into `rows`) of the k seeds.
 * The caller guarantees k ≤ the number of distinct points among `rows`.
 */
export function kmeansPlusPlus(p: Points, rows: readonly number[], k: number, rand: () => number): number[] {
  const m = rows.length;
  const d = p.d;
  const X = p.x;
  const seeds = [rows[Math.floor(rand() * m)]];
  const closest = new Float64Array(m);
  for (let i = 0; i < m; i++) closest[i] = sqDist(X, rows[i] * d, X, seeds[0] * d, d);
  const trials = 2 + Math.floor(Math.log(k));
  const cand = new Float64Array(m);
  const best = new Float64Array(m);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < m; i++) total += closest[i];
    if (!(total > 0)) break;
    let bestPot = Infinity;
    let bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      let r = rand() * total;
      let pick = m - 1;
      for (let i = 0; i < m; i++) {
        r -= closest[i];
        if (r < 0) {
          pick = i;
          break;
        }
      }
      if (closest[pick] === 0) {
        // rounding landed on an already-covered point: take the last point with positive mass
        for (let i = m - 1; i >= 0; i--) if (closest[i] > 0) { pick = i; break; }
      }
      let pot = 0;
      for (let i = 0; i < m; i++) {
        const dd = Math.min(closest[i], sqDist(X, rows[i] * d, X, rows[pick] * d, d));
        cand[i] = dd;
        pot += dd;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestIdx = pick;
        best.set(cand);
      }
    }
    seeds.push(rows[bestIdx]);
    closest.set(best);
  }
  return seeds;
}

export interface KmeansFit {
  /** Cluster of each row, 0..k-1. */
  labels: Int32Array;
  /** k × d centroids. */
  centroids: number[][];
}

/** Lloyd's k-means (ml-kmeans) over the given rows, from the given initial centroids. */
export function lloyd(p: Points, rows: readonly number[], init: number[][], maxIterations = 100): KmeansFit {
  const data = rowsOf(p, rows);
  const res = loadKmeans()(data, init.length, { initialization: init, maxIterations, tolerance: 1e-6 });
  return { labels: Int32Array.from(res.clusters), centroids: res.centroids };
}

/** Sum of squared distances of the rows to their centroids. */
export function inertia(p: Points, rows: readonly number[], fit: KmeansFit): number {
  const d = p.d;
  let total = 0;
  rows.forEach((row, r) => {
    const c = fit.centroids[fit.labels[r]];
    for (let j = 0; j < d; j++) {
      const t = p.x[row * d + j] - c[j];
      total += t * t;
    }
  });
  return total;
}

/** Seeded k-means++ then Lloyd over `rows`; the best (lowest inertia) of `nInit` runs. */
export function fitKmeans(
  p: Points,
  rows: readonly number[],
  k: number,
  rand: () => number,
  maxIterations = 100,
  nInit = 3,
): KmeansFit {
  let best: KmeansFit | undefined;
  let bestInertia = Infinity;
  for (let t = 0; t < Math.max(1, nInit); t++) {
    const seeds = kmeansPlusPlus(p, rows, k, rand);
    const fit = lloyd(p, rows, rowsOf(p, seeds), maxIterations);
    const e = inertia(p, rows, fit);
    if (!best || e < bestInertia - 1e-9) {
      best = fit;
      bestInertia = e;
    }
  }
  return best!;
}

/** Index of the nearest centroid (squared Euclidean) for every point. */
export function assignNearest(p: Points, centroids: number[][]): Int32Array {
  const out = new Int32Array(p.n);
  const d = p.d;
  const C = new Float64Array(centroids.length * d);
  centroids.forEach((c, i) => C.set(c, i * d));
  for (let i = 0; i < p.n; i++) {
    let best = Infinity;
    let bi = 0;
    for (let c = 0; c < centroids.length; c++) {
      const s = sqDist(p.x, i * d, C, c * d, d);
      if (s < best) {
        best = s;
        bi = c;
      }
    }
    out[i] = bi;
  }
  return out;
}

/** Number of distinct points (exact comparison), counting up to `limit`. */
export function countDistinct(p: Points, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < p.n && seen.size < limit; i++) seen.add(p.x.subarray(i * p.d, (i + 1) * p.d).join(','));
  return seen.size;
}
