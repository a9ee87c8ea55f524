// Synthetic retrieval data for the adapter tests: documents are random unit vectors, and each query is its
// document seen through a known rotation (plus noise), so the identity ranks badly and the inverse rotation well.
import { seededRandom } from '../../src/core/eval';
import type { TrainData } from '../../src/core/adapt/types';

export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export function unit(v: Float32Array): Float32Array {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / n);
}

/** A random rotation (Gram–Schmidt on a Gaussian matrix), row-major. */
export function randomRotation(dim: number, rand: () => number): Float32Array {
  const rows: Float32Array[] = [];
  for (let i = 0; i < dim; i++) {
    const v = new Float32Array(dim).map(() => gaussian(rand));
    for (const r of rows) {
      const d = r.reduce((s, x, k) => s + x * v[k], 0);
      for (let k = 0; k < dim; k++) v[k] -= d * r[k];
    }
    rows.push(unit(v));
  }
  const m = new Float32Array(dim * dim);
  rows.forEach((r, i) => m.set(r, i * dim));
  return m;
}

export function multiply(m: Float32Array, v: Float32Array): Float32Array {
  const dim = v.length;
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) out[i] += m[i * dim + j] * v[j];
  return out;
}

export interface SyntheticSet {
  dim: number;
  docs: Float32Array[];
  /** queries[i] belongs to docs[i]. */
  queries: Float32Array[];
}

/** `mix` of each query is the rotated document, the rest noise. */
export function syntheticSet(dim: number, count: number, seed: number, mix = 0.9): SyntheticSet {
  const rand = seededRandom(seed);
  const rotation = randomRotation(dim, rand);
  const docs: Float32Array[] = [];
  const queries: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const d = unit(new Float32Array(dim).map(() => gaussian(rand)));
    const noise = unit(new Float32Array(dim).map(() => gaussian(rand)));
    const rotated = multiply(rotation, d);
    docs.push(d);
    queries.push(unit(rotated.map((x, k) => mix * x + (1 - mix) * noise[k])));
  }
  return { dim, docs, queries };
}

const flat = (vs: Float32Array[]) => {
  const out = new Float32Array(vs.length * (vs[0]?.length ?? 0));
  vs.forEach((v, i) => out.set(v, i * v.length));
  return out;
};

/** Training data over rows [0, trainEnd) and validation over [trainEnd, valEnd); every document is a candidate. */
export function syntheticTrainData(set: SyntheticSet, trainEnd: number, valEnd: number, negatives = 3): TrainData {
  const n = set.docs.length;
  const train = Array.from({ length: trainEnd }, (_, i) => i);
  const val = Array.from({ length: valEnd - trainEnd }, (_, i) => trainEnd + i);
  const neg = new Int32Array(train.length * negatives);
  // Hard negatives as the index would give them: the closest other documents by the unadapted query.
  train.forEach((qi, t) => {
    const scored = set.docs.map((d, j) => ({ j, s: j === qi ? -Infinity : d.reduce((s, x, k) => s + x * set.queries[qi][k], 0) })).sort((a, b) => b.s - a.s);
    for (let k = 0; k < negatives; k++) neg[t * negatives + k] = scored[k].j;
  });
  return {
    dim: set.dim,
    docs: flat(set.docs),
    train: { queries: flat(train.map((i) => set.queries[i])), answers: Int32Array.from(train), negatives: neg, negativesPerQuery: negatives },
    validation: {
      queries: flat(val.map((i) => set.queries[i])),
      answers: Int32Array.from(val),
      candidates: Int32Array.from(val.flatMap(() => Array.from({ length: n }, (_, j) => j))),
      candidatesPerQuery: n,
    },
  };
}
