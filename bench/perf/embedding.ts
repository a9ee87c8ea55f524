// Embedding throughput: the full pipeline (`semsearch index --json` → tokens / ms, scan to save
// included) against the ceiling, a bare InferenceSession replaying the very batches the embedder
// produced (recorded in an untimed run) with the same session options. Runs are interleaved so the
// ratio is measured side by side; each figure is the median of the repetitions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT, WORK_DIR, rmrf } from '../lib/paths';
import { median } from '../quality/metrics';
import { openCeiling, readRecording, realTokens, shapeSummary, type ShapeSummary } from './ortCeiling';

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
  log: (s: string) => void;
}): Promise<EmbeddingResult> {
  const indexDir = path.join(WORK_DIR, 'perf', 'index-embed');
  const onnx = path.join(o.modelDir, 'onnx', 'model_quantized.onnx');
  const args = ['index', rel(o.corpusDir), '--model', rel(o.modelDir), '--index-dir', rel(indexDir), '--json'];
  // 1. Untimed recording run: what batches does the embedder really produce?
  const prefix = path.join(WORK_DIR, 'perf', 'ort-record');
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
  const pipelineRuns: EmbeddingResult['pipeline']['runs'] = [];
  const ceilingRuns: EmbeddingResult['ceiling']['runs'] = [];
  let last: IndexJson = recRun;
  try {
    for (let i = 0; i < o.reps; i++) {
      rmrf(indexDir);
      last = parseIndex((await runCliOk(args)).stdout);
      pipelineRuns.push({ ms: last.ms, tokens: last.tokens, tokPerS: (last.tokens / last.ms) * 1000 });
      const ms = await ceiling.runAll();
      ceilingRuns.push({ ms, tokPerS: (recordedTokens / ms) * 1000 });
      o.log(`  embedding rep ${i + 1}: pipeline ${Math.round(pipelineRuns[i].tokPerS)} tok/s, ceiling ${Math.round(ceilingRuns[i].tokPerS)} tok/s`);
    }
  } finally {
    await ceiling.close();
  }
  const staticMs: number[] = [];
  const staticArgs = ['index', rel(o.corpusDir), '--model', rel(o.staticModelDir), '--index-dir', rel(indexDir), '--json'];
  for (let i = 0; i < Math.min(3, o.reps); i++) {
    rmrf(indexDir);
    staticMs.push(parseIndex((await runCliOk(staticArgs)).stdout).ms);
  }
  rmrf(indexDir);
  await runCliOk(args); // leave an index of the real architecture for the latency and edit steps
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
  };
}
