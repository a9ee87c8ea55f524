import type { Points } from './kmeans';

/** Cosine distances (1 − cos, ≥ 0) between the given rows of unit vectors, m × m. */
export function cosineDistanceMatrix(p: Points, rows: readonly number[]): Float32Array {
  const m = rows.length;
  const d = p.d;
  const X = p.x;
  const D = new Float32Array(m * m);
  for (let a = 0; a < m; a++) {
    const ai = rows[a] * d;
    for (let b = a + 1; b < m; b++) {
      const bi = rows[b] * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += X[ai + j] * X[bi + j];
      const dist = Math.max(0, 1 - dot);
      D[a * m + b] = dist;
      D[b * m + a] = dist;
    }
  }
  return D;
}

/**
 * Mean silhouette coefficient over the m points of a precomputed distance matrix with the given
 * labels (0..k-1). Points in singleton clusters count 0 (as scikit-learn does); fewer than two
 * non-empty clusters give 0.
 */
export function silhouetteScore(D: Float32Array, labels: ArrayLike<number>, k: number): number {
  const m = labels.length;
  if (m < 2) return 0;
  const size = new Int32Array(k);
  for (let i = 0; i < m; i++) size[labels[i]]++;
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if (size[c] > 0) nonEmpty++;
  if (nonEmpty < 2) return 0;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < m; i++) {
    sums.fill(0);
    const row = i * m;
    for (let j = 0; j < m; j++) sums[labels[j]] += D[row + j];
    const own = labels[i];
    if (size[own] <= 1) continue;
    const a = sums[own] / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) b = Math.min(b, sums[c] / size[c]);
    const den = Math.max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / m;
}
