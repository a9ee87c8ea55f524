// How far can the code map's layout be updated incrementally before it should be computed again?
// usage: node out/bench/mapDrift.js <index-dir>   (an index built with `semsearch index <dir> --index-dir <index-dir>`)
// For a share f of the chunks, the layout is computed on the other (1 − f) and the f are placed as the map does
// (mean of their 5 nearest laid-out neighbours, majority cluster). Measured on all chunks against a full layout:
// - neighbourhood: the mean share of each point's 10 nearest neighbours on the map that are among its 10 nearest
//   by cosine (1.0: the map keeps every neighbourhood);
// - placed neighbourhood: the same, over the placed points only;
// - silhouette (cosine, 1,000 sampled points) of the clusters the incremental map shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeClusters, cosineDistanceMatrix, mulberry32, sampleIndexes, silhouetteScore } from '../src/core/clusters';
import { toPoints } from '../src/core/clusters/kmeans';
import { autoKRange, type MapEntry } from '../src/core/query/clusterMap';
import { placeNewPoints, planReuse } from '../src/core/query/mapReuse';
import { openIndexStore } from '../src/core/store';
import type { StoredMapLayout } from '../src/core/store';

const K_NEAR = 10;

async function main(): Promise<void> {
  const indexDir = path.resolve(process.argv[2] ?? '');
  const current = JSON.parse(fs.readFileSync(path.join(indexDir, 'current.json'), 'utf8'));
  const store = await openIndexStore({ indexDir, identity: current.identity, precision: current.precision, write: false });
  const byHash = new Map<string, MapEntry>();
  for (const chunk of store.allChunks()) {
    const vector = store.getVector(chunk.id);
    if (vector && !byHash.has(chunk.hash)) byHash.set(chunk.hash, { chunk, vector, demoted: false });
  }
  const entries = [...byHash.values()].sort((a, b) => a.chunk.id - b.chunk.id);
  const n = entries.length;
  const trueNear = cosineNeighbours(entries.map((e) => e.vector));
  const silRows = sampleIndexes(n, 1000, mulberry32(7));
  const D = cosineDistanceMatrix(toPoints(entries.map((e) => e.vector), entries[0].vector.length), silRows);
  console.log(`${n} chunks; f = share placed incrementally`);
  console.log('f\tneighbourhood\tplaced-only\tsilhouette\tms');
  for (const f of [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    const t0 = Date.now();
    const placed = new Set(f === 0 ? [] : sampleIndexes(n, Math.round(f * n), mulberry32(11)));
    const old = entries.filter((_, i) => !placed.has(i));
    const res = computeClusters({ vectors: old.map((e) => e.vector), texts: old.map(() => ''), kRange: autoKRange(old.length), seed: 42 });
    const stored: StoredMapLayout = {
      key: 'auto:42', layout: res.layout, silhouette: res.silhouette, k: res.k, basePoints: n * 10, drift: 0,
      hashes: old.map((e) => e.chunk.hash), xy: Array.from(res.coords), clusters: Array.from(res.assignments),
    };
    const plan = planReuse(stored, 'auto:42', entries);
    if (!plan.reuse) throw new Error(plan.reason);
    const layout = placeNewPoints(store, stored, plan, entries);
    const at = new Map(layout.hashes.map((h, i) => [h, i]));
    const xy = entries.map((e) => { const j = at.get(e.chunk.hash)!; return [layout.xy[2 * j], layout.xy[2 * j + 1]]; });
    const clusters = entries.map((e) => layout.clusters[at.get(e.chunk.hash)!]);
    const mapNear = planarNeighbours(xy);
    const agree = (i: number) => mapNear[i].filter((j) => trueNear[i].includes(j)).length / K_NEAR;
    const all = mean(entries.map((_, i) => agree(i)));
    const onlyPlaced = placed.size ? mean([...placed].map(agree)) : NaN;
    const sil = silhouetteScore(D, silRows.map((i) => clusters[i]), layout.k);
    console.log(`${f}\t${all.toFixed(3)}\t\t${Number.isNaN(onlyPlaced) ? '—' : onlyPlaced.toFixed(3)}\t\t${sil.toFixed(3)}\t\t${Date.now() - t0}`);
  }
  await store.close();
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function cosineNeighbours(vectors: Float32Array[]): number[][] {
  return vectors.map((a, i) => nearest(vectors.length, i, (j) => -dot(a, vectors[j])));
}

function planarNeighbours(xy: number[][]): number[][] {
  return xy.map(([x, y], i) => nearest(xy.length, i, (j) => (xy[j][0] - x) ** 2 + (xy[j][1] - y) ** 2));
}

function nearest(n: number, self: number, dist: (j: number) => number): number[] {
  const all: [number, number][] = [];
  for (let j = 0; j < n; j++) if (j !== self) all.push([dist(j), j]);
  return all.sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, K_NEAR).map(([, j]) => j);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
