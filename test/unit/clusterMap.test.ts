import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { autoKRange } from '../../src/core/query/clusterMap';

describe('cluster map: automatic k range', () => {
  it('keeps a floor that grows with the number of chunks, so a large codebase is not split in two', () => {
    assert.deepEqual(autoKRange(5), [2, 2]);
    const [low711, high711] = autoKRange(711);
    assert.ok(low711 >= 8 && high711 <= 24 && low711 <= high711);
    const [low100k, high100k] = autoKRange(100_000);
    assert.deepEqual([low100k, high100k], [12, 24]);
  });
});
