import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placeLabels } from '../../src/webview/labelPlacement';
import { MAP_COLORS, clusterColor, clusterShape } from '../../src/webview/mapStyle';
import { mapSvg } from '../../src/webview/mapSvg';

describe('map labels', () => {
  it('never overlap: the larger cluster keeps its place, a clashing one moves or hides', () => {
    const area = { width: 400, height: 300 };
    const placed = placeLabels(
      [
        { id: 0, x: 200, y: 150, width: 120, height: 18, priority: 50 },
        { id: 1, x: 210, y: 152, width: 120, height: 18, priority: 40 },
        { id: 2, x: 205, y: 150, width: 120, height: 18, priority: 30 },
        { id: 3, x: 195, y: 149, width: 120, height: 18, priority: 20 },
      ],
      area,
    );
    const first = placed.find((p) => p.id === 0)!;
    assert.deepEqual([first.x, first.y], [200, 150]);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        assert.ok(apart, `labels ${a.id} and ${b.id} overlap`);
      }
    }
    assert.equal(placed.length, 3, 'above and below the first: two more fit, the fourth is hidden');
    assert.ok(!placed.some((p) => p.id === 3));
  });

  it('zooming in (anchors further apart) shows labels that were hidden', () => {
    const cands = (spread: number) => [0, 1, 2, 3].map((id) => ({ id, x: 200 + id * spread, y: 150, width: 100, height: 18, priority: 10 - id }));
    assert.ok(placeLabels(cands(5), { width: 800, height: 300 }).length < 4);
    assert.equal(placeLabels(cands(120), { width: 800, height: 300 }).length, 4);
  });
});

describe('map style', () => {
  it('gives 20 clusters 20 distinct colours, and no two of the first 100 both colour and shape', () => {
    assert.equal(new Set(Array.from({ length: 20 }, (_, c) => clusterColor(c))).size, 20);
    assert.equal(MAP_COLORS.length, 20);
    const pairs = new Set(Array.from({ length: 100 }, (_, c) => `${clusterColor(c)}|${clusterShape(c)}`));
    assert.equal(pairs.size, 100);
    for (let c = 0; c < 30; c++) assert.notEqual(clusterShape(c), clusterShape(c + 1), `clusters ${c} and ${c + 1} share a shape`);
  });
});

describe('map SVG export', () => {
  it('draws every point with its cluster, labels escaped, and a legend entry per cluster', () => {
    const points = [
      { x: 0.1, y: 0.1, cluster: 0, title: 'a <b>' },
      { x: 0.9, y: 0.8, cluster: 1 },
      { x: 0.5, y: 0.5, cluster: 1, demoted: true },
    ];
    const clusters = [
      { id: 0, label: 'lib/adapters · http & <redirect>', size: 1, x: 0.1, y: 0.1 },
      { id: 1, label: 'store · save', size: 2, x: 0.7, y: 0.65 },
    ];
    const svg = mapSvg(points, clusters);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<path [^>]*data-cluster="1"/g) ?? []).length, 2);
    assert.equal((svg.match(/<path [^>]*data-cluster="0"/g) ?? []).length, 1);
    assert.ok(svg.includes('lib/adapters · http &amp; &lt;redirect&gt;'));
    assert.ok(!svg.includes('<redirect>') && !svg.includes('<b>'));
    assert.match(svg, /fill-opacity="0.35"/, 'the demoted point is fainter');
    assert.ok(svg.includes('store · save (2)'), 'legend');
    assert.ok(svg.trimEnd().endsWith('</svg>'));
  });
});
