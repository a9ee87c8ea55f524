// The embedding bench's sweep ceiling (bench/perf/sweep.ts): the recording's real sequences, re-batched into
// other shapes, must be the same sequences — every one exactly once, longest first, shapes as asked.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { paddedBatches, realSequences, rebatch, stableSubset, SWEEP_SHAPES } from '../../bench/perf/sweep';
import type { RecordedBatch } from '../../bench/perf/ortCeiling';

/** Deterministic lengths 3…256 with repeats (a made-up corpus). */
function lengths(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 3 + ((i * 7919) % 254));
}

function seqsOf(lens: number[]): number[][] {
  return lens.map((n, i) => Array.from({ length: n }, (_, j) => 1000 + i * 300 + j));
}

describe('bench: sweep re-batching', () => {
  it('every sequence exactly once, longest first, rows and padded tokens within the shape', () => {
    const lens = lengths(203);
    for (const shape of [...SWEEP_SHAPES, { label: 'tight', maxBatch: 64, maxPaddedTokens: 300 }]) {
      const batches = rebatch(lens, shape);
      const flat = batches.flat();
      assert.equal(flat.length, lens.length, shape.label);
      assert.deepEqual([...flat].sort((a, b) => a - b), lens.map((_, i) => i), `${shape.label}: each index once`);
      for (let k = 1; k < flat.length; k++) assert.ok(lens[flat[k - 1]] >= lens[flat[k]], `${shape.label}: sorted by length, longest first`);
      for (const b of batches) {
        assert.ok(b.length >= 1 && b.length <= shape.maxBatch, `${shape.label}: rows ${b.length}`);
        const padded = b.length * Math.max(...b.map((i) => lens[i]));
        assert.ok(b.length === 1 || padded <= shape.maxPaddedTokens, `${shape.label}: ${padded} padded tokens`);
      }
      // Fixed sizes fill every batch but the last.
      if (shape.maxPaddedTokens === Infinity) for (const b of batches.slice(0, -1)) assert.equal(b.length, shape.maxBatch, shape.label);
    }
  });

  it('a budget closes a batch when one more row would pass it', () => {
    assert.deepEqual(rebatch([100, 100, 100, 50, 50], { maxBatch: 16, maxPaddedTokens: 250 }), [[0, 1], [2, 3], [4]]);
    assert.deepEqual(rebatch([5, 9, 7], { maxBatch: 2, maxPaddedTokens: Infinity }), [[1, 2], [0]]);
  });

  it('padded batches hold each sequence, a prefix mask, and ids 0 after it', () => {
    const seqs = seqsOf([4, 2, 3]);
    const [b] = paddedBatches(seqs, [[0, 2, 1]]);
    assert.deepEqual(b.dims, [3, 4]);
    assert.deepEqual(b.mask, [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0]);
    assert.deepEqual(b.ids.slice(4, 8), [...seqs[2], 0]);
    assert.deepEqual(realSequences([b]), [seqs[0], seqs[2], seqs[1]], 'the round trip gives the sequences back');
  });

  it('the real sequences of a recording are each row up to its mask; padding inside a row is refused', () => {
    const rec: RecordedBatch[] = [
      { dims: [2, 3], inputs: [], ids: [101, 7, 102, 101, 102, 0], mask: [1, 1, 1, 1, 1, 0] },
      { dims: [1, 2], inputs: [], ids: [101, 102], mask: [1, 1] },
    ];
    assert.deepEqual(realSequences(rec), [[101, 7, 102], [101, 102], [101, 102]]);
    assert.throws(() => realSequences([{ dims: [1, 3], inputs: [], ids: [1, 2, 3], mask: [1, 0, 1] }]), /prefix/);
  });

  it('a stable subset keeps the length distribution, stays under about the cap, and is all of it when it fits', () => {
    const seqs = seqsOf(lengths(400));
    const total = seqs.reduce((s, x) => s + x.length, 0);
    assert.equal(stableSubset(seqs, total).length, 400);
    const sub = stableSubset(seqs, total / 4);
    const subTokens = sub.reduce((s, x) => s + x.length, 0);
    assert.ok(Math.abs(subTokens - total / 4) < total * 0.03, `${subTokens} ≈ ${total / 4}`);
    assert.equal(new Set(sub).size, sub.length, 'no sequence twice');
    const meanAll = total / seqs.length;
    const meanSub = subTokens / sub.length;
    assert.ok(Math.abs(meanSub - meanAll) / meanAll < 0.05, `mean length ${meanSub} vs ${meanAll}`);
    assert.deepEqual(stableSubset(seqs, total / 4), sub, 'the same subset every time');
  });
});
