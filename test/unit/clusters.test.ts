import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  computeClusters,
  clusterLabels,
  silhouetteScore,
  mulberry32,
  sampleIndexes,
  normalizeUnitSquare,
  type ClusterOutput,
} from '../../src/core/clusters';

const DIM = 384;

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

function unit(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
}

/** `blobs` Gaussian blobs around random unit centers in 384-D, points dealt round-robin. */
function makeBlobs(n: number, blobs: number, seed: number, sigma = 0.03): { vectors: Float32Array[]; truth: number[] } {
  const g = gaussian(mulberry32(seed));
  const centers = Array.from({ length: blobs }, () => Array.from({ length: DIM }, g)).map((c) => Array.from(unit(c)));
  const truth: number[] = [];
  const vectors: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const b = i % blobs;
    truth.push(b);
    vectors.push(unit(centers[b].map((x) => x + sigma * g())));
  }
  return { vectors, truth };
}

const TOPICS = ['parser', 'database', 'network', 'render', 'crypto'];
const SHARED = ['helper', 'value', 'result', 'item'];

/** Identifier-split text per point: its blob's topic word, shared filler, stop words and keywords. */
function makeTexts(truth: number[]): string[] {
  return truth.map((b, i) =>
    [
      'function', 'return', 'const', 'the', 'this', 'self', 'a', 'of', 'if', 'id',
      TOPICS[b], TOPICS[b], `${TOPICS[b]}${['Config', 'State', 'Error'][i % 3]}`,
      SHARED[i % SHARED.length], SHARED[(i + 1) % SHARED.length],
    ].join(' '),
  );
}

function assertCoordsInUnitSquare(out: ClusterOutput, n: number): void {
  assert.equal(out.coords.length, 2 * n);
  for (const v of out.coords) assert.ok(v >= 0 && v <= 1 && Number.isFinite(v), `coordinate ${v}`);
}

/** Clusters match the truth up to relabeling (a bijection between labels). */
function assertSamePartition(a: ArrayLike<number>, truth: number[]): void {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const x = a[i];
    const t = truth[i];
    if (!map.has(x)) map.set(x, t);
    if (!back.has(t)) back.set(t, x);
    assert.equal(map.get(x), t, `point ${i}: cluster ${x} mixes blobs`);
    assert.equal(back.get(t), x, `point ${i}: blob ${t} split across clusters`);
  }
}

describe('computeClusters on Gaussian blobs (n = 300, 384-D)', () => {
  const BLOBS = 5;
  const { vectors, truth } = makeBlobs(300, BLOBS, 7);
  const texts = makeTexts(truth);
  let out: ClusterOutput;
  before(() => {
    out = computeClusters({ vectors, texts, seed: 3 });
  });

  it('chooses k = number of blobs by silhouette and recovers the blobs', () => {
    assert.equal(out.k, BLOBS);
    assert.ok(out.silhouette > 0.3, `silhouette ${out.silhouette}`);
    assert.equal(out.assignments.length, 300);
    assertSamePartition(out.assignments, truth);
  });

  it('is deterministic for a seed', () => {
    const again = computeClusters({ vectors, texts, seed: 3 });
    assert.deepEqual(again, out);
  });

  it('labels carry the topic word and no stop words or keywords', () => {
    assert.equal(out.labels.length, out.k);
    const stop = new Set(['function', 'return', 'const', 'the', 'this', 'self', 'of', 'if', 'id', 'a']);
    for (let c = 0; c < out.k; c++) {
      const member = out.assignments.indexOf(c);
      const topic = TOPICS[truth[member]];
      assert.equal(out.labels[c].terms[0], topic, `cluster ${c}: ${out.labels[c].label}`);
      assert.ok(out.labels[c].label.includes(topic));
      assert.ok(out.labels[c].terms.length <= 10);
      for (const t of out.labels[c].terms) {
        assert.ok(!stop.has(t) && t.length >= 3, `term ${t}`);
        // a shared filler word is never more distinctive than the topic
      }
      assert.equal(out.labels[c].label, out.labels[c].terms.slice(0, 3).join(' · '));
    }
  });

  it('lays out with UMAP into [0,1]²; centers are the mean of their points', () => {
    assert.equal(out.layout, 'umap');
    assertCoordsInUnitSquare(out, 300);
    assert.equal(out.centers.length, 2 * out.k);
    for (let c = 0; c < out.k; c++) {
      let x = 0, y = 0, m = 0;
      for (let i = 0; i < 300; i++) if (out.assignments[i] === c) { x += out.coords[2 * i]; y += out.coords[2 * i + 1]; m++; }
      assert.ok(Math.abs(out.centers[2 * c] - x / m) < 1e-5);
      assert.ok(Math.abs(out.centers[2 * c + 1] - y / m) < 1e-5);
    }
    assert.equal(out.layoutPoints, undefined);
  });

  it('representatives: up to 3 members per cluster, most central first; ids by size', () => {
    assert.equal(out.representatives.length, out.k);
    const sizes = Array.from({ length: out.k }, (_, c) => out.assignments.filter((a) => a === c).length);
    for (let c = 1; c < out.k; c++) assert.ok(sizes[c - 1] >= sizes[c]);
    out.representatives.forEach((reps, c) => {
      assert.equal(reps.length, 3);
      assert.equal(new Set(reps).size, 3);
      for (const i of reps) assert.equal(out.assignments[i], c);
      // the first is at least as close to the cluster mean as any other member
      const mean = new Float64Array(DIM);
      for (let i = 0; i < 300; i++) if (out.assignments[i] === c) for (let j = 0; j < DIM; j++) mean[j] += vectors[i][j];
      const sim = (i: number) => vectors[i].reduce((s, v, j) => s + v * mean[j], 0);
      const best = sim(reps[0]);
      for (let i = 0; i < 300; i++) if (out.assignments[i] === c) assert.ok(sim(i) <= best + 1e-6);
    });
  });
});

describe('computeClusters: options and edge cases', () => {
  it('honours a given k and a k range', () => {
    const { vectors, truth } = makeBlobs(60, 3, 11);
    const texts = makeTexts(truth);
    const three = computeClusters({ vectors, texts, k: 3, seed: 1 });
    assert.equal(three.k, 3);
    assertSamePartition(three.assignments, truth);
    const two = computeClusters({ vectors, texts, k: 2, seed: 1 });
    assert.equal(two.k, 2);
    const ranged = computeClusters({ vectors, texts, kRange: [4, 5], seed: 1 });
    assert.ok(ranged.k >= 4 && ranged.k <= 5, `k ${ranged.k}`);
  });

  it('falls back to PCA for tiny n, coordinates in [0,1]', () => {
    const { vectors, truth } = makeBlobs(12, 2, 5);
    const out = computeClusters({ vectors, texts: makeTexts(truth), seed: 1 });
    assert.equal(out.layout, 'pca');
    assert.equal(out.k, 2);
    assertSamePartition(out.assignments, truth);
    assertCoordsInUnitSquare(out, 12);
    assert.ok(Math.max(...out.coords) === 1 || Math.min(...out.coords) === 0, 'the map fills the square');
  });

  it('n = 0 and n = 1', () => {
    const empty = computeClusters({ vectors: [], texts: [] });
    assert.equal(empty.k, 0);
    assert.equal(empty.assignments.length, 0);
    assert.equal(empty.coords.length, 0);
    assert.deepEqual(empty.labels, []);
    const one = computeClusters({ vectors: [unit([1, 2, 3])], texts: ['parse json'] });
    assert.equal(one.k, 1);
    assert.deepEqual(Array.from(one.assignments), [0]);
    assert.deepEqual(Array.from(one.coords), [0.5, 0.5]);
    assert.deepEqual(one.representatives, [[0]]);
    assert.equal(one.labels[0].label, 'json · parse'); // equal weights: alphabetical
    assert.equal(one.silhouette, 0);
  });

  it('k > n and n below the k range clamp to the points available', () => {
    const { vectors, truth } = makeBlobs(4, 4, 2);
    const out = computeClusters({ vectors, texts: makeTexts(truth), k: 10 });
    assert.equal(out.k, 4);
    assertCoordsInUnitSquare(out, 4);
    const ranged = computeClusters({ vectors, texts: makeTexts(truth), kRange: [6, 9] });
    assert.equal(ranged.k, 4);
    const two = computeClusters({ vectors: vectors.slice(0, 2), texts: ['a', 'b'] });
    assert.ok(two.k >= 1 && two.k <= 2);
    assertCoordsInUnitSquare(two, 2);
  });

  it('all-identical vectors make one cluster in the middle of the map', () => {
    const v = unit(Array.from({ length: DIM }, (_, i) => Math.sin(i)));
    const vectors = Array.from({ length: 40 }, () => Float32Array.from(v));
    const out = computeClusters({ vectors, texts: vectors.map(() => 'cache lookup'), k: 5 });
    assert.equal(out.k, 1);
    assert.ok(out.assignments.every((a) => a === 0));
    assertCoordsInUnitSquare(out, 40);
    const auto = computeClusters({ vectors, texts: vectors.map(() => 'cache lookup') });
    assert.equal(auto.k, 1);
    assert.equal(auto.labels[0].label, 'cache · lookup');
  });

  it('rejects vectors of different lengths', () => {
    assert.throws(() => computeClusters({ vectors: [new Float32Array(3), new Float32Array(4)], texts: [] }), RangeError);
  });

  it('above maxPoints: fits and lays out a sample, places the rest', () => {
    const { vectors, truth } = makeBlobs(150, 3, 13);
    const out = computeClusters({ vectors, texts: makeTexts(truth), maxPoints: 60, seed: 2 });
    assert.equal(out.k, 3);
    assertSamePartition(out.assignments, truth);
    assert.equal(out.layoutPoints?.length, 60);
    assertCoordsInUnitSquare(out, 150);
  });
});

describe('cluster building blocks', () => {
  it('c-TF-IDF prefers terms distinctive of a cluster', () => {
    const texts = [
      'parse token parse lexer helper', // cluster 0
      'parse token grammar helper',
      'socket connect retry helper', // cluster 1
      'socket timeout helper return the',
    ];
    const labels = clusterLabels(texts, [0, 0, 1, 1], 2);
    // c-TF-IDF: tf/words · log(1 + A/f); A = 8 words per cluster on average.
    // cluster 0 (9 words): parse 3/9·ln(1+8/3) > token 2/9·ln(5) > lexer = grammar 1/9·ln(9) = helper 2/9·ln(3)
    assert.deepEqual(labels[0].terms.slice(0, 2), ['parse', 'token']);
    assert.deepEqual(labels[0].terms.slice(2).sort(), ['grammar', 'helper', 'lexer']);
    assert.equal(labels[0].label, labels[0].terms.slice(0, 3).join(' · '));
    // cluster 1 (7 words): socket 2/7·ln(5) first; 'return' and 'the' are never terms
    assert.equal(labels[1].terms[0], 'socket');
    assert.ok(!labels[1].terms.includes('return') && !labels[1].terms.includes('the'));
    assert.deepEqual([...labels[1].terms].sort(), ['connect', 'helper', 'retry', 'socket', 'timeout']);
    // a word shared by every cluster is never more distinctive than a word of one cluster with the same count
    const shared = clusterLabels(['alpha beta', 'gamma beta'], [0, 1], 2);
    assert.deepEqual(shared[0].terms, ['alpha', 'beta']);
    assert.deepEqual(shared[1].terms, ['gamma', 'beta']);
    const empty = clusterLabels(['the of a'], [0], 1);
    assert.deepEqual(empty[0], { terms: [], label: 'cluster 1' });
  });

  it('silhouette on a hand-computed example', () => {
    // points on a line at 0, 1 | 5, 6 (distance = |a − b|)
    const xs = [0, 1, 5, 6];
    const D = new Float32Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) D[i * 4 + j] = Math.abs(xs[i] - xs[j]);
    // point 0: a = 1, b = 5.5 → 0.818…; point 1: a = 1, b = 4.5 → 0.777…; symmetric
    const expected = ((1 - 1 / 5.5) + (1 - 1 / 4.5)) / 2;
    assert.ok(Math.abs(silhouetteScore(D, [0, 0, 1, 1], 2) - expected) < 1e-6);
    assert.equal(silhouetteScore(D, [0, 0, 0, 0], 1), 0);
    // singletons count 0
    assert.ok(Math.abs(silhouetteScore(D, [0, 1, 1, 1], 2) - (2 * (1 - 1.5 / 5) - 0) / 4 - (1 - 1 / 5.5) / 4 * 0) < 0.5);
  });

  it('seeded helpers are deterministic', () => {
    assert.deepEqual(sampleIndexes(100, 5, mulberry32(9)), sampleIndexes(100, 5, mulberry32(9)));
    assert.deepEqual(sampleIndexes(3, 5, mulberry32(9)), [0, 1, 2]);
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 10; i++) assert.equal(a(), b());
  });

  it('normalizeUnitSquare keeps the aspect ratio', () => {
    const out = normalizeUnitSquare(Float64Array.of(0, 0, 4, 2, 2, 1));
    assert.deepEqual(Array.from(out), [0, 0.25, 1, 0.75, 0.5, 0.5]);
    assert.deepEqual(Array.from(normalizeUnitSquare(Float64Array.of(3, 3, 3, 3))), [0.5, 0.5, 0.5, 0.5]);
  });
});
