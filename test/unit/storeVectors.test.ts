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
});
