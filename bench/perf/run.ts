// Speed and size benchmark: drives the CLI (and the engine's update() for the one-file edit) on
// real corpora grown by copying, and measures each figure against its ceiling or target.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { sampleStable, stableKey } from '../lib/hash';
import { ARCH_MODEL, REPO_ROOT, STATIC_MODEL, WORK_DIR, ensureDir, rmrf } from '../lib/paths';
import { extractFunctions } from '../quality/extractCode';
import { runAdapterPerf, type AdapterPerf } from './adapter';
import { benchB1, type B1Result } from './b1Scale';
import { coldStart, type ColdStart } from './coldStart';
import { baseFiles, growCorpus, writeCorpus, type CorpusFile } from './corpus';
import { benchEmbedding, type EmbeddingResult } from './embedding';
import { editOneFile, noopReindex, renameFolder, type EditResult, type NoopResult, type RenameResult } from './incremental';
import { batchLatency, queryEmbeddingLatency, writeLatencyQueries, type Latency } from './latency';
import { openCost, type OpenCost } from './openCost';
import { SCALE_CHUNKS_PER_FILE, scaleFiles, writeScaleCorpus } from './scaleCorpus';
import { memoryParts, type MemoryPart } from './memoryParts';
import { indexSize, type SizeResult } from './size';

export interface ScalePoint {
  label: string;
  files: number;
  chunks: number;
  /** Chunks embedded (distinct content; the rest were reused by content hash). */
  distinct?: number;
  indexMs: number;
  indexWallMs: number;
  indexMaxRssBytes: number | null;
  /** Hybrid, warm, static-minilm-dev (query embedding is a table lookup: search cost only). */
  latency: Latency;
  coldStart?: ColdStart;
  /** Opening the largest index read-only, with and without checksum verification. */
  openCost?: OpenCost;
  size?: SizeResult;
}

export interface PerfResult {
  quick: boolean;
  base: { files: number; chunks: number; tokens: number };
  embedding: EmbeddingResult;
  /** End to end with the real architecture: hybrid batch latency on the arch-random index. */
  archLatency: Latency & { chunks: number };
  archColdStart: ColdStart;
  /** Query embedding alone with minilm-arch-random (tokenize + session + pool), through the embedder. */
  archQueryEmbedding: Latency;
  scale: ScalePoint[];
  /** The largest scale corpus indexed again with minilm-arch-random: end-to-end latency and memory with the real architecture. */
  archAtScale: {
    files: number;
    chunks: number;
    embedded: number;
    reused: number;
    tokens: number;
    indexMs: number;
    indexMaxRssBytes: number | null;
    latency: Latency;
    coldStart: ColdStart;
  };
  noop: NoopResult & { corpusChunks: number };
  rename: RenameResult;
  edit: EditResult & { indexChunks: number };
  /** Each part of an index run and a query process alone (peak RSS); absent from older records. */
  memoryParts?: MemoryPart[];
  /** `--precision b1` at the largest scale corpus and at about a million chunks; absent from older records and --quick. */
  b1?: B1Result;
  /** The query adapter's training time (5,000 synthetic pairs) and per-query cost; absent from older records. */
  adapter?: AdapterPerf;
  notes: string[];
}

const rel = (p: string): string => path.relative(REPO_ROOT, p);

async function indexCli(dir: string, indexDir: string, modelDir: string): Promise<{ j: IndexJson; wallMs: number; rss: number | null }> {
  rmrf(indexDir);
  const r = await runCliOk(['index', rel(dir), '--model', rel(modelDir), '--index-dir', rel(indexDir), '--json']);
  return { j: parseIndex(r.stdout), wallMs: r.wallMs, rss: r.maxRssBytes };
}

/** Natural-language queries: first sentences of doc comments in the corpus (not blanked here: speed only). */
function latencyQueries(files: CorpusFile[], n: number): string[] {
  const qs = new Set<string>();
  // Files in a stable shuffled order, parsed only until there are enough queries to sample from.
  const code = files.filter((f) => /\.(m?js|ts)$/.test(f.rel));
  for (const f of sampleStable(code, code.length, (x) => x.rel).sort((a, b) => (stableKey(a.rel) < stableKey(b.rel) ? -1 : 1))) {
    for (const d of extractFunctions(f.rel, fs.readFileSync(f.abs, 'utf8')).documented) qs.add(d.query);
    if (qs.size >= 3 * n) break;
  }
  return sampleStable([...qs], n, (q) => q);
}

/** Sizes of one run. `smoke` is for developing the benchmark itself (tiny, meaningless numbers). */
interface Profile {
  reps: number;
  queries: number;
  baseFiles?: number;
  embedTokens: number;
  embedReps: number;
  /** Real tokens per batch shape in the embedding sweep. */
  sweepTokens: number;
  editReps: number;
  scale: number[];
  incrementalFiles: number;
  /** Perturbed copies of the largest scale corpus for the b1 million point (0: b1 at the largest point only, the million point being `--only million`; -1: no b1 step). */
  millionCopies: number;
}
const PROFILES: Record<'full' | 'quick' | 'smoke', Profile> = {
  full: { reps: 5, queries: 400, embedTokens: 600_000, embedReps: 5, sweepTokens: 60_000, editReps: 10, scale: [1_000, 10_000, 100_000], incrementalFiles: 10_000, millionCopies: 0 },
  quick: { reps: 1, queries: 60, baseFiles: 300, embedTokens: 80_000, embedReps: 2, sweepTokens: 20_000, editReps: 3, scale: [1_000, 10_000], incrementalFiles: 1_000, millionCopies: -1 },
  smoke: { reps: 1, queries: 20, baseFiles: 40, embedTokens: 5_000, embedReps: 1, sweepTokens: 5_000, editReps: 1, scale: [100, 600], incrementalFiles: 100, millionCopies: 1 },
};

export async function runPerf(o: { quick: boolean; smoke?: boolean; log: (s: string) => void }): Promise<PerfResult> {
  const log = o.log;
  const P = PROFILES[o.smoke ? 'smoke' : o.quick ? 'quick' : 'full'];
  const notes: string[] = [];
  const W = ensureDir(path.join(WORK_DIR, 'perf'));
  const reps = P.reps;
  const all = await baseFiles(log);
  const queries = latencyQueries(all, P.queries);
  const queriesFile = path.join(W, 'latency-queries.jsonl');
  writeLatencyQueries(queriesFile, queries);

  // Base corpus, indexed once with the static model to learn its size.
  const baseDir = path.join(W, 'base');
  const baseN = writeCorpus(baseDir, all, P.baseFiles);
  const baseIdx = await indexCli(baseDir, path.join(W, 'index-base'), STATIC_MODEL);
  const base = { files: baseIdx.j.files, chunks: baseIdx.j.chunks, tokens: baseIdx.j.tokens };
  log(`perf: base corpus ${baseN} files → ${base.files} indexed, ${base.chunks} chunks, ${base.tokens} tokens (${Math.round(baseIdx.j.ms)} ms, static)`);
  const baseFilesList = sampleStable(all, baseN, (f) => f.rel);

  // 1. Embedding throughput vs the raw session, on a slice of the base corpus with the arch model.
  const embedTokens = P.embedTokens;
  const embedFiles = Math.max(20, Math.min(baseN, Math.round((baseN * embedTokens) / Math.max(1, base.tokens))));
  const embedDir = path.join(W, 'embed');
  writeCorpus(embedDir, baseFilesList, embedFiles);
  log(`perf: embedding throughput on ${embedFiles} files with minilm-arch-random (${P.embedReps} reps)`);
  const embedding = await benchEmbedding({ corpusDir: embedDir, modelDir: ARCH_MODEL, staticModelDir: STATIC_MODEL, reps: P.embedReps, sweepTokens: P.sweepTokens, log });
  const embedIndexDir = path.join(W, 'index-embed');

  // 2. End-to-end latency with the real architecture on that index, and the query embedding alone.
  const archLat = await batchLatency({ dir: embedDir, indexDir: embedIndexDir, modelDir: ARCH_MODEL, queriesFile, reps });
  const archLatency = { ...archLat, chunks: embedding.corpus.chunks };
  log(`perf: arch-random end-to-end hybrid at ${embedding.corpus.chunks} chunks: p50 ${archLat.p50.toFixed(1)} ms, p95 ${archLat.p95.toFixed(1)} ms`);
  const archColdStart = await coldStart({ dir: embedDir, indexDir: embedIndexDir, modelDir: ARCH_MODEL, query: queries[0], reps: Math.max(2, reps) });
  const archQueryEmbedding = await queryEmbeddingLatency(ARCH_MODEL, queries);
  log(`perf: arch-random query embedding p50 ${archQueryEmbedding.p50.toFixed(1)} ms, p95 ${archQueryEmbedding.p95.toFixed(1)} ms; cold start ${Math.round(archColdStart.medianMs)} ms`);

  // 3. One edited file → engine.update([path]) on the arch-random index (real embedding cost).
  const editFile = pickEditFile(embedDir);
  const edit = { ...(await editOneFile({ dir: embedDir, indexDir: embedIndexDir, modelDir: ARCH_MODEL, file: editFile, reps: P.editReps })), indexChunks: embedding.corpus.chunks };
  log(`perf: one-file edit → update(): median ${edit.medianMs.toFixed(0)} ms (${editFile})`);

  // 4. Scale points from the scale corpus: distinct real code (pinned packages, scaleCorpus.ts), a stable sample of
  //    its files for each size, all of it for the largest. The static model builds the index; search cost measured,
  //    query embedding separately above.
  const targets = P.scale;
  const scale: ScalePoint[] = [];
  const scaleAll = await scaleFiles(log);
  let biggestDir = baseDir;
  let biggestIndex = '';
  for (const target of targets) {
    const dir = path.join(W, `scale-${target}`);
    const fraction = target / (scaleAll.length * SCALE_CHUNKS_PER_FILE);
    writeScaleCorpus(dir, scaleAll, fraction > 0.85 ? 1 : fraction);
    const indexDir = path.join(W, `index-scale-${target}`);
    const idx = await indexCli(dir, indexDir, STATIC_MODEL);
    const latency = await batchLatency({ dir, indexDir, modelDir: STATIC_MODEL, queriesFile, reps });
    const point: ScalePoint = {
      label: target >= 1000 ? `${target / 1000}k` : String(target),
      files: idx.j.files,
      chunks: idx.j.chunks,
      distinct: idx.j.embedded,
      indexMs: idx.j.ms,
      indexWallMs: idx.wallMs,
      indexMaxRssBytes: idx.rss,
      latency,
      size: indexSize(indexDir, idx.j.chunks),
    };
    if (target === targets[targets.length - 1]) {
      point.coldStart = await coldStart({ dir, indexDir, modelDir: STATIC_MODEL, query: queries[0], reps: Math.max(2, reps) });
      point.openCost = await openCost(indexDir, Math.max(3, reps + 2));
      biggestDir = dir;
      biggestIndex = indexDir;
    }
    scale.push(point);
    log(
      `perf: ${point.label}: ${point.files} files, ${point.chunks} chunks, index ${Math.round(point.indexMs)} ms, hybrid p95 ${latency.p95.toFixed(1)} ms (search only)`,
    );
  }

  // 4a. Where the memory of those processes goes, part by part.
  const parts = memoryParts({ corpusDir: biggestDir, indexDir: biggestIndex, staticModel: STATIC_MODEL, archModel: ARCH_MODEL, queriesFile });
  for (const m of parts) log(`perf: memory of ${m.label}: peak ${(m.maxRssBytes / 2 ** 20).toFixed(0)} MB`);

  // 4b. The largest corpus again with the real architecture (every distinct chunk embedded: minutes on 2 cores).
  const archBigIndex = path.join(W, 'index-scale-arch');
  const ai = await indexCli(biggestDir, archBigIndex, ARCH_MODEL);
  const archBigLatency = await batchLatency({ dir: biggestDir, indexDir: archBigIndex, modelDir: ARCH_MODEL, queriesFile, reps });
  const archBigCold = await coldStart({ dir: biggestDir, indexDir: archBigIndex, modelDir: ARCH_MODEL, query: queries[0], reps: Math.max(2, reps) });
  const archAtScale = {
    files: ai.j.files,
    chunks: ai.j.chunks,
    embedded: ai.j.embedded,
    reused: ai.j.reused,
    tokens: ai.j.tokens,
    indexMs: ai.j.ms,
    indexMaxRssBytes: ai.rss,
    latency: archBigLatency,
    coldStart: archBigCold,
  };
  log(
    `perf: arch-random at ${ai.j.chunks} chunks (${ai.j.embedded} embedded, ${ai.j.reused} reused, ${Math.round(ai.j.ms)} ms): hybrid end to end p50 ${archBigLatency.p50.toFixed(1)} ms, p95 ${archBigLatency.p95.toFixed(1)} ms`,
  );
  rmrf(archBigIndex);

  // 4c. b1 precision: recall against exact search and memory at the largest point, then at about a million chunks.
  const b1 = P.millionCopies >= 0 ? await benchB1({ scaleDir: biggestDir, workDir: W, model: STATIC_MODEL, queriesFile, queries, reps, copies: P.millionCopies, log }) : undefined;

  // 5. Incremental at 10k files (1k in --quick): copies of the base corpus (a no-op pass costs per file, not per distinct chunk).
  const wantFiles = P.incrementalFiles;
  let noopDir = biggestDir;
  let noopIndex = biggestIndex;
  let noopChunks = scale[scale.length - 1].chunks;
  if (scale[scale.length - 1].files < wantFiles * 0.9 || !fs.existsSync(path.join(noopDir, 'copy-002'))) {
    noopDir = path.join(W, 'files');
    growCorpus(baseDir, noopDir, Math.max(2, Math.ceil(wantFiles / base.files)));
    noopIndex = path.join(W, 'index-files');
    const idx = await indexCli(noopDir, noopIndex, STATIC_MODEL);
    noopChunks = idx.j.chunks;
  }
  const noop = { ...(await noopReindex({ dir: noopDir, indexDir: noopIndex, modelDir: STATIC_MODEL, reps: Math.max(2, reps) })), corpusChunks: noopChunks };
  log(`perf: no-op re-index of ${noop.files} files: ${Math.round(noop.medianMs)} ms (process wall ${Math.round(noop.medianWallMs)} ms)`);
  const rename = await renameFolder({ dir: noopDir, folder: 'copy-002', indexDir: noopIndex, modelDir: STATIC_MODEL });
  log(`perf: rename of a ${rename.folderFiles}-file folder: embedded ${rename.index.embedded}, reused ${rename.index.reused}, ${Math.round(rename.index.ms)} ms`);

  // 6. The query adapter: training time at 5,000 pairs and the cost it adds to a query.
  const adapter = await runAdapterPerf({ queryCalls: o.smoke ? 2_000 : 20_000, log });

  if (o.quick) notes.push('Quick run: 100k-chunk point, 10k-file incremental, 100k memory/size figures and b1 precision are not measured (see the full run).');
  return { quick: o.quick, base, embedding, archLatency, archColdStart, archQueryEmbedding, scale, archAtScale, memoryParts: parts, b1, noop, rename, edit, adapter, notes };
}

/**
 * `npm run bench:perf -- --only million [--copies N]`: b1 at the scale corpus and at about a million chunks (the scale
 * corpus + N perturbed copies, default 8: ~1.07M chunks). Half an hour on 2 cores, so not part of every perf run.
 */
export async function runMillion(o: { copies: number; log: (s: string) => void }): Promise<B1Result> {
  const W = ensureDir(path.join(WORK_DIR, 'perf'));
  const all = await baseFiles(o.log);
  const queries = latencyQueries(all, 400);
  const queriesFile = path.join(W, 'latency-queries.jsonl');
  writeLatencyQueries(queriesFile, queries);
  const scaleDir = path.join(W, 'scale-100000');
  writeScaleCorpus(scaleDir, await scaleFiles(o.log), 1);
  return benchB1({ scaleDir, workDir: W, model: STATIC_MODEL, queriesFile, queries, reps: 3, copies: o.copies, log: o.log });
}

/** A mid-sized JavaScript file of the corpus (deterministic). */
function pickEditFile(dir: string): string {
  const cands: { rel: string; size: number }[] = [];
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.(m?js)$/.test(e.name)) continue;
    const abs = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    cands.push({ rel: path.relative(dir, abs).split(path.sep).join('/'), size: fs.statSync(abs).size });
  }
  cands.sort((a, b) => a.size - b.size || a.rel.localeCompare(b.rel));
  const good = cands.filter((c) => c.size >= 3_000 && c.size <= 20_000);
  return (good[Math.floor(good.length / 2)] ?? cands[Math.floor(cands.length / 2)]).rel;
}
