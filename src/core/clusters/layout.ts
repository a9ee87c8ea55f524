import { UMAP } from 'umap-js';
import type { Points } from './kmeans';
import { rowsOf } from './kmeans';

export type LayoutKind = 'umap' | 'pca';

export interface LayoutOptions {
  /** Seeded PRNG for UMAP. */
  random: () => number;
  /** Below this many points PCA is used (UMAP needs a neighbourhood). Default 30. */
  umapMinPoints?: number;
  nNeighbors?: number;
  /** Epochs of the UMAP optimization; default 250 up to 1000 points, 200 up to 2500, else 150. */
  nEpochs?: number;
  /** Give up on UMAP (and use PCA) when it runs longer than this (wall clock, checked between epochs). Default 60 s. */
  timeoutMs?: number;
}

/**
 * 2-D coordinates (x, y interleaved) of the given rows, and which method produced them. `p` must
 * be the PCA projection ({@link pcaProject}): its first two columns are the PCA layout.
 */
export function layout2d(p: Points, rows: readonly number[], opts: LayoutOptions): { kind: LayoutKind; xy: Float64Array } {
  const m = rows.length;
  const minPoints = opts.umapMinPoints ?? 30;
  // UMAP needs real neighbourhoods (umap-js hangs on a set of identical points).
  if (m < minPoints || distinctRows(p, rows, minPoints) < minPoints) return { kind: 'pca', xy: firstTwoColumns(p, rows) };
  try {
    const xy = umap2d(p, rows, opts);
    if (xy) return { kind: 'umap', xy };
  } catch {
    // fall through to PCA
  }
  return { kind: 'pca', xy: firstTwoColumns(p, rows) };
}

function umap2d(p: Points, rows: readonly number[], opts: LayoutOptions): Float64Array | undefined {
  const m = rows.length;
  const nEpochs = opts.nEpochs ?? (m <= 1000 ? 250 : m <= 2500 ? 200 : 150);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(opts.nNeighbors ?? 15, m - 1)),
    minDist: 0.1,
    nEpochs,
    random: opts.random,
  });
  const started = Date.now();
  const timeout = opts.timeoutMs ?? 60_000;
  const epochs = umap.initializeFit(rowsOf(p, rows)); // vectors are unit length: Euclidean ~ cosine
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if ((e & 15) === 15 && Date.now() - started > timeout) return undefined;
  }
  const emb = umap.getEmbedding();
  const xy = new Float64Array(m * 2);
  for (let i = 0; i < m; i++) {
    const [x, y] = emb[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  }
  return xy;
}

function distinctRows(p: Points, rows: readonly number[], limit: number): number {
  const seen = new Set<string>();
  for (const i of rows) {
    seen.add(p.x.subarray(i * p.d, (i + 1) * p.d).join(','));
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/** The first two columns of the given rows (zeros where missing). */
export function firstTwoColumns(p: Points, rows: readonly number[]): Float64Array {
  const xy = new Float64Array(rows.length * 2);
  rows.forEach((i, r) => {
    xy[2 * r] = p.d > 0 ? p.x[i * p.d] : 0;
    xy[2 * r + 1] = p.d > 1 ? p.x[i * p.d + 1] : 0;
  });
  return xy;
}

/**
 * Scales coordinates into [0, 1] × [0, 1] with one factor for both axes (the map keeps its
 * aspect ratio; the shorter axis is centered). A degenerate extent maps to 0.5.
 */
export function normalizeUnitSquare(xy: Float64Array): Float32Array {
  const n = xy.length / 2;
  const out = new Float32Array(xy.length);
  if (n === 0) return out;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const span = Math.max(maxX - minX, maxY - minY);
  if (!(span > 1e-12)) return out.fill(0.5);
  const offX = (1 - (maxX - minX) / span) / 2;
  const offY = (1 - (maxY - minY) / span) / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = Math.min(1, Math.max(0, offX + (xy[2 * i] - minX) / span));
    out[2 * i + 1] = Math.min(1, Math.max(0, offY + (xy[2 * i + 1] - minY) / span));
  }
  return out;
}

/** Share of points trimmed at each end of each axis before scaling (outliers then sit on the rim). */
const CLIP = 0.02;
/** The clipped core fills [RIM, 1 − RIM]; outliers are pushed to the rim band, beyond it. */
const RIM = 0.03;

/**
 * Like {@link normalizeUnitSquare}, but scaled on the 2nd–98th percentile of each axis, so a few far-away points
 * (a generated file, a lone data table) do not squash everything else into a corner. Points outside that range
 * are clamped into the rim band [0, RIM] / [1 − RIM, 1], keeping their side.
 */
export function robustUnitSquare(xy: Float64Array): Float32Array {
  const n = xy.length / 2;
  if (n < 20) return normalizeUnitSquare(xy); // too few points to call any an outlier
  const axis = (o: number) => Float64Array.from({ length: n }, (_, i) => xy[2 * i + o]).sort();
  const xs = axis(0);
  const ys = axis(1);
  const q = (a: Float64Array, f: number) => a[Math.min(n - 1, Math.max(0, Math.round(f * (n - 1))))];
  const [minX, maxX, minY, maxY] = [q(xs, CLIP), q(xs, 1 - CLIP), q(ys, CLIP), q(ys, 1 - CLIP)];
  const span = Math.max(maxX - minX, maxY - minY);
  if (!(span > 1e-12)) return normalizeUnitSquare(xy);
  const inner = 1 - 2 * RIM;
  const offX = RIM + (inner * (1 - (maxX - minX) / span)) / 2;
  const offY = RIM + (inner * (1 - (maxY - minY) / span)) / 2;
  const out = new Float32Array(xy.length);
  // Beyond the core, distance is compressed (log) into the rim band: order is kept, the scale is not.
  const rim = (v: number, lo: number, hi: number) => {
    if (v < lo) return Math.max(0, lo - RIM * (1 - 1 / (1 + Math.log1p((lo - v) * 10))));
    if (v > hi) return Math.min(1, hi + RIM * (1 - 1 / (1 + Math.log1p((v - hi) * 10))));
    return v;
  };
  for (let i = 0; i < n; i++) {
    const x = offX + (inner * (xy[2 * i] - minX)) / span;
    const y = offY + (inner * (xy[2 * i + 1] - minY)) / span;
    out[2 * i] = rim(x, offX, offX + (inner * (maxX - minX)) / span);
    out[2 * i + 1] = rim(y, offY, offY + (inner * (maxY - minY)) / span);
  }
  return out;
}
