// `--precision b1` at the largest scale corpus (~110k chunks) and at about a million (millionCorpus.ts): index time
// and peak RSS, hybrid and semantic query latency and the query process's peak RSS, bytes on disk, and recall@10 of
// b1 search (sign-bit HNSW candidates rescored against i8 rows) against exact search — over float32 vectors at
// 110k (the same corpus indexed at f32), over the stored i8 rows at 1M (an f32 index of a million chunks is 1.7 GB).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmbedder, resolveModel } from '../../src/core';
import { readCurrentRecord } from '../../src/core/store';
import { B1_RESCORE_MIN, VectorIndex } from '../../src/core/store/vectors';
import { parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT, rmrf } from '../lib/paths';
import { batchLatency, type Latency } from './latency';
import { writeMillionCorpus } from './millionCorpus';
import { indexSize, type SizeResult } from './size';
import { storeMemoryParts, type MemoryPart } from './memoryParts';

export interface B1Point {
  label: string;
  files: number;
  chunks: number;
  indexMs: number;
  indexMaxRssBytes: number | null;
  /** Hybrid, warm, static model (search cost only); its maxRssBytes is the query process's peak. */
  latency: Latency;
  semanticLatency: Latency;
  /** recall@10 of b1 search against exact search over `truth`. */
  recall: { queries: number; at10: number; truth: 'f32 vectors' | 'i8 rows' }[];
  size: SizeResult;
  /** The store alone (a reader with searches, a writer's open): where a query process's memory goes. */
  memory?: MemoryPart[];
}

export interface B1Result {
  /** The largest scale corpus: indexed at f32, then converted to b1 by `semsearch index --precision b1` (no embedding). */
  scale: B1Point & { convertMs: number };
  /** About a million chunks: the scale corpus and `copies` perturbed copies of it, indexed at b1. */
  million?: B1Point & { copies: number };
  /** The fewest sign-bit candidates a search rescored (B1_RESCORE_MIN when it ran; absent from records before it was 1,600: 800). */
  rescoreMin?: number;
}

const rel = (p: string): string => path.relative(REPO_ROOT, p);

async function index(dir: string, indexDir: string, model: string, precision: string, fresh = true): Promise<{ j: IndexJson; rss: number | null }> {
  if (fresh) rmrf(indexDir);
  const r = await runCliOk(['index', rel(dir), '--model', rel(model), '--index-dir', rel(indexDir), '--precision', precision, '--json']);
  return { j: parseIndex(r.stdout), rss: r.maxRssBytes };
}

function vectorsFile(indexDir: string): string {
  const rec = readCurrentRecord(indexDir);
  if (!rec) throw new Error(`no index in ${indexDir}`);
  return path.join(indexDir, rec.files.vectors.name);
}

/** recall@10 of b1 search in `b1Index` against exact cosine over the rows of `truthIndex` (the same chunk ids). */
function recallAt10(b1Index: string, truthIndex: string, truthPrecision: 'f32' | 'b1', queries: Float32Array[], dims: number): number {
  const b1 = VectorIndex.load(vectorsFile(b1Index), dims, 'b1', { view: true });
  const truth = truthIndex === b1Index ? b1 : VectorIndex.load(vectorsFile(truthIndex), dims, truthPrecision, { view: true });
  let hit = 0;
  try {
    for (const q of queries) {
      const want = new Set(truth.exact(q, 10).map((h) => h.id));
      hit += b1.search(q, 10).filter((h) => want.has(h.id)).length;
    }
  } finally {
    b1.close();
    truth.close();
  }
  return hit / (10 * queries.length);
}

async function embedQueries(modelDir: string, texts: string[]): Promise<Float32Array[]> {
  const embedder = await createEmbedder(await resolveModel({ explicit: modelDir }));
  try {
    const out: Float32Array[] = [];
    for (const t of texts) out.push(await embedder.embedQuery(t));
    return out;
  } finally {
    await embedder.close();
  }
}

async function point(label: string, dir: string, indexDir: string, built: { j: IndexJson; rss: number | null }, o: { model: string; queriesFile: string; reps: number }): Promise<Omit<B1Point, 'recall'>> {
  const latency = await batchLatency({ dir, indexDir, modelDir: o.model, queriesFile: o.queriesFile, reps: o.reps });
  const semanticLatency = await batchLatency({ dir, indexDir, modelDir: o.model, queriesFile: o.queriesFile, reps: 1, mode: 'semantic' });
  return {
    label,
    files: built.j.files,
    chunks: built.j.chunks,
    indexMs: built.j.ms,
    indexMaxRssBytes: built.rss,
    latency,
    semanticLatency,
    size: indexSize(indexDir, built.j.chunks),
  };
}

export async function benchB1(o: {
  scaleDir: string;
  workDir: string;
  model: string;
  queriesFile: string;
  queries: string[];
  reps: number;
  copies: number;
  log: (s: string) => void;
}): Promise<B1Result> {
  const dims = (await resolveModel({ explicit: o.model })).identity.dimensions;
  const qv = await embedQueries(o.model, o.queries.slice(0, 200));
  // 1. The scale corpus at f32 (the truth), then converted to b1 in a copy of that index.
  const f32Index = path.join(o.workDir, 'index-b1-f32');
  const b1Index = path.join(o.workDir, 'index-b1-scale');
  await index(o.scaleDir, f32Index, o.model, 'f32');
  rmrf(b1Index);
  fs.cpSync(f32Index, b1Index, { recursive: true });
  const t0 = Date.now();
  const conv = await index(o.scaleDir, b1Index, o.model, 'b1', false);
  const convertMs = Date.now() - t0;
  const scaleBase = await point('scale', o.scaleDir, b1Index, conv, o);
  const scale: B1Result['scale'] = {
    ...scaleBase,
    indexMs: conv.j.ms,
    convertMs,
    recall: [
      { queries: qv.length, at10: recallAt10(b1Index, f32Index, 'f32', qv, dims), truth: 'f32 vectors' },
      { queries: qv.length, at10: recallAt10(b1Index, b1Index, 'b1', qv, dims), truth: 'i8 rows' },
    ],
  };
  o.log(`perf: b1 at ${scale.chunks} chunks: recall@10 ${scale.recall.map((r) => `${r.at10.toFixed(3)} vs ${r.truth}`).join(', ')}; hybrid p95 ${scale.latency.p95.toFixed(1)} ms`);
  rmrf(f32Index);
  if (o.copies <= 0) return { scale, rescoreMin: B1_RESCORE_MIN };

  // 2. About a million chunks.
  const bigDir = path.join(o.workDir, 'million');
  const bigIndex = path.join(o.workDir, 'index-million-b1');
  const files = writeMillionCorpus(o.scaleDir, bigDir, o.copies);
  o.log(`perf: b1 million corpus: ${files} files (the scale corpus + ${o.copies} perturbed copies); indexing at b1…`);
  const built = await index(bigDir, bigIndex, o.model, 'b1');
  const base = await point('million', bigDir, bigIndex, built, o);
  const million: B1Result['million'] = {
    ...base,
    copies: o.copies,
    recall: [{ queries: 100, at10: recallAt10(bigIndex, bigIndex, 'b1', qv.slice(0, 100), dims), truth: 'i8 rows' }],
    memory: storeMemoryParts(bigIndex),
  };
  o.log(
    `perf: b1 at ${million.chunks} chunks: index ${Math.round(million.indexMs)} ms, peak ${((million.indexMaxRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB; hybrid p95 ${million.latency.p95.toFixed(1)} ms, query process peak ${((million.latency.maxRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB; recall@10 ${million.recall[0].at10.toFixed(3)}`,
  );
  rmrf(bigIndex);
  rmrf(bigDir);
  return { scale, million, rescoreMin: B1_RESCORE_MIN };
}
