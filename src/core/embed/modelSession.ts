// The owner of the ONNX session, shared by the worker and the in-process mode: tokenize, length-sorted
// batches, raw onnxruntime-node session, mean pooling + L2 normalisation, and a scheduler where queries
// jump ahead of queued batch work (a query waits at most for the one batch already running).
import * as ort from 'onnxruntime-node';
import { DEFAULT_BATCH_POLICY, planBatches, type BatchPolicy } from './batching';
import { meanPoolNormalize } from './pooling';
import type { EmbedInput, SessionCallback, SessionConfig } from './sessionTypes';
import { epochMs, newJobTiming, PROFILING } from './profiling';
import type { JobTiming } from '../types';
import { loadTokenizer, MAX_TOKENS, type WordPieceTokenizer } from './tokenizer';

export function sessionOptions(threads: number, background: boolean): ort.InferenceSession.SessionOptions {
  const o: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // ORT's memory patterns plan one block per input shape seen and keep it: with hundreds of batch shapes
    // that held ~16 MB (16×512 batches) to ~75 MB (8×2048) more at the peak of an index run; no speed lost.
    enableMemPattern: false,
  };
  // Flattened by the Node binding into the session config entry `session.intra_op.allow_spinning` = "0".
  if (background) o.extra = { session: { intra_op: { allow_spinning: '0' } } };
  return o;
}

interface Job {
  id: number;
  texts: EmbedInput[];
  cb: SessionCallback;
  ids?: number[][];
  batches?: number[][];
  next: number;
  out?: Float32Array;
  tokens: number;
  /** SEMSEARCH_PROFILE=1 only. */
  timing?: JobTiming;
}

/** Texts tokenized per scheduling step (~10-20 ms of tokenizer work for chunk-sized texts). */
const TOKENIZE_SLICE = 128;

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export class ModelSession {
  readonly maxTokens: number;
  private readonly policy: BatchPolicy;
  private readonly queries: Job[] = [];
  private readonly jobs: Job[] = [];
  private running = false;
  private closed = false;
  private readonly hasTokenTypes: boolean;
  private readonly outputName: string;
  /** SEMSEARCH_PROFILE=1: when the loop last found nothing to do. */
  private idleFrom: number | undefined;

  /** Told each batch's output bytes once pooled (the model worker frees them with it, see outputCollector.ts). */
  onSpentOutput?: (bytes: number) => void;

  /** Loaded with the session, or at the first text when the caller sends token ids (`callerTokenizes`). */
  private tokenizer: WordPieceTokenizer | undefined;

  private constructor(
    private readonly cfg: SessionConfig,
    private readonly session: ort.InferenceSession,
    tokenizer: WordPieceTokenizer | undefined,
  ) {
    this.tokenizer = tokenizer;
    this.maxTokens = cfg.maxTokens ?? MAX_TOKENS;
    this.policy = cfg.batchPolicy ?? DEFAULT_BATCH_POLICY;
    this.hasTokenTypes = session.inputNames.includes('token_type_ids');
    this.outputName = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0];
  }

  static async create(cfg: SessionConfig): Promise<ModelSession> {
    const [session, tokenizer] = await Promise.all([
      ort.InferenceSession.create(cfg.onnxPath, sessionOptions(cfg.threads, cfg.background)),
      cfg.callerTokenizes ? undefined : loadTokenizer(cfg.modelDir),
    ]);
    return new ModelSession(cfg, session, tokenizer);
  }

  /** Whether this session has a tokenizer of its own (tests). */
  get hasTokenizer(): boolean {
    return this.tokenizer !== undefined;
  }

  submitEmbed(id: number, texts: EmbedInput[], cb: SessionCallback): void {
    const timing = PROFILING ? newJobTiming(epochMs(), this.running ? undefined : this.idleFrom) : undefined;
    this.jobs.push({ id, texts, cb, next: 0, tokens: 0, ...(timing ? { timing } : {}) });
    this.pump();
  }

  submitQuery(id: number, input: EmbedInput, cb: SessionCallback): void {
    this.queries.push({ id, texts: [input], cb, next: 0, tokens: 0 });
    this.pump();
  }

  /** Drop a queued or running embed job; its callback is never called. */
  cancel(id: number): void {
    for (const q of [this.jobs, this.queries]) {
      const i = q.findIndex((j) => j.id === id);
      if (i >= 0) q.splice(i, 1);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const err = new Error('Embedder closed');
    for (const j of [...this.queries.splice(0), ...this.jobs.splice(0)]) j.cb(err);
    await this.session.release();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        // Let messages that arrived during the last batch (queries, cancels) land before choosing.
        await yieldToEventLoop();
        if (this.closed) return;
        const job = this.queries[0] ?? this.jobs[0];
        if (!job) {
          if (PROFILING) this.idleFrom = epochMs();
          return;
        }
        try {
          if (await this.step(job)) {
            this.remove(job);
            if (job.timing) job.timing.doneAt = epochMs();
            job.cb(null, { vectors: job.out!, tokens: job.tokens, ...(job.timing ? { timing: job.timing } : {}) });
          }
        } catch (e) {
          this.remove(job);
          job.cb(e instanceof Error ? e : new Error(String(e)));
        }
      }
    } finally {
      this.running = false;
    }
  }

  private remove(job: Job): void {
    for (const q of [this.queries, this.jobs]) {
      const i = q.indexOf(job);
      if (i >= 0) q.splice(i, 1);
    }
  }

  /** One unit of work: tokenizing up to TOKENIZE_SLICE texts of a job, or one batch. True when the job is complete. */
  private async step(job: Job): Promise<boolean> {
    const dim = this.cfg.dimensions;
    const timing = job.timing;
    if (!job.batches) {
      if (!this.tokenizer && job.texts.some((t) => typeof t === 'string')) this.tokenizer = await loadTokenizer(this.cfg.modelDir);
      const t0 = timing ? epochMs() : 0;
      const ids = (job.ids ??= []);
      const end = Math.min(job.texts.length, ids.length + TOKENIZE_SLICE);
      for (let i = ids.length; i < end; i++) ids.push(this.tokenIds(job.texts[i]));
      if (ids.length < job.texts.length) {
        if (timing) timing.tokenizeMs += epochMs() - t0;
        return false; // yield: a query may be waiting
      }
      job.batches = planBatches(
        ids.map((x) => x.length),
        this.policy,
      );
      job.out = new Float32Array(job.texts.length * dim);
      if (timing) timing.tokenizeMs += epochMs() - t0;
    }
    const batch = job.batches![job.next++];
    const seqs = batch.map((i) => job.ids![i]);
    const pooled = await this.runBatch(seqs, timing);
    for (let k = 0; k < batch.length; k++) {
      job.out!.set(pooled.subarray(k * dim, (k + 1) * dim), batch[k] * dim);
      job.tokens += seqs[k].length;
    }
    return job.next >= job.batches!.length;
  }

  /** Ids truncated to the window; texts the main thread already tokenized are not tokenized again. */
  private tokenIds(input: EmbedInput): number[] {
    if (typeof input === 'string') return this.tokenizer!.encodeTruncated(input, this.maxTokens);
    const ids = Array.from(input.length <= this.maxTokens ? input : input.subarray(0, this.maxTokens));
    // Cut like encodeTruncated: the last id kept is the [SEP] that ended the sequence.
    if (input.length > this.maxTokens) ids[this.maxTokens - 1] = input[input.length - 1];
    return ids;
  }

  /** Run one padded batch through the session; returns pooled, normalised [b, dim]. */
  async runBatch(seqs: number[][], timing?: JobTiming): Promise<Float32Array> {
    const t0 = timing ? epochMs() : 0;
    const b = seqs.length;
    let seq = 0;
    for (const s of seqs) seq = Math.max(seq, s.length);
    const ids = new BigInt64Array(b * seq);
    const mask = new BigInt64Array(b * seq);
    for (let i = 0; i < b; i++) {
      const s = seqs[i];
      for (let j = 0; j < s.length; j++) {
        ids[i * seq + j] = BigInt(s[j]);
        mask[i * seq + j] = 1n;
      }
    }
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [b, seq]),
      attention_mask: new ort.Tensor('int64', mask, [b, seq]),
    };
    if (this.hasTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(b * seq), [b, seq]);
    const t1 = timing ? epochMs() : 0;
    const out = await this.session.run(feeds);
    const t2 = timing ? epochMs() : 0;
    const hidden = out[this.outputName];
    const dims = hidden.dims;
    if (dims.length !== 3 || dims[0] !== b || dims[1] !== seq || dims[2] !== this.cfg.dimensions) {
      throw new Error(`The model returned ${this.outputName} of shape [${dims.join(', ')}], expected [${b}, ${seq}, ${this.cfg.dimensions}]`);
    }
    const pooled = meanPoolNormalize(hidden.data as Float32Array, mask, b, seq, this.cfg.dimensions);
    this.onSpentOutput?.((hidden.data as Float32Array).byteLength);
    if (timing) {
      timing.tensorMs += t1 - t0;
      timing.runMs += t2 - t1;
      timing.poolMs += epochMs() - t2;
      if (timing.batches++ === 0) timing.firstRunAt = t1;
      timing.lastRunEnd = t2;
    }
    return pooled;
  }
}
