// b1 precision: a sign-bit graph for candidates, rescored against i8 rows kept after the USearch data.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { VectorIndex } from '../../src/core/store/vectors';
import { cosine, fill, open, put, tempIndexDir, vectorFor } from './storeFixtures';

/** Deterministic clustered unit vectors: 40 centres, each point a centre plus noise (like embeddings: neighbours exist). */
function clustered(n: number, dims: number, seed = 1): Float32Array[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  };
  const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: dims }, rnd));
  return Array.from({ length: n }, (_, i) => {
    const c = centres[i % centres.length];
    const v = Float32Array.from(c, (y) => y + 0.6 * rnd());
    const norm = Math.hypot(...v);
    return v.map((y) => y / norm);
  });
}

function exactTop(vs: Float32Array[], q: Float32Array, k: number): number[] {
  return vs
    .map((v, i) => ({ id: i + 1, s: cosine(v, q) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map((h) => h.id);
}

function withDir(fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-b1-'));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('store: b1 precision', () => {
  const dims = 64;
  const vs = clustered(6000, dims);
  // Queries near the data, as a query is near the code it finds (far from every point, sign bits say little).
  const queries = clustered(30, dims, 99).map((noise, i) => {
    const v = vs[i * 197].map((y, j) => y + 0.5 * noise[j]);
    const norm = Math.hypot(...v);
    return v.map((y) => y / norm);
  });

  it('finds what exact float search finds (recall@10 ≥ 0.9) with cosine scores, in memory and from the saved file', () => {
    withDir((dir) => {
      const file = path.join(dir, 'v.usearch');
      const index = new VectorIndex(dims, 'b1');
      vs.forEach((v, i) => index.setFloat(i + 1, v));
      index.save(file);
      const reader = VectorIndex.load(file, dims, 'b1', { view: true });
      for (const [name, ix] of [['writer', index], ['reader', reader]] as const) {
        let hit = 0;
        for (const q of queries) {
          const got = ix.search(q, 10);
          const want = new Set(exactTop(vs, q, 10));
          hit += got.filter((h) => want.has(h.id)).length;
          // Scores are the cosine with the stored i8 row, not a Hamming distance.
          assert.ok(Math.abs(got[0].score - cosine(vs[got[0].id - 1], q)) < 0.02, `${name}: score is a cosine`);
        }
        assert.ok(hit / (10 * queries.length) >= 0.9, `${name}: recall@10 ${hit / (10 * queries.length)}`);
      }
      // The rows come back as the i8 rows the writer stored.
      for (const id of [1, 2999, 6000]) assert.deepEqual([...reader.getRow(id)!], [...index.getRow(id)!]);
      reader.close();
    });
  });

  it('a writer loads the rows back, takes changes, and saves a file a reader opens again', () => {
    withDir((dir) => {
      const file = path.join(dir, 'v.usearch');
      const index = new VectorIndex(dims, 'b1');
      vs.slice(0, 3000).forEach((v, i) => index.setFloat(i + 1, v));
      index.save(file);
      const writer = VectorIndex.load(file, dims, 'b1', { view: true });
      writer.delete(5);
      writer.setFloat(7000, vs[3500]);
      const second = path.join(dir, 'w.usearch');
      writer.save(second);
      const reader = VectorIndex.load(second, dims, 'b1', { view: true });
      assert.equal(reader.size, 3000);
      assert.equal(reader.has(5), false);
      assert.equal(reader.search(vs[3500], 1)[0].id, 7000);
      assert.equal(reader.search(vs[99], 1)[0].id, 100);
      reader.close();
    });
  });

  it('a damaged rows section is refused, not read', () => {
    withDir((dir) => {
      const file = path.join(dir, 'v.usearch');
      const index = new VectorIndex(dims, 'b1');
      vs.slice(0, 100).forEach((v, i) => index.setFloat(i + 1, v));
      index.save(file);
      const bytes = fs.readFileSync(file);
      // The trailer's magic gone (the file cut short), then one row id changed to an id the graph does not hold.
      fs.writeFileSync(file, bytes.subarray(0, bytes.length - 3));
      assert.throws(() => VectorIndex.load(file, dims, 'b1'), /no b1 rows section|truncated/);
      const wrongId = Buffer.from(bytes);
      wrongId.writeUInt32LE(999_999, bytes.length - 16 - 4);
      fs.writeFileSync(file, wrongId);
      assert.throws(() => VectorIndex.load(file, dims, 'b1', { view: true }), /b1 rows do not match the graph/);
      // An i8 file opened as b1 has no rows section.
      const i8 = new VectorIndex(dims, 'i8');
      vs.slice(0, 100).forEach((v, i) => i8.setFloat(i + 1, v));
      i8.save(file);
      assert.throws(() => VectorIndex.load(file, dims, 'b1'), /no b1 rows section/);
    });
  });

  it('an i8 index converts to b1 and back without embedding again (the same i8 rows)', async () => {
    const dir = tempIndexDir();
    const i8 = await open(dir);
    fill(i8, put(i8, 'a.ts', ['c1', 'c2', 'c3']).needVector);
    await i8.save();
    const rowBefore = [...i8.getVector(i8.getFile('a.ts')!.chunkIds[1])!];
    await i8.close();
    const b1 = await open(dir, { precision: 'b1' });
    assert.match(b1.message ?? '', /converted from i8 to b1/);
    assert.equal(b1.vectorCount(), 3);
    const id2 = b1.getFile('a.ts')!.chunkIds[1];
    assert.equal(b1.searchVectors(vectorFor('c2'), 1)[0].id, id2);
    assert.deepEqual([...b1.getVector(id2)!], rowBefore);
    await b1.save();
    await b1.close();
    const reader = await open(dir, { precision: 'b1', write: false });
    assert.equal(reader.message, undefined);
    assert.equal(reader.searchVectors(vectorFor('c3'), 1)[0].id, reader.getFile('a.ts')!.chunkIds[2]);
    await reader.close();
    // A reader asking for another precision searches the stored one (no conversion in memory, no message).
    const plain = await open(dir, { precision: 'i8', write: false });
    assert.equal(plain.message, undefined);
    assert.equal(plain.precision, 'b1');
    assert.equal(plain.searchVectors(vectorFor('c1'), 1)[0].id, plain.getFile('a.ts')!.chunkIds[0]);
    await plain.close();
    const back = await open(dir, { precision: 'i8' });
    assert.match(back.message ?? '', /converted from b1 to i8/);
    assert.deepEqual([...back.getVector(back.getFile('a.ts')!.chunkIds[1])!], rowBefore);
    await back.close();
  });
});
