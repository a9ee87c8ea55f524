// Trains the query adapter W (dim × dim, starting at the identity): InfoNCE over each batch's answers (in-batch
// negatives) and the index's closest non-answers (hard negatives), on normalised W·q, with Adam and a pull towards
// the identity. After each epoch the validation queries are ranked among their candidates; the best epoch's W is
// kept, and training stops after `patience` epochs without a gain.
//
// Plain Float32Array loops: ml-matrix (already installed, via ml-pca) measured 2× slower per step on these shapes,
// and a BLAS binding or an ML framework would be a heavy native dependency for four matrix products.
import { seededRandom, shuffled } from '../eval/random';
import { identityMatrix } from './linear';
import type { EpochRecord, TrainData, TrainOptions, TrainResult } from './types';

const DEFAULTS: Required<TrainOptions> = {
  maxEpochs: 8,
  batchSize: 32,
  learningRate: 1e-3,
  temperature: 0.05,
  identityWeight: 1e-3,
  patience: 2,
  seed: 42,
};

export function trainAdapter(data: TrainData, options: TrainOptions = {}, onEpoch?: (r: EpochRecord) => void): TrainResult {
  const started = Date.now();
  const o = { ...DEFAULTS, ...options };
  const dim = data.dim;
  const W = identityMatrix(dim);
  const adam = new Adam(dim * dim, o.learningRate);
  const n = data.train.answers.length;
  const history: EpochRecord[] = [{ epoch: 0, loss: NaN, validationNdcg10: validationNdcg(data, W) }];
  onEpoch?.(history[0]);
  let best = { epoch: 0, ndcg: history[0].validationNdcg10, matrix: W.slice() };
  const rand = seededRandom(o.seed);
  for (let epoch = 1; epoch <= o.maxEpochs && n > 0; epoch++) {
    const order = shuffled(
      Array.from({ length: n }, (_, i) => i),
      Math.floor(rand() * 2 ** 31),
    );
    let lossSum = 0;
    let batches = 0;
    for (let b = 0; b < n; b += o.batchSize) {
      const batch = order.slice(b, b + o.batchSize);
      const grad = new Float32Array(dim * dim);
      lossSum += batchGradient(data, W, batch, o.temperature, grad);
      batches++;
      for (let i = 0; i < dim * dim; i++) grad[i] = grad[i] / batch.length + o.identityWeight * (W[i] - (i % (dim + 1) === 0 ? 1 : 0));
      adam.step(W, grad);
    }
    const record = { epoch, loss: lossSum / Math.max(1, batches) / o.batchSize, validationNdcg10: validationNdcg(data, W) };
    history.push(record);
    onEpoch?.(record);
    if (record.validationNdcg10 > best.ndcg) best = { epoch, ndcg: record.validationNdcg10, matrix: W.slice() };
    else if (epoch - best.epoch >= o.patience) break;
  }
  return { matrix: best.matrix, bestEpoch: best.epoch, history, ms: Date.now() - started };
}

/**
 * Adds the batch's summed gradient dL/dW to `grad`; returns the summed loss. W is walked row by row with the whole
 * batch per row (a row stays in cache), not once per query.
 */
function batchGradient(data: TrainData, W: Float32Array, batch: number[], temperature: number, grad: Float32Array): number {
  const dim = data.dim;
  const B = batch.length;
  const { queries, answers, negatives, negativesPerQuery: h } = data.train;
  // The pool: every answer of the batch, then every hard negative.
  const pool: number[] = batch.map((i) => answers[i]);
  for (const i of batch) for (let k = 0; k < h; k++) pool.push(negatives[i * h + k]);
  const docs = data.docs;
  const Q = new Float32Array(B * dim);
  batch.forEach((qi, bi) => Q.set(queries.subarray(qi * dim, (qi + 1) * dim), bi * dim));
  // U = Q Wᵀ: row r of W against every query of the batch.
  const U = new Float32Array(B * dim);
  for (let r = 0; r < dim; r++) {
    const row = r * dim;
    for (let bi = 0; bi < B; bi++) {
      const q = bi * dim;
      let s = 0;
      for (let c = 0; c < dim; c++) s += W[row + c] * Q[q + c];
      U[bi * dim + r] = s;
    }
  }
  const DU = new Float32Array(B * dim);
  const g = new Float32Array(dim);
  const logits = new Float64Array(pool.length);
  let loss = 0;
  for (let bi = 0; bi < B; bi++) {
    const qi = batch[bi];
    const u = U.subarray(bi * dim, (bi + 1) * dim);
    let norm = 0;
    for (let r = 0; r < dim; r++) norm += u[r] * u[r];
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < dim; r++) u[r] /= norm;
    // Softmax over the pool; other copies of this query's answer are not negatives.
    let max = -Infinity;
    for (let j = 0; j < pool.length; j++) {
      if (j !== bi && pool[j] === answers[qi]) {
        logits[j] = -Infinity;
        continue;
      }
      const d = pool[j] * dim;
      let s = 0;
      for (let c = 0; c < dim; c++) s += u[c] * docs[d + c];
      logits[j] = s / temperature;
      if (logits[j] > max) max = logits[j];
    }
    let z = 0;
    for (let j = 0; j < pool.length; j++) z += Math.exp(logits[j] - max);
    loss += -(logits[bi] - max - Math.log(z));
    // g = Σ_j (p_j − y_j) d_j / τ
    g.fill(0);
    for (let j = 0; j < pool.length; j++) {
      const p = Math.exp(logits[j] - max) / z - (j === bi ? 1 : 0);
      if (p === 0) continue;
      const d = pool[j] * dim;
      const w = p / temperature;
      for (let c = 0; c < dim; c++) g[c] += w * docs[d + c];
    }
    // Through the normalisation: dL/du = (g − (û·g) û) / |u|.
    let ug = 0;
    for (let c = 0; c < dim; c++) ug += u[c] * g[c];
    for (let r = 0; r < dim; r++) DU[bi * dim + r] = (g[r] - ug * u[r]) / norm;
  }
  // dL/dW += DUᵀ Q, row by row.
  for (let r = 0; r < dim; r++) {
    const row = r * dim;
    for (let bi = 0; bi < B; bi++) {
      const du = DU[bi * dim + r];
      if (du === 0) continue;
      const q = bi * dim;
      for (let c = 0; c < dim; c++) grad[row + c] += du * Q[q + c];
    }
  }
  return loss;
}

/** NDCG@10 of each validation query's answer among its candidates and the shared distractors, ranked by cosine with W·q. */
export function validationNdcg(data: TrainData, W: Float32Array): number {
  const dim = data.dim;
  const { queries, answers, candidates, candidatesPerQuery: c } = data.validation;
  const distractors = data.validation.distractors ?? new Int32Array(0);
  const n = answers.length;
  if (n === 0) return 0;
  const u = new Float32Array(dim);
  let sum = 0;
  for (let qi = 0; qi < n; qi++) {
    const q = queries.subarray(qi * dim, (qi + 1) * dim);
    for (let r = 0; r < dim; r++) {
      let s = 0;
      const row = r * dim;
      for (let k = 0; k < dim; k++) s += W[row + k] * q[k];
      u[r] = s;
    }
    const score = (doc: number) => {
      let s = 0;
      for (let k = 0; k < dim; k++) s += u[k] * data.docs[doc * dim + k];
      return s;
    };
    const target = score(answers[qi]);
    let rank = 1;
    const own = candidates.subarray(qi * c, (qi + 1) * c);
    for (const doc of own) if (doc !== answers[qi] && score(doc) > target) rank++;
    for (const doc of distractors) if (doc !== answers[qi] && !own.includes(doc) && score(doc) > target) rank++;
    if (rank <= 10) sum += 1 / Math.log2(rank + 1);
  }
  return sum / n;
}

/** Adam (Kingma & Ba) over a flat parameter array. */
class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;
  constructor(
    size: number,
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  step(params: Float32Array, grad: Float32Array): void {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      const gi = grad[i];
      this.m[i] = this.beta1 * this.m[i] + (1 - this.beta1) * gi;
      this.v[i] = this.beta2 * this.v[i] + (1 - this.beta2) * gi * gi;
      params[i] -= (this.lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + this.eps);
    }
  }
}
