import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dominantPlace, placeLabel, robustUnitSquare } from '../../src/core/clusters';
import { createResultFilter } from '../../src/core/search';

describe('cluster map: where a cluster lives', () => {
  const everything = [
    'lib/adapters/http.js', 'lib/adapters/xhr.js', 'lib/adapters/fetch.js', 'lib/core/Axios.js', 'lib/core/dispatch.js',
    'lib/helpers/a.js', 'lib/helpers/b.js', 'lib/utils.js', 'src/core/store/postgres/a.ts', 'src/core/store/postgres/b.ts',
    'src/core/query/c.ts', 'src/core/query/d.ts', 'docs/x.md', 'docs/y.md', 'test/t1.js', 'test/t2.js',
  ];

  it('names the deepest folder holding most of the members, by its last two segments', () => {
    const paths = ['lib/adapters/http.js', 'lib/adapters/xhr.js', 'lib/adapters/fetch.js', 'lib/core/Axios.js'];
    assert.equal(dominantPlace(paths, everything), 'lib/adapters');
    assert.equal(dominantPlace(['src/core/store/postgres/a.ts', 'src/core/store/postgres/b.ts', 'src/core/query/c.ts'], everything), 'store/postgres');
  });

  it('never names a folder that holds most of the whole map too', () => {
    // Every member is under lib/, but so is 80 % of the map: "lib" says nothing.
    const mostlyLib = [...everything.filter((p) => p.startsWith('lib/')), 'docs/x.md', 'test/t1.js'];
    assert.equal(dominantPlace(['lib/core/Axios.js', 'lib/helpers/a.js', 'lib/adapters/http.js', 'lib/utils.js'], mostlyLib), undefined);
    assert.equal(dominantPlace(['lib/core/Axios.js', 'lib/helpers/a.js', 'lib/adapters/http.js', 'lib/utils.js'], everything), 'lib', 'half the map: twice as common');
  });

  it('names the file when one file holds most members, and nothing when the members are spread', () => {
    assert.equal(dominantPlace(['lib/utils.js', 'lib/utils.js', 'lib/utils.js', 'src/a.ts'], everything), 'lib/utils');
    assert.equal(dominantPlace(['lib/helpers/a.js', 'src/core/query/c.ts', 'docs/x.md', 'test/t1.js'], everything), undefined);
  });

  it('leads the label with the place and drops terms it already says', () => {
    assert.equal(placeLabel('lib/adapters', ['adapters', 'http', 'redirect', 'proxy']), 'lib/adapters · http · redirect');
    assert.equal(placeLabel(undefined, ['http']), undefined);
  });
});

describe('cluster map: robust scaling', () => {
  it('keeps a far outlier from squashing the rest into a corner, and puts it on the rim', () => {
    const n = 100;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = (i % 10) / 10;
      xy[2 * i + 1] = Math.floor(i / 10) / 10;
    }
    xy[0] = 1000; // one point very far away
    const out = robustUnitSquare(xy);
    const xs = Array.from({ length: n - 1 }, (_, i) => out[2 * (i + 1)]);
    const spread = Math.max(...xs) - Math.min(...xs);
    assert.ok(spread > 0.8, `the other points span only ${spread.toFixed(3)} of the width`);
    assert.ok(out[0] > Math.max(...xs) && out[0] <= 1, `outlier at ${out[0]}, beyond the others but inside the map`);
    for (const v of out) assert.ok(v >= 0 && v <= 1);
  });
});

describe('search: restricting to chunks (a cluster)', () => {
  it('keeps only the listed chunks, by path and start line', () => {
    const keep = createResultFilter({ within: [{ path: 'src/a.ts', startLine: 3 }, { path: './lib/b.js', startLine: 10 }] })!;
    assert.equal(keep({ path: 'src/a.ts', language: 'typescript', startLine: 3 }), true);
    assert.equal(keep({ path: 'lib/b.js', language: 'javascript', startLine: 10 }), true);
    assert.equal(keep({ path: 'src/a.ts', language: 'typescript', startLine: 4 }), false);
    assert.equal(keep({ path: 'src/c.ts', language: 'typescript', startLine: 3 }), false);
    const none = createResultFilter({ within: [] })!;
    assert.equal(none({ path: 'src/a.ts', language: 'typescript', startLine: 3 }), false, 'an empty cluster matches nothing');
  });
});
