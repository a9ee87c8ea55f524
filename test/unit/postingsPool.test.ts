// The shared postings pool: every list reads back what was pushed, whatever the interleaving, a decoded (adopted)
// array is read in place and copied out on its first push, and freed blocks are reused.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { PostingsPool, classAbove, classSize } from '../../src/core/store/lexical/postingsPool';

/** Deterministic pseudo-random numbers (a test must fail the same way twice). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('PostingsPool', () => {
  test('interleaved pushes to 5,000 lists of Zipf-like lengths read back exactly', () => {
    const r = rng(7);
    const pool = new PostingsPool();
    const want: number[][] = [];
    for (let i = 0; i < 5000; i++) {
      assert.equal(pool.create(), i);
      want.push([]);
    }
    let pushed = 0;
    for (let step = 0; step < 300_000; step++) {
      // Low list numbers are picked far more often (a few common terms, many rare ones).
      const list = Math.floor(5000 * r() ** 4);
      const entry = (step * 2654435761) >>> 0;
      pool.push(list, entry);
      want[list].push(entry);
      pushed++;
    }
    for (let i = 0; i < want.length; i++) {
      assert.equal(pool.length(i), want[i].length, `list ${i} length`);
      assert.deepEqual(Array.from(pool.view(i)), want[i], `list ${i}`);
    }
    // Blocks at most double a list and freed ones are reused: the pool stays within a small multiple of its entries.
    assert.ok(pool.allocatedEntries < pushed * 3, `${pool.allocatedEntries} entries held for ${pushed} pushed`);
  });

  test('freed blocks are reused: lists grown one after another need little more than the largest', () => {
    const pool = new PostingsPool();
    for (let i = 0; i < 200; i++) {
      const list = pool.create();
      for (let j = 0; j < 1000; j++) pool.push(list, j);
    }
    // 200 lists × a 1,024 block = 204,800 entries at least; the blocks each list outgrew (2 … 768) are reused by the next.
    assert.ok(pool.allocatedEntries < 200 * 1024 * 1.5, `${pool.allocatedEntries} entries`);
  });

  test('an adopted array is read in place; a pushed-to list moves out and the others stay', () => {
    const all = Uint32Array.from([10, 11, 12, 20, 30, 31]);
    const pool = PostingsPool.adopt(all, Uint32Array.from([0, 3, 4]), Uint32Array.from([3, 1, 2]));
    assert.equal(pool.count, 3);
    assert.equal(pool.view(0).buffer, all.buffer, 'no copy');
    pool.push(1, 21);
    pool.push(1, 22);
    assert.deepEqual(Array.from(pool.view(0)), [10, 11, 12]);
    assert.deepEqual(Array.from(pool.view(1)), [20, 21, 22]);
    assert.deepEqual(Array.from(pool.view(2)), [30, 31]);
    const fresh = pool.create();
    pool.push(fresh, 99);
    assert.deepEqual(Array.from(pool.view(fresh)), [99]);
    assert.deepEqual(Array.from(pool.view(2)), [30, 31], 'a reused block of the adopted array did not overwrite a live list');
  });
});

test('size classes grow by about the square root of two and cover every length', () => {
  assert.deepEqual([2, 3, 4, 5, 6, 7, 8].map(classSize), [2, 3, 4, 6, 8, 12, 16]);
  for (let n = 1; n < 5000; n++) {
    const k = classAbove(n);
    assert.ok(classSize(k) >= n && (k === 2 || classSize(k - 1) < n), `n ${n}`);
  }
});
