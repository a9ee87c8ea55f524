// Embedding throughput: the full pipeline (`semsearch index --json` → tokens / ms, scan to save
// included) against the ceiling, a bare InferenceSession replaying the very batches the embedder
// produced (recorded in an untimed run) with the same session options. Runs are interleaved so the
// ratio is measured side by side; each figure is the median of the repetitions.
// Second ceiling, the sweep: the recording's real sequences (each row up to its mask length) re-batched,
// longest first, into several batch shapes (batch sizes 1…32 padded to their longest, the embedder's token
// budget) and run on the same bare session in every repetition; the best shape's rate is the ceiling.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT, WORK_DIR, ensureDir, rmrf } from '../lib/paths';
import { median } from '../quality/metrics';
import type { IndexProfile } from '../../src/core/types';
import { defaultMemoryOptions, openCeiling, readRecording, realTokens, shapeSummary, type ShapeSummary } from './ortCeiling';
import { DEFAULT_MEMORY_SHAPES, DEFAULT_MEMORY_SUFFIX, paddedBatches, realSequences, rebatch, stableSubset, SWEEP_SHAPES } from './sweep';

export interface SweepResult {
  /** Sequences and real tokens swept: a stable subset (same length distribution) when the recording is above the cap. */
  sequences: number;
  tokens: number;
  /** Of the recording. */
  allSequences: number;
  allTokens: number;
  capTokens: number;
  shapes: { label: string; batches: number; paddedTokens: number; runs: number[]; medianTokPerS: number }[];
  /** The shape with the best median rate. */
  best: { label: string; medianTokPerS: number };
  /** Per repetition: the best rate over the shapes (the sweep ceiling of that repetition). */
  ceilingRuns: number[];
  medianTokPerS: number;
  /** Median of the per-repetition ratios pipeline ÷ that repetition's sweep ceiling. */
  ratio: number;
  /**
   * Median of the per-repetition ratios pipeline ÷ the best shape's rate in that repetition (one shape, chosen by its
   * median): the best of several noisy shapes per repetition leans high, this does not.
   */
  ratioBestShape: number;
}

export interface EmbeddingResult {
  corpus: { files: number; chunks: number; tokens: number };
  sessionOptions: unknown;
  batches: number;
  paddedTokens: number;
  shapes: ShapeSummary;
  pipeline: { runs: { ms: number; tokens: number; tokPerS: number }[]; medianTokPerS: number };
  ceiling: { runs: { ms: number; tokPerS: number }[]; medianTokPerS: number };
  /** Median over repetitions of pipeline tok/s ÷ the ceiling tok/s measured right after it. */
  ratio: number;
  /** Tokens the recording saw vs. tokens the CLI reported (should match). */
  recordedTokens: number;
  /**
   * Diagnostic: the same CLI index run with static-minilm-dev (inference is a table lookup), i.e.
   * roughly the pipeline's cost outside the model: model load, scan, chunk, tokenize, pool, save.
   */
  nonModelMs: number;
  /** Median pipeline ms and ceiling ms, for the breakdown. */
  pipelineMedianMs: number;
  ceilingMedianMs: number;
  /** The sweep ceiling (absent from older records). */
  sweep?: SweepResult;
  /** SEMSEARCH_PROFILE=1 of one more pipeline run (untimed, after the repetitions; absent from older records). */
  profile?: IndexProfile;
}

const RECORDER = path.join(REPO_ROOT, 'out', 'bench', 'perf', 'ortRecorder.js');

function rel(p: string): string {
  return path.relative(REPO_ROOT, p);
}

export async function benchEmbedding(o: {
  corpusDir: string;
  modelDir: string;
  staticModelDir: string;
  reps: number;
  /** Real tokens per shape in the sweep (a stable subset of the sequences above it). */
  sweepTokens: number;
  log: (s: string) => void;
}): Promise<EmbeddingResult> {
  const indexDir = path.join(WORK_DIR, 'perf', 'index-embed');
  const onnx = path.join(o.modelDir, 'onnx', 'model_quantized.onnx');
  const args = ['index', rel(o.corpusDir), '--model', rel(o.modelDir), '--index-dir', rel(indexDir), '--json'];
  // 1. Untimed recording run: what batches does the embedder really produce?
  const prefix = path.join(ensureDir(path.join(WORK_DIR, 'perf')), 'ort-record');
  for (const f of fs.readdirSync(path.dirname(prefix)).filter((n) => n.startsWith('ort-record.'))) rmrf(path.join(path.dirname(prefix), f));
  rmrf(indexDir);
  const recRun = parseIndex(
    (await runCliOk(args, { preload: [RECORDER], env: { SEMSEARCH_BENCH_ORT_RECORD: prefix, SEMSEARCH_BENCH_REPO_ROOT: REPO_ROOT } })).stdout,
  );
  const rec = readRecording(prefix, onnx);
  const recordedTokens = rec.batches.reduce((s, b) => s + realTokens(b), 0);
  const paddedTokens = rec.batches.reduce((s, b) => s + b.dims[0] * b.dims[1], 0);
  o.log(`  embedding: recorded ${rec.batches.length} batches, ${recordedTokens} tokens (${paddedTokens} padded); CLI reported ${recRun.tokens}`);
  const ceiling = await openCeiling(onnx, rec);
  const memOptions = defaultMemoryOptions(ceiling.options);
  const memCeiling = memOptions ? await openCeiling(onnx, { ...rec, batches: [] }, memOptions) : undefined;
  const pipelineRuns: EmbeddingResult['pipeline']['runs'] = [];
  const ceilingRuns: EmbeddingResult['ceiling']['runs'] = [];
  let last: IndexJson = recRun;
  // The sweep's shapes, tensors built (and each shape's first batch run once) before any timing.
  const allSeqs = realSequences(rec.batches);
  const seqs = stableSubset(allSeqs, o.sweepTokens);
  const sweepTokens = seqs.reduce((s, x) => s + x.length, 0);
  const shapes: SweepResult['shapes'] = [];
  const shapeRuns: (() => Promise<number>)[] = [];
  try {
    for (const shape of SWEEP_SHAPES) {
      const batches = paddedBatches(seqs, rebatch(seqs.map((x) => x.length), shape));
      const entry = { batches: batches.length, paddedTokens: batches.reduce((s, b) => s + b.dims[0] * b.dims[1], 0), medianTokPerS: 0 };
      shapeRuns.push(await ceiling.prepare(batches));
      shapes.push({ label: shape.label, ...entry, runs: [] });
      if (memCeiling && DEFAULT_MEMORY_SHAPES.includes(shape.label)) {
        shapeRuns.push(await memCeiling.prepare(batches));
        shapes.push({ label: shape.label + DEFAULT_MEMORY_SUFFIX, ...entry, runs: [] });
      }
    }
    o.log(`  embedding sweep: ${seqs.length} of ${allSeqs.length} sequences, ${sweepTokens} real tokens per shape, ${shapes.length} shapes`);
    for (let i = 0; i < o.reps; i++) {
      rmrf(indexDir);
      last = parseIndex((await runCliOk(args)).stdout);
      pipelineRuns.push({ ms: last.ms, tokens: last.tokens, tokPerS: (last.tokens / last.ms) * 1000 });
      const ms = await ceiling.runAll();
      ceilingRuns.push({ ms, tokPerS: (recordedTokens / ms) * 1000 });
      // Shapes in a rotated order each repetition, so none is always first or last.
      for (let k = 0; k < shapes.length; k++) {
        const j = (k + i) % shapes.length;
        shapes[j].runs.push((sweepTokens / (await shapeRuns[j]())) * 1000);
      }
      const best = Math.max(...shapes.map((x) => x.runs[i]));
      o.log(
        `  embedding rep ${i + 1}: pipeline ${Math.round(pipelineRuns[i].tokPerS)} tok/s, replay ceiling ${Math.round(ceilingRuns[i].tokPerS)} tok/s, sweep ceiling ${Math.round(best)} tok/s (${shapes.map((x) => `${x.label} ${Math.round(x.runs[i])}`).join(', ')})`,
      );
    }
  } finally {
    await ceiling.close();
    await memCeiling?.close();
  }
  for (const x of shapes) x.medianTokPerS = median(x.runs);
  const bestShape = shapes.reduce((a, b) => (b.medianTokPerS > a.medianTokPerS ? b : a));
  const sweepCeilingRuns = pipelineRuns.map((_, i) => Math.max(...shapes.map((x) => x.runs[i])));
  const sweep: SweepResult = {
    sequences: seqs.length,
    tokens: sweepTokens,
    allSequences: allSeqs.length,
    allTokens: recordedTokens,
    capTokens: o.sweepTokens,
    shapes,
    best: { label: bestShape.label, medianTokPerS: bestShape.medianTokPerS },
    ceilingRuns: sweepCeilingRuns,
    medianTokPerS: median(sweepCeilingRuns),
    ratio: median(pipelineRuns.map((r, i) => r.tokPerS / sweepCeilingRuns[i])),
    ratioBestShape: median(pipelineRuns.map((r, i) => r.tokPerS / bestShape.runs[i])),
  };
  const staticMs: number[] = [];
  const staticArgs = ['index', rel(o.corpusDir), '--model', rel(o.staticModelDir), '--index-dir', rel(indexDir), '--json'];
  for (let i = 0; i < Math.min(3, o.reps); i++) {
    rmrf(indexDir);
    staticMs.push(parseIndex((await runCliOk(staticArgs)).stdout).ms);
  }
  rmrf(indexDir);
  // Leaves an index of the real architecture for the latency and edit steps; profiled (untimed: not a repetition).
  const profiled = parseIndex((await runCliOk(args, { env: { SEMSEARCH_PROFILE: '1' } })).stdout);
  const p = median(pipelineRuns.map((r) => r.tokPerS));
  const c = median(ceilingRuns.map((r) => r.tokPerS));
  return {
    corpus: { files: last.files, chunks: last.chunks, tokens: last.tokens },
    sessionOptions: ceiling.options,
    batches: rec.batches.length,
    paddedTokens,
    shapes: shapeSummary(rec.batches),
    pipeline: { runs: pipelineRuns, medianTokPerS: p },
    ceiling: { runs: ceilingRuns, medianTokPerS: c },
    // Side by side: each pipeline run is paired with the ceiling run right after it.
    ratio: median(pipelineRuns.map((r, i) => r.tokPerS / ceilingRuns[i].tokPerS)),
    recordedTokens,
    nonModelMs: median(staticMs),
    pipelineMedianMs: median(pipelineRuns.map((r) => r.ms)),
    ceilingMedianMs: median(ceilingRuns.map((r) => r.ms)),
    sweep,
    ...(profiled.profile ? { profile: profiled.profile } : {}),
  };
}
