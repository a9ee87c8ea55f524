import { PCA } from 'ml-pca';
import type { Points } from './kmeans';
import { rowsOf } from './kmeans';

/**
 * Principal-component projection of all points onto the top `r` components, fitted on `rows`
 * (a sample). k-means and UMAP run on this projection: 384 → 48 dimensions keeps the cluster
 * structure of sentence embeddings while making every distance ~8× cheaper; the first two
 * columns are the PCA map. The covariance is accumulated here (plain loops over a typed array)
 * and decomposed by ml-pca; a point set too small for a covariance uses ml-pca's SVD.
 */
export function pcaProject(p: Points, rows: readonly number[], r: number): Points {
  const d = p.d;
  const m = rows.length;
  const mean = new Float64Array(d);
  for (const i of rows) for (let j = 0; j < d; j++) mean[j] += p.x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, m);

  let variance = 0;
  for (const i of rows) {
    for (let j = 0; j < d; j++) {
      const t = p.x[i * d + j] - mean[j];
      variance += t * t;
    }
  }
  let U: { get(i: number, j: number): number; columns: number } | undefined;
  const comps = Math.max(1, Math.min(r, d));
  try {
    // No spread (identical points): nothing to decompose (ml-matrix's SVD does not return on a zero matrix).
    if (m < 2 || !(variance > 1e-12)) U = undefined;
    else if (m <= 64) {
      U = new PCA(rowsOf(p, rows), { method: 'SVD', center: true }).getEigenvectors();
    } else {
      const cov = covariance(p, rows, mean);
      U = new PCA(cov, { isCovarianceMatrix: true }).getEigenvectors();
    }
  } catch {
    U = undefined;
  }
  const rr = U ? Math.min(comps, U.columns) : comps;
  const W = new Float64Array(rr * d); // component c at W[c*d .. c*d+d)
  if (U) for (let c = 0; c < rr; c++) for (let j = 0; j < d; j++) W[c * d + j] = U.get(j, c);
  const out = new Float64Array(p.n * rr);
  for (let i = 0; i < p.n; i++) {
    for (let c = 0; c < rr; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (p.x[i * d + j] - mean[j]) * W[c * d + j];
      out[i * rr + c] = Number.isFinite(s) ? s : 0;
    }
  }
  return { n: p.n, d: rr, x: out };
}

function covariance(p: Points, rows: readonly number[], mean: Float64Array): number[][] {
  const d = p.d;
  const C = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (const i of rows) {
    for (let j = 0; j < d; j++) row[j] = p.x[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) C[base + b] += ra * row[b];
    }
  }
  const den = Math.max(1, rows.length - 1);
  const out: number[][] = Array.from({ length: d }, () => new Array<number>(d));
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = C[a * d + b] / den;
      out[a][b] = v;
      out[b][a] = v;
    }
  }
  return out;
}
