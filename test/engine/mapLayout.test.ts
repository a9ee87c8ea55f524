// The code map's layout is kept beside the index: the same after reopening and in a read-only second engine,
// new chunks placed near their neighbours, recomputed when much changed or when the file is damaged.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type ClusterMap, type Engine } from '../../src/core';
import { MAP_LAYOUT_FILE } from '../../src/core/store';
import { FIXTURE_FILES } from '../helpers/fixtureProject';
import { devModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

function open(root: string, readOnly = false): Promise<Engine> {
  return createEngine({ root, modelDir: devModelDir(), threads: 1, readOnly });
}

const positions = (map: ClusterMap) => new Map(map.points.map((p) => [`${p.path}:${p.startLine}`, [p.x, p.y, p.cluster]]));

describe('code map: a stable layout kept with the index', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  let first: ClusterMap;
  before(async () => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    engine = await open(ws.root);
    await engine.index();
    first = await engine.clusters({ seed: 42 });
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('computes the first map and keeps it in the index folder', () => {
    assert.equal(first.stability?.source, 'computed');
    assert.ok(fs.existsSync(path.join(engine.status().indexDir, MAP_LAYOUT_FILE)));
  });

  it('gives the same map after the engine is closed and opened again, and to a read-only reader', async () => {
    await engine.close();
    engine = await open(ws.root);
    const again = await engine.clusters({ seed: 42 });
    assert.equal(again.stability?.source, 'stored');
    assert.deepEqual(positions(again), positions(first));
    assert.deepEqual(again.clusters.map((c) => c.label), first.clusters.map((c) => c.label));
    const reader = await open(ws.root, true);
    try {
      const seen = await reader.clusters({ seed: 42 });
      assert.equal(seen.stability?.source, 'stored');
      assert.deepEqual(positions(seen), positions(first));
    } finally {
      await reader.close();
    }
  });

  it('places a new chunk near its nearest neighbours and moves nothing else', async () => {
    // A near copy of an existing function: its neighbours are that function and its cluster.
    const source = 'src/util/timing.js';
    assert.ok(FIXTURE_FILES[source], 'fixture file');
    fs.mkdirSync(path.join(ws.root, 'lib2'), { recursive: true });
    fs.writeFileSync(path.join(ws.root, 'lib2/utilsCopy.js'), FIXTURE_FILES[source].replace(/debounce/g, 'debounceAgain'));
    await engine.update(['lib2/utilsCopy.js']);
    const map = await engine.clusters({ seed: 42 });
    assert.equal(map.stability?.source, 'stored');
    assert.ok(map.stability!.placed >= 1, JSON.stringify(map.stability));
    const before = positions(first);
    for (const [key, pos] of positions(map)) if (before.has(key)) assert.deepEqual(pos, before.get(key), `${key} moved`);
    const copy = map.points.find((p) => p.path === 'lib2/utilsCopy.js' && /debounceAgain/.test(p.symbol))!;
    const original = map.points.find((p) => p.path === source && p.symbol === 'debounce')!;
    assert.ok(copy && original, 'both on the map');
    const spread = Math.hypot(copy.x - original.x, copy.y - original.y);
    assert.ok(spread < 0.2, `placed ${spread.toFixed(3)} away from the code it copies`);
  });

  it('recomputes when more than a quarter of the points changed', async () => {
    const many: Record<string, string> = {};
    for (const [p, text] of Object.entries(FIXTURE_FILES)) many[`copy/${p}`] = text.replace(/\b([a-z]\w{3,})\(/g, 'other_$1(');
    for (const [p, text] of Object.entries(many)) {
      fs.mkdirSync(path.dirname(path.join(ws.root, p)), { recursive: true });
      fs.writeFileSync(path.join(ws.root, p), text);
    }
    await engine.update(Object.keys(many));
    const map = await engine.clusters({ seed: 42 });
    assert.equal(map.stability?.source, 'computed');
    assert.match(map.stability?.reason ?? '', /% of the points changed/);
  });

  it('recomputes, without an error, when the layout file is damaged', async () => {
    fs.writeFileSync(path.join(engine.status().indexDir, MAP_LAYOUT_FILE), '{"format":1, "hashes": [');
    const map = await engine.clusters({ seed: 42 });
    assert.equal(map.stability?.source, 'computed');
    assert.equal(map.stability?.reason, 'no stored layout');
    assert.ok(map.points.length > 0);
    const again = await engine.clusters({ seed: 42 });
    assert.equal(again.stability?.source, 'stored', 'the recomputed layout was written back');
  });

  it('recomputes for another cluster count', async () => {
    const map = await engine.clusters({ seed: 42, k: 3 });
    assert.equal(map.stability?.source, 'computed');
    assert.equal(map.clusters.length, 3);
  });
});

describe('code map: generated link lists and cluster search', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  const changelog = Array.from({ length: 40 }, (_, i) => `- [#${1000 + i}](https://example.invalid/pull/${1000 + i}) zeppelin contributor${i} thanks`).join('\n');
  before(async () => {
    ws = makeTempWorkspace({ ...FIXTURE_FILES, 'CHANGELOG.md': `# Changelog\n\n## 1.0\n\n${changelog}\n`, 'CONTRIBUTORS.md': `# Contributors\n\n${changelog}\n` });
    engine = await open(ws.root);
    await engine.index();
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('marks points of changelogs and contributor lists, and their words never name a cluster', async () => {
    const map = await engine.clusters({ seed: 42, k: 3 });
    const demoted = map.points.filter((p) => p.demoted).map((p) => p.path);
    assert.ok(demoted.includes('CHANGELOG.md') && demoted.includes('CONTRIBUTORS.md'), JSON.stringify(demoted));
    assert.ok(map.points.filter((p) => !p.demoted).every((p) => p.path !== 'CHANGELOG.md'));
    const withOthers = map.clusters.filter((c) => map.points.some((p) => p.cluster === c.id && !p.demoted));
    for (const c of withOthers) assert.doesNotMatch(c.label, /zeppelin|contributor|changelog/i, `cluster ${c.id}: ${c.label}`);
  });

  it('searches only the chunks of one cluster when asked', async () => {
    const map = await engine.clusters({ seed: 42, k: 3 });
    const cluster = map.clusters[0];
    const within = map.points.filter((p) => p.cluster === cluster.id).map((p) => ({ path: p.path, startLine: p.startLine }));
    const all = await engine.search('convert a temperature', { k: 20 });
    const restricted = await engine.search('convert a temperature', { k: 20, within });
    const inside = new Set(within.map((w) => `${w.path}:${w.startLine}`));
    assert.ok(restricted.length > 0, 'something in the cluster matches');
    assert.ok(restricted.every((r) => inside.has(`${r.path}:${r.startLine}`)), JSON.stringify(restricted.map((r) => r.path)));
    assert.ok(all.some((r) => !inside.has(`${r.path}:${r.startLine}`)), 'the unrestricted search reaches other clusters');
  });
});
