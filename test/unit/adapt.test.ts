// The query adapter: it learns a known transformation (a rotation) and improves retrieval there, in a worker too;
// applying it; saving and loading keyed by the model identity; the bar it must pass to be used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { adapterFile, adapterHelps, applyMatrix, identityMatrix, loadAdapter, saveAdapter, trainAdapter, trainInWorker, validationNdcg, type AdaptReport } from '../../src/core/adapt';
import type { ModelIdentity } from '../../src/core';
import { syntheticSet, syntheticTrainData, type SyntheticSet } from '../helpers/synthetic';

/** Recall@1 of queries [from, to) against every document, through `matrix`. */
function recallAt1(set: SyntheticSet, matrix: Float32Array, from: number, to: number): number {
  let hits = 0;
  for (let i = from; i < to; i++) {
    const q = applyMatrix(matrix, set.queries[i]);
    let best = -1;
    let bestScore = -Infinity;
    set.docs.forEach((d, j) => {
      const s = d.reduce((acc, x, k) => acc + x * q[k], 0);
      if (s > bestScore) [best, bestScore] = [j, s];
    });
    if (best === i) hits++;
  }
  return hits / (to - from);
}

describe('adapter: training', () => {
  const set = syntheticSet(32, 600, 1);
  const data = syntheticTrainData(set, 400, 500);

  it('learns a rotation: held-out retrieval goes from chance to nearly perfect', () => {
    const result = trainAdapter(data, { maxEpochs: 8, learningRate: 1e-2 });
    const before = recallAt1(set, identityMatrix(32), 500, 600);
    const after = recallAt1(set, result.matrix, 500, 600);
    assert.ok(before < 0.1, `identity recall@1 ${before}`);
    assert.ok(after > 0.9, `adapted recall@1 ${after}`);
    assert.ok(result.bestEpoch > 0);
    assert.ok(result.history[result.bestEpoch].validationNdcg10 > result.history[0].validationNdcg10 + 0.5);
  });

  it('gives the same matrix in a worker thread, and reports each epoch', async () => {
    const epochs: number[] = [];
    const inWorker = await trainInWorker(data, { maxEpochs: 2, learningRate: 1e-2 }, (e) => epochs.push(e.epoch));
    const direct = trainAdapter(data, { maxEpochs: 2, learningRate: 1e-2 });
    assert.deepEqual(epochs, [0, 1, 2]);
    assert.deepEqual(Array.from(inWorker.matrix), Array.from(direct.matrix));
  });

  it('a worker run can be cancelled', async () => {
    const controller = new AbortController();
    const run = trainInWorker(data, { maxEpochs: 50, patience: 50, learningRate: 1e-2 }, () => controller.abort(), controller.signal);
    await assert.rejects(run, /Cancelled/);
  });

  it('keeps the identity when no epoch beats it on validation', () => {
    const d = syntheticTrainData(set, 400, 500);
    // Validation queries equal to their documents: the identity is already perfect there, training can only tie.
    d.validation.queries = d.docs.slice(400 * 32, 500 * 32);
    const result = trainAdapter(d, { maxEpochs: 3, learningRate: 1e-2, patience: 1 });
    assert.equal(result.history[0].validationNdcg10, 1);
    assert.equal(result.bestEpoch, 0);
    assert.deepEqual(Array.from(result.matrix), Array.from(identityMatrix(32)));
  });

  it('applyMatrix: the identity keeps a unit vector, the result is unit length', () => {
    const v = set.queries[0];
    assert.deepEqual(Array.from(applyMatrix(identityMatrix(32), v)).map((x) => x.toFixed(5)), Array.from(v).map((x) => x.toFixed(5)));
    const w = applyMatrix(
      identityMatrix(32).map((x) => x * 3 + 0.01),
      v,
    );
    assert.ok(Math.abs(Math.hypot(...w) - 1) < 1e-5);
    assert.throws(() => applyMatrix(identityMatrix(16), v), /dimensional/);
  });
});

describe('adapter: the bar', () => {
  it('is used only with a trained epoch, +0.02 semantic and no hybrid loss', () => {
    assert.equal(adapterHelps({ semantic: 0.05, hybrid: 0.01 }, 3), true);
    assert.equal(adapterHelps({ semantic: 0.02, hybrid: 0 }, 1), true);
    assert.equal(adapterHelps({ semantic: 0.019, hybrid: 0.05 }, 3), false);
    assert.equal(adapterHelps({ semantic: 0.05, hybrid: -0.001 }, 3), false);
    assert.equal(adapterHelps({ semantic: 0.05, hybrid: 0.05 }, 0), false);
  });
});

describe('adapter: persistence', () => {
  const identity: ModelIdentity = { name: 'model-a', sha256: 'a'.repeat(64), dimensions: 4 };
  const report = { helps: true, gain: { semantic: 0.05, hybrid: 0.01 } } as AdaptReport;
  const matrix = Float32Array.from({ length: 16 }, (_, i) => i / 10);

  it('round-trips, keyed by the model identity; another model finds none; damage reads as none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-adapter-'));
    try {
      await saveAdapter(dir, identity, matrix, report);
      const loaded = loadAdapter(dir, identity);
      assert.deepEqual(Array.from(loaded!.matrix), Array.from(matrix));
      assert.equal(loaded!.report.gain.semantic, 0.05);
      assert.equal(loadAdapter(dir, { ...identity, sha256: 'b'.repeat(64) }), undefined);
      assert.equal(loadAdapter(dir, { ...identity, dimensions: 8 }), undefined);
      // Same file name, other model inside: refused.
      const file = adapterFile(dir, identity);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...saved, identity: { ...identity, name: 'model-b' } }));
      assert.equal(loadAdapter(dir, identity), undefined);
      fs.writeFileSync(file, '{"format":1,'); // truncated
      assert.equal(loadAdapter(dir, identity), undefined);
      // A new model's adapter replaces the old model's file.
      await saveAdapter(dir, identity, matrix, report);
      const other = { ...identity, sha256: 'c'.repeat(64) };
      await saveAdapter(dir, other, matrix, report);
      assert.equal(fs.existsSync(file), false);
      assert.ok(loadAdapter(dir, other));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validation ranks the answer against the shared distractors too, not only the neighbours the plain model chose', () => {
    // 2 dims: the query points at x; its answer is at 45°, its one candidate at 90°, a distractor sits on x itself.
    const dim = 2;
    const docs = Float32Array.from([Math.SQRT1_2, Math.SQRT1_2, 0, 1, 1, 0]);
    const validation = { queries: Float32Array.from([1, 0]), answers: Int32Array.from([0]), candidates: Int32Array.from([1]), candidatesPerQuery: 1 };
    const data = { dim, docs, train: { queries: new Float32Array(0), answers: new Int32Array(0), negatives: new Int32Array(0), negativesPerQuery: 0 }, validation };
    const I = identityMatrix(dim);
    assert.equal(validationNdcg(data, I), 1, 'among its own candidates only, the answer is first');
    const withDistractor = { ...data, validation: { ...validation, distractors: Int32Array.from([2, 0]) } };
    assert.ok(Math.abs(validationNdcg(withDistractor, I) - 1 / Math.log2(3)) < 1e-9, 'the distractor outranks it: rank 2 (the answer itself listed as a distractor does not count)');
  });
});
