// The id → row table of the vectors: the same answers as a Map, dense or (ids spread wide) sparse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdRowMap } from '../../src/core/store/idRowMap';

function check(m: IdRowMap, ref: Map<number, number>): void {
  assert.equal(m.size, ref.size);
  for (const [id, row] of ref) assert.equal(m.get(id), row);
  assert.deepEqual(new Map(m), ref);
  assert.deepEqual([...m.keys()].sort((a, b) => a - b), [...ref.keys()].sort((a, b) => a - b));
}

test('dense ids: set, overwrite, delete and iterate like a Map', () => {
  const m = new IdRowMap();
  const ref = new Map<number, number>();
  m.reserve(500, 400);
  for (let id = 0; id < 2000; id += 3) {
    m.set(id, id * 2);
    ref.set(id, id * 2);
  }
  m.set(9, 7);
  ref.set(9, 7);
  assert.equal(m.delete(12), true);
  ref.delete(12);
  assert.equal(m.delete(12), false, 'already gone');
  assert.equal(m.delete(5_000_000), false, 'never there');
  assert.equal(m.has(13), false);
  assert.equal(m.get(-1), undefined);
  check(m, ref);
  m.clear();
  assert.equal(m.size, 0);
  assert.equal(m.get(0), undefined);
});

test('ids far wider than the count fall back to a Map and keep every entry', () => {
  const m = new IdRowMap();
  const ref = new Map<number, number>();
  for (let i = 0; i < 50; i++) {
    m.set(i, i);
    ref.set(i, i);
  }
  m.set(2 ** 40, 99);
  ref.set(2 ** 40, 99);
  m.set(7, 70);
  ref.set(7, 70);
  check(m, ref);
  const wide = new IdRowMap();
  wide.reserve(1e9, 10);
  wide.set(5, 1);
  wide.set(1e8, 2);
  check(wide, new Map([[5, 1], [1e8, 2]]));
});
