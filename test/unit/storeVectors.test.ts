// The vector index after a load: batches of inserts must work while the graph still has room.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { VectorIndex } from '../../src/core/store/vectors';

function unit(seed: number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let x = seed * 2654435761;
  for (let i = 0; i < dims; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    v[i] = x / 2147483648 - 0.5;
  }
  const n = Math.hypot(...v);
  return v.map((y) => y / n);
}

describe('store: vector index inserts', () => {
  it('a batch of more than 16 rows goes in while the graph still has room (USearch per-thread contexts)', () => {
    const dims = 32;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-vec-'));
    try {
      const file = path.join(dir, 'v.usearch');
      const index = new VectorIndex(dims, 'i8');
      let id = 0;
      // Small flushes grow the graph to room for 64 with one thread's context: 16, 16, then 1 row.
      for (const batch of [16, 16, 1, 20]) {
        for (let i = 0; i < batch; i++) index.setFloat(++id, unit(id, dims));
        index.save(file); // flushes the pending rows into the graph in one batch
      }
      const again = VectorIndex.load(file, dims, 'i8');
      assert.equal(again.size, 53);
      assert.equal(again.search(unit(50, dims), 1)[0].id, 50);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader reads rows from the file (even after the file is replaced) and the same rows as a writer, then all at once', () => {
    const dims = 16;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-vec-'));
    try {
      const file = path.join(dir, 'v.usearch');
      const index = new VectorIndex(dims, 'i8');
      for (let id = 1; id <= 3000; id++) index.setFloat(id, unit(id, dims));
      index.delete(17); // a removed slot stays in the file: rows must not shift
      index.save(file);
      const writer = VectorIndex.load(file, dims, 'i8');
      const reader = VectorIndex.load(file, dims, 'i8', { view: true });
      // A newer generation replaces the file: the reader's open file still holds its rows.
      fs.renameSync(file, path.join(dir, 'old.usearch'));
      fs.rmSync(path.join(dir, 'old.usearch'));
      assert.equal(reader.size, 2999);
      assert.equal(reader.getRow(17), undefined);
      for (const id of [1, 16, 18, 1500, 3000]) assert.deepEqual([...reader.getRow(id)!], [...writer.getRow(id)!], `row ${id}`);
      // Many single reads (a cluster map) switch to one read of every row; the rows stay the same.
      for (let id = 1; id <= 3000; id++) if (id !== 17) assert.deepEqual([...reader.getRow(id)!], [...writer.getRow(id)!], `row ${id}`);
      assert.equal(reader.exact(unit(2500, dims), 1)[0].id, 2500);
      reader.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('store: one copy of the vectors in a writer', () => {
  for (const precision of ['i8', 'b1'] as const) {
    it(`${precision}: after a save the rows are read from the saved file; rows added later stay in memory until the next save`, () => {
      const dims = 32;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-vec-'));
      try {
        const index = new VectorIndex(dims, precision);
        for (let id = 1; id <= 3000; id++) index.setFloat(id, unit(id, dims));
        const expected = new Map<number, Int8Array>();
        for (let id = 1; id <= 3000; id++) expected.set(id, Int8Array.from(index.getRow(id) as Int8Array));
        assert.equal(index.rowsInMemory, 3000);
        index.save(path.join(dir, 'g1.usearch'));
        assert.equal(index.rowsInMemory, 0);
        for (const id of [1, 17, 1500, 3000]) assert.deepEqual(index.getRow(id), expected.get(id), `row ${id} from the file`);
        // Changes after the save: new rows in memory, a saved row and a new row removed, a saved row replaced.
        for (let id = 3001; id <= 3100; id++) index.setFloat(id, unit(id, dims));
        index.delete(10);
        index.delete(3050);
        index.setFloat(20, unit(99_999, dims));
        assert.equal(index.rowsInMemory, 100); // 100 new − 1 removed + 1 replaced
        assert.equal(index.getRow(10), undefined);
        assert.deepEqual(index.getRow(5), expected.get(5));
        assert.equal(index.search(unit(3075, dims), 1)[0].id, 3075);
        for (let id = 3001; id <= 3100; id++) if (id !== 3050) expected.set(id, Int8Array.from(index.getRow(id) as Int8Array));
        expected.set(20, Int8Array.from(index.getRow(20) as Int8Array));
        expected.delete(10);
        const file2 = path.join(dir, 'g2.usearch');
        index.save(file2);
        assert.equal(index.rowsInMemory, 0);
        fs.rmSync(path.join(dir, 'g1.usearch')); // the store removes older generations
        const reopened = VectorIndex.load(file2, dims, precision);
        assert.equal(reopened.size, expected.size);
        for (const [id, row] of expected) {
          assert.deepEqual(index.getRow(id), row, `writer row ${id}`);
          assert.deepEqual(reopened.getRow(id), row, `reopened row ${id}`);
        }
        // Saving over the file the rows come from keeps them.
        index.save(file2);
        assert.deepEqual(VectorIndex.load(file2, dims, precision).getRow(3100), expected.get(3100));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
