// The embedding ceiling: a bare onnxruntime-node InferenceSession, created with the options the
// embedder used, running exactly the batches (token ids, masks, shapes) it fed the model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';

export interface RecordedBatch {
  dims: [number, number];
  inputs: string[];
  ids: number[];
  mask: number[];
}

export interface Recording {
  sessionOptions: ort.InferenceSession.SessionOptions | null;
  batches: RecordedBatch[];
}

/** Reads every `<prefix>.<pid>.<thread>` file the recorder wrote (then deletes them). */
export function readRecording(prefix: string, modelOnnx: string): Recording {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix) + '.';
  let sessionOptions: Recording['sessionOptions'] = null;
  const batches: RecordedBatch[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(base)).sort()) {
    const abs = path.join(dir, f);
    for (const line of fs.readFileSync(abs, 'utf8').split('\n')) {
      if (!line) continue;
      const o = JSON.parse(line) as { kind: string; model?: string; options?: ort.InferenceSession.SessionOptions } & RecordedBatch;
      if (o.kind === 'session' && o.model === path.resolve(modelOnnx)) sessionOptions = o.options ?? {};
      else if (o.kind === 'run') batches.push({ dims: o.dims, inputs: o.inputs, ids: o.ids, mask: o.mask });
    }
    fs.rmSync(abs, { force: true });
  }
  return { sessionOptions, batches };
}

export function realTokens(b: RecordedBatch): number {
  let n = 0;
  for (const m of b.mask) n += m;
  return n;
}

export interface ShapeSummary {
  distinctShapes: number;
  /** Batch size → number of batches. */
  batchSizes: Record<string, number>;
  /** Padded sequence length percentiles over batches. */
  seqLen: { min: number; p10: number; p50: number; p90: number; max: number };
  /** Padding share of all fed positions. */
  paddingShare: number;
  /** The most frequent shapes, "BxS: n". */
  top: string[];
}

export function shapeSummary(batches: RecordedBatch[]): ShapeSummary {
  const shapes = new Map<string, number>();
  const sizes: Record<string, number> = {};
  for (const b of batches) {
    const k = `${b.dims[0]}x${b.dims[1]}`;
    shapes.set(k, (shapes.get(k) ?? 0) + 1);
    sizes[String(b.dims[0])] = (sizes[String(b.dims[0])] ?? 0) + 1;
  }
  const lens = batches.map((b) => b.dims[1]).sort((a, b) => a - b);
  const q = (p: number): number => (lens.length ? lens[Math.min(lens.length - 1, Math.floor(p * lens.length))] : 0);
  const padded = batches.reduce((s, b) => s + b.dims[0] * b.dims[1], 0);
  const real = batches.reduce((s, b) => s + realTokens(b), 0);
  return {
    distinctShapes: shapes.size,
    batchSizes: sizes,
    seqLen: { min: lens[0] ?? 0, p10: q(0.1), p50: q(0.5), p90: q(0.9), max: lens[lens.length - 1] ?? 0 },
    paddingShare: padded > 0 ? 1 - real / padded : 0,
    top: [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k}: ${n}`),
  };
}

export interface CeilingSession {
  options: ort.InferenceSession.SessionOptions;
  /** Runs every batch once, sequentially; returns wall ms. */
  runAll(): Promise<number>;
  /** Tensors for other batches on the same session, built (and the first batch run once) outside any timing. */
  prepare(batches: RecordedBatch[]): Promise<() => Promise<number>>;
  close(): Promise<void>;
}

/** The embedder's options with onnxruntime's default memory planning (patterns and CPU arena); undefined when they already have it. */
export function defaultMemoryOptions(o: ort.InferenceSession.SessionOptions): ort.InferenceSession.SessionOptions | undefined {
  if (o.enableMemPattern === undefined && o.enableCpuMemArena === undefined) return undefined;
  const { enableMemPattern: _p, enableCpuMemArena: _a, ...rest } = o;
  return rest;
}

export async function openCeiling(modelOnnx: string, rec: Recording, optionsOverride?: ort.InferenceSession.SessionOptions): Promise<CeilingSession> {
  const options: ort.InferenceSession.SessionOptions = optionsOverride ??
    rec.sessionOptions ?? {
      executionProviders: ['cpu'],
      intraOpNumThreads: 2,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    };
  const session = await ort.InferenceSession.create(modelOnnx, options);
  // Tensors built once, outside the timed loop (the pipeline builds its own inside; that is part of its cost).
  const tensors = (batches: RecordedBatch[]): Record<string, ort.Tensor>[] =>
    batches.map((b) => {
      const f: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(b.ids, BigInt), b.dims),
        attention_mask: new ort.Tensor('int64', BigInt64Array.from(b.mask, BigInt), b.dims),
      };
      if (session.inputNames.includes('token_type_ids')) f.token_type_ids = new ort.Tensor('int64', new BigInt64Array(b.ids.length), b.dims);
      return f;
    });
  const timed = (feeds: Record<string, ort.Tensor>[]) => async (): Promise<number> => {
    const t0 = performance.now();
    for (const f of feeds) await session.run(f);
    return performance.now() - t0;
  };
  const feeds = tensors(rec.batches);
  // One warm-up run of the first (largest) batch.
  if (feeds.length > 0) await session.run(feeds[0]);
  return {
    options,
    runAll: timed(feeds),
    async prepare(batches) {
      const f = tensors(batches);
      if (f.length > 0) await session.run(f[0]);
      return timed(f);
    },
    close: () => session.release(),
  };
}
