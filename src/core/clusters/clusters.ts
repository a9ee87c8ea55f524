import { clusterLabels, type ClusterLabel } from './labels';
import { assignNearest, countDistinct, fitKmeans, lloyd, toPoints, type KmeansFit, type Points } from './kmeans';
import { layout2d, robustUnitSquare, type LayoutKind } from './layout';
import { deriveSeed, mulberry32, sampleIndexes } from './random';
import { cosineDistanceMatrix, silhouetteScore } from './silhouette';
import { pcaProject } from './reduce';

export interface ClusterInput {
  /** One embedding per point (L2-normalized; renormalized defensively). All of one length. */
  vectors: Float32Array[];
  /** Identifier-split text per point, for the labels (missing entries count as empty). */
  texts: string[];
  /** Number of clusters; when absent it is chosen by silhouette over `kRange`. Clamped to 1..(distinct points). */
  k?: number;
  /** Seed of every random choice (default 42): the same input and seed give the same output. */
  seed?: number;
  /** Candidate k when choosing (inclusive); default [2, min(20, ⌊√n⌋)]. */
  kRange?: [number, number];
  /**
   * Most points that k-means is fitted on and that are laid out by UMAP/PCA (default 5000).
   * Above it a seeded sample of this size is fitted and laid out; every other point is assigned
   * to its nearest centroid and placed (with a little seeded jitter) on the most similar of up
   * to 64 laid-out points of its cluster. `layoutPoints` then lists the laid-out points.
   */
  maxPoints?: number;
  /** Points the silhouette (and the choice of k) is computed on: a seeded sample, default 1000, at most 2000. */
  silhouetteSample?: number;
  /** Give up on UMAP and use PCA when it runs longer than this (wall clock, default 60000 ms; ~7 s of CPU at 5000 points). Only then is the output time-dependent. */
  layoutTimeoutMs?: number;
}

export interface ClusterOutput {
  /** Number of (non-empty) clusters; cluster ids are 0..k-1, largest cluster first. */
  k: number;
  /** Mean silhouette (cosine distance) on the silhouette sample; 0 when k < 2. */
  silhouette: number;
  /** Cluster of each point. */
  assignments: Int32Array;
  labels: ClusterLabel[];
  /** Per cluster, up to 3 point indexes, most central (closest to the centroid) first. */
  representatives: number[][];
  layout: LayoutKind;
  /** x, y of each point interleaved, in [0, 1]. */
  coords: Float32Array;
  /** x, y of each cluster's center on the map (mean of its points), interleaved. */
  centers: Float32Array;
  /** Set only when n > maxPoints: the indexes of the points laid out by UMAP/PCA (the others were placed near them). */
  layoutPoints?: Int32Array;
}

const DEFAULT_SEED = 42;
const DEFAULT_MAX_POINTS = 5000;
const DEFAULT_SILHOUETTE_SAMPLE = 1000;
const MAX_SILHOUETTE_SAMPLE = 2000;
const SELECTION_ITERATIONS = 50;
const FINAL_ITERATIONS = 100;
const ANCHORS_PER_CLUSTER = 64;
const PCA_SAMPLE = 500;
const REDUCED_DIMS = 48;

/**
 * Clusters embeddings for the code map: k-means (seeded k-means++ then Lloyd), k chosen by
 * silhouette when not given, c-TF-IDF labels, representatives, and a 2-D layout (UMAP; PCA for
 * fewer than 30 points or when UMAP fails). Pure and deterministic for a seed.
 */
export function computeClusters(input: ClusterInput): ClusterOutput {
  const n = input.vectors.length;
  const seed = (input.seed ?? DEFAULT_SEED) >>> 0;
  if (n === 0) {
    return {
      k: 0,
      silhouette: 0,
      assignments: new Int32Array(0),
      labels: [],
      representatives: [],
      layout: 'pca',
      coords: new Float32Array(0),
      centers: new Float32Array(0),
    };
  }
  const d = input.vectors[0].length;
  for (const v of input.vectors) {
    if (v.length !== d) throw new RangeError(`all vectors must have the same length (${d}), got ${v.length}`);
  }
  const P = toPoints(input.vectors, d);
  // k-means and the layout run on a PCA projection (see pcaProject); silhouette and
  // representatives use the full vectors and cosine distance.
  const R = pcaProject(P, sampleIndexes(n, PCA_SAMPLE, mulberry32(deriveSeed(seed, 5))), REDUCED_DIMS);
  const maxPoints = Math.max(2, Math.floor(input.maxPoints ?? DEFAULT_MAX_POINTS));
  const silSample = Math.min(MAX_SILHOUETTE_SAMPLE, Math.max(2, Math.floor(input.silhouetteSample ?? DEFAULT_SILHOUETTE_SAMPLE)));

  // --- how many clusters are possible and wanted
  const defaultHi = Math.min(20, Math.floor(Math.sqrt(n)));
  const wanted = input.k !== undefined ? Math.max(1, Math.round(input.k)) : Math.max(input.kRange?.[1] ?? defaultHi, 1);
  const distinct = countDistinct(P, Math.min(n, wanted + 1));
  const kCap = Math.max(1, Math.min(n, distinct));

  const fitRows = sampleIndexes(n, maxPoints, mulberry32(deriveSeed(seed, 1)));
  const silRows = sampleIndexes(n, silSample, mulberry32(deriveSeed(seed, 2)));
  const kSeed = (kk: number) => mulberry32(deriveSeed(seed, 100 + kk));
  let D: Float32Array | undefined;
  const distances = () => (D ??= cosineDistanceMatrix(P, silRows));

  let k: number;
  let fit: KmeansFit;
  if (input.k !== undefined || kCap < 2) {
    k = Math.min(kCap, wanted);
    fit = fitKmeans(R, fitRows, k, kSeed(k), FINAL_ITERATIONS);
  } else {
    const lo = Math.max(2, Math.floor(input.kRange?.[0] ?? 2));
    const hi = Math.min(kCap, Math.max(lo, Math.floor(input.kRange?.[1] ?? defaultHi)));
    let best: { k: number; fit: KmeansFit; score: number } | undefined;
    if (lo <= hi) {
      for (let kk = lo; kk <= hi; kk++) {
        const f = fitKmeans(R, silRows, kk, kSeed(kk), SELECTION_ITERATIONS);
        const s = silhouetteScore(distances(), f.labels, f.centroids.length);
        if (!best || s > best.score + 1e-12) best = { k: kk, fit: f, score: s };
      }
    }
    if (!best) {
      k = kCap; // the whole range lies above the number of distinct points: as many as there are
      fit = fitKmeans(R, fitRows, k, kSeed(k), FINAL_ITERATIONS);
    } else {
      k = best.k;
      const sameRows = silRows.length === n && fitRows.length === n; // both are all points, in order
      fit = sameRows ? best.fit : lloyd(R, fitRows, best.fit.centroids, FINAL_ITERATIONS);
    }
  }

  // --- assignments of every point, empty clusters dropped, ids ordered by size
  const raw = fitRows.length === n ? fit.labels : assignNearest(R, fit.centroids);
  const { assignments, k: kFinal } = canonicalize(raw, fit.centroids.length);
  k = kFinal;

  const silhouette =
    k >= 2 ? silhouetteScore(distances(), Int32Array.from(silRows, (i) => assignments[i]), k) : 0;
  const representatives = centralPoints(P, assignments, k, 3);
  const labels = clusterLabels(input.texts, assignments, k);

  // --- 2-D layout
  let coords: Float32Array;
  let layout: LayoutKind;
  let layoutPoints: Int32Array | undefined;
  if (n === 1) {
    coords = Float32Array.of(0.5, 0.5);
    layout = 'pca';
  } else {
    const lay = layout2d(R, fitRows, { random: mulberry32(deriveSeed(seed, 3)), timeoutMs: input.layoutTimeoutMs });
    layout = lay.kind;
    const fitted = robustUnitSquare(lay.xy);
    if (fitRows.length === n) coords = fitted;
    else {
      coords = placeRest(R, assignments, k, fitRows, fitted, deriveSeed(seed, 4));
      layoutPoints = Int32Array.from(fitRows);
    }
  }
  const centers = new Float32Array(2 * k);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignments[i];
    centers[2 * c] += coords[2 * i];
    centers[2 * c + 1] += coords[2 * i + 1];
    counts[c]++;
  }
  for (let c = 0; c < k; c++) {
    centers[2 * c] /= counts[c];
    centers[2 * c + 1] /= counts[c];
  }
  const out: ClusterOutput = { k, silhouette, assignments, labels, representatives, layout, coords, centers };
  if (layoutPoints) out.layoutPoints = layoutPoints;
  return out;
}

/** Renumbers clusters 0..k'-1 by size (largest first; ties: smallest member index), dropping empty ones. */
function canonicalize(labels: ArrayLike<number>, k: number): { assignments: Int32Array; k: number } {
  const size = new Int32Array(k);
  const first = new Int32Array(k).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    size[c]++;
    if (first[c] < 0) first[c] = i;
  }
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => size[c] > 0)
    .sort((a, b) => size[b] - size[a] || first[a] - first[b]);
  const map = new Int32Array(k).fill(-1);
  order.forEach((c, i) => (map[c] = i));
  return { assignments: Int32Array.from(labels, (c) => map[c]), k: order.length };
}

/** Per cluster, up to `count` members closest (cosine) to the cluster's mean vector; ties by index. */
function centralPoints(P: Points, assignments: Int32Array, k: number, count: number): number[][] {
  const d = P.d;
  const sum = new Float64Array(k * d);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < P.n; i++) {
    const c = assignments[i];
    members[c].push(i);
    for (let j = 0; j < d; j++) sum[c * d + j] += P.x[i * d + j];
  }
  return members.map((idx, c) => {
    const sim = (i: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += P.x[i * d + j] * sum[c * d + j];
      return s;
    };
    return idx
      .map((i) => ({ i, s: sim(i) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, count)
      .map((x) => x.i);
  });
}

/** Coordinates for all points when only `fitRows` were laid out (see ClusterInput.maxPoints). */
function placeRest(
  P: Points,
  assignments: Int32Array,
  k: number,
  fitRows: number[],
  fitted: Float32Array,
  seed: number,
): Float32Array {
  const rand = mulberry32(seed);
  const n = P.n;
  const d = P.d;
  const coords = new Float32Array(2 * n);
  const laid = new Int32Array(n).fill(-1);
  fitRows.forEach((row, j) => {
    laid[row] = j;
    coords[2 * row] = fitted[2 * j];
    coords[2 * row + 1] = fitted[2 * j + 1];
  });
  const byCluster: number[][] = Array.from({ length: k }, () => []);
  fitRows.forEach((row) => byCluster[assignments[row]].push(row));
  const anchors = byCluster.map((rows) => sampleIndexes(rows.length, ANCHORS_PER_CLUSTER, rand).map((j) => rows[j]));
  const allAnchors = anchors.flat();
  for (let i = 0; i < n; i++) {
    if (laid[i] >= 0) continue;
    const cand = anchors[assignments[i]].length ? anchors[assignments[i]] : allAnchors;
    let best = Infinity;
    let bestRow = cand[0];
    for (const a of cand) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = P.x[i * d + j] - P.x[a * d + j];
        s += t * t;
      }
      if (s < best) {
        best = s;
        bestRow = a;
      }
    }
    const jx = (rand() - 0.5) * 0.02;
    const jy = (rand() - 0.5) * 0.02;
    coords[2 * i] = Math.min(1, Math.max(0, coords[2 * bestRow] + jx));
    coords[2 * i + 1] = Math.min(1, Math.max(0, coords[2 * bestRow + 1] + jy));
  }
  return coords;
}


/** Per cluster, up to `count` point indexes closest to the cluster's mean vector (for a layout kept from before). */
export function clusterRepresentatives(vectors: Float32Array[], assignments: Int32Array, k: number, count = 3): number[][] {
  if (vectors.length === 0) return Array.from({ length: k }, () => []);
  return centralPoints(toPoints(vectors, vectors[0].length), assignments, k, count);
}
