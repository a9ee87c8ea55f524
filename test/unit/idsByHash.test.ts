// Ids by content hash: the typed-array multi-map gives the same answers as a plain Map of sets through adds,
// removes (with runs that wrap around the table end), growth, shared content and hashes that share a key.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { IdsByHash } from '../../src/core/store/idsByHash';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sorted = (a: readonly number[]): number[] => [...a].sort((x, y) => x - y);

describe('IdsByHash', () => {
  test('random adds and removes match a Map of sets, through growth', () => {
    const r = rng(11);
    const hashOfId = new Map<number, string>();
    const want = new Map<string, Set<number>>();
    const byHash = new IdsByHash((id) => hashOfId.get(id));
    // 3,000 distinct contents, some shared by many chunks.
    const hashes = Array.from({ length: 3000 }, (_, i) => `h${(i * 2654435761) >>> 0}-${i}`);
    let nextId = 1;
    const live: number[] = [];
    for (let step = 0; step < 60_000; step++) {
      if (live.length === 0 || r() < 0.55) {
        const hash = hashes[Math.floor(hashes.length * r() ** 2)];
        const id = nextId++;
        hashOfId.set(id, hash);
        byHash.add(hash, id);
        if (!want.has(hash)) want.set(hash, new Set());
        want.get(hash)!.add(id);
        live.push(id);
      } else {
        const at = Math.floor(live.length * r());
        const id = live[at];
        live[at] = live[live.length - 1];
        live.pop();
        const hash = hashOfId.get(id)!;
        byHash.remove(hash, id);
        hashOfId.delete(id);
        want.get(hash)!.delete(id);
      }
      if (step % 997 === 0) {
        for (const h of hashes.slice(0, 200)) assert.deepEqual(sorted(byHash.ids(h)), sorted([...(want.get(h) ?? [])]), `step ${step}, ${h}`);
      }
    }
    assert.equal(byHash.size, live.length);
    for (const h of hashes) assert.deepEqual(sorted(byHash.ids(h)), sorted([...(want.get(h) ?? [])]));
    // Removing what is not there changes nothing.
    byHash.remove('never-added', 5);
    byHash.remove(hashOfId.get(live[0])!, 10 ** 9);
    assert.equal(byHash.size, live.length);
  });

  test('a candidate whose chunk has another hash (a key collision, or a chunk gone) is not returned', () => {
    const hashOfId = new Map<number, string>([
      [1, 'aaaa'],
      [2, 'aaaa'],
    ]);
    const byHash = new IdsByHash((id) => hashOfId.get(id));
    byHash.add('aaaa', 1);
    byHash.add('aaaa', 2);
    assert.deepEqual(sorted(byHash.ids('aaaa')), [1, 2]);
    // The chunk now says it holds other content: its entry must not answer for 'aaaa'.
    hashOfId.set(2, 'bbbb');
    assert.deepEqual(byHash.ids('aaaa'), [1]);
    hashOfId.delete(1);
    assert.deepEqual(byHash.ids('aaaa'), []);
  });

  test('clear empties it', () => {
    const byHash = new IdsByHash(() => 'x');
    for (let i = 0; i < 5000; i++) byHash.add('x', i);
    assert.equal(byHash.ids('x').length, 5000);
    byHash.clear();
    assert.equal(byHash.size, 0);
    assert.deepEqual(byHash.ids('x'), []);
  });
});
