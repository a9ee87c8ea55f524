import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LastMaps, mapLayoutNote } from '../../src/extension/vscodeFree/clusterRestriction';
import type { MapPoint } from '../../src/shared/messages';

const point = (path: string, startLine: number, cluster: number): MapPoint => ({ file: `/ws/${path}`, path, startLine, endLine: startLine + 2, symbol: '', kind: 'function', x: 0, y: 0, cluster });

describe('searching inside a cluster', () => {
  it("turns a cluster of the folder's last map into its chunks, and refuses unknown folders and clusters", () => {
    const maps = new LastMaps();
    maps.remember('/ws', [point('a.ts', 1, 0), point('b.ts', 5, 1), point('a.ts', 9, 1)]);
    assert.deepEqual(maps.within('/ws', 1), [{ path: 'b.ts', startLine: 5 }, { path: 'a.ts', startLine: 9 }]);
    assert.equal(maps.within('/ws', 7), undefined);
    assert.equal(maps.within('/other', 0), undefined);
    maps.remember('/ws', [point('c.ts', 2, 1)]);
    assert.deepEqual(maps.within('/ws', 1), [{ path: 'c.ts', startLine: 2 }], 'the newest map counts');
  });

  it('says where the layout came from', () => {
    assert.equal(mapLayoutNote({ source: 'stored', placed: 0, removed: 0 }), 'layout kept');
    assert.equal(mapLayoutNote({ source: 'stored', placed: 1, removed: 2 }), 'layout kept, 1 new point placed, 2 removed');
    assert.equal(mapLayoutNote({ source: 'computed', placed: 0, removed: 0, reason: 'no stored layout' }), 'new layout');
    assert.match(mapLayoutNote({ source: 'computed', placed: 0, removed: 0, reason: '31 % of the points changed since the layout was computed' })!, /31 %/);
    assert.equal(mapLayoutNote(undefined), undefined);
  });
});
