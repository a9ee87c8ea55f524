// createEmbedder: the Embedder contract over a worker thread (default) or an in-process model session.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import { epochMs, mainThreadTokenize, PROFILING } from './profiling';
import { DEFAULT_BATCH_POLICY } from './batching';
import type { ModelSession } from './modelSession';
import type { FromWorker, ToWorker } from './protocol';
import type { EmbedInput, SessionConfig, SessionResult } from './sessionTypes';
import { COUNT_SLICE_CHARS, countWordPieces } from './tokenCount';
import { loadTokenizer, MAX_TOKENS } from './tokenizer';
import type { EmbedResult, Embedder, EmbedderOptions, ModelLocation } from './types';

/** Where the worker entry lives: beside this file in tsc output, or dist/embedWorker.js beside the bundle. */
export function workerScriptPath(): string {
  return path.join(__dirname, 'embedWorker.js');
}

export function defaultThreads(background: boolean, cores = availableCores()): number {
  return background ? Math.max(1, cores - 1) : Math.max(1, cores);
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

interface Pending {
  resolve(r: SessionResult): void;
  reject(e: Error): void;
}

/** Transport to the model session: a worker thread or the session itself. */
interface Backend {
  embed(id: number, texts: EmbedInput[], p: Pending): void;
  query(id: number, input: EmbedInput, p: Pending): void;
  cancel(id: number): void;
  close(): Promise<void>;
}

class InProcessBackend implements Backend {
  constructor(private readonly session: ModelSession) {}
  private cb = (p: Pending) => (err: Error | null, r?: SessionResult) => (err ? p.reject(err) : p.resolve(r!));
  embed(id: number, texts: EmbedInput[], p: Pending): void {
    this.session.submitEmbed(id, texts, this.cb(p));
  }
  query(id: number, input: EmbedInput, p: Pending): void {
    this.session.submitQuery(id, input, this.cb(p));
  }
  cancel(id: number): void {
    this.session.cancel(id);
  }
  close(): Promise<void> {
    return this.session.close();
  }
}

/** The embedding worker's young generation (V8 nursery), MB. */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Owns one worker; a crashed worker rejects what was pending and is restarted on the next request. */
class WorkerBackend implements Backend {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly cfg: SessionConfig) {}

  /** Start (or restart) the worker; resolves when its session is loaded. */
  start(): Promise<Worker> {
    if (this.ready) return this.ready;
    // A small young generation: the worker allocates fast and keeps little (token ids, tensors), and V8 otherwise
    // grows its nursery to ~48 MB. Index run at 110k chunks, static model: peak 645 → 592 MB, time unchanged;
    // MiniLM architecture at 4.4k chunks: 338 → 313 MB, wall ratio 0.94 (farm-bench, 4 paired runs).
    const w = new Worker(workerScriptPath(), { workerData: this.cfg, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.worker = w;
    this.ready = new Promise<Worker>((resolve, reject) => {
      let up = false;
      let failed = false;
      const fail = (e: Error): void => {
        if (failed) return; // 'error' is followed by 'exit': report once, and never touch a restarted worker's work
        failed = true;
        if (this.worker === w) {
          this.worker = undefined;
          this.ready = undefined;
        }
        if (!up) reject(e);
        const all = [...this.pending.values()];
        this.pending.clear();
        for (const p of all) p.reject(e);
      };
      w.on('message', (msg: FromWorker) => {
        switch (msg.type) {
          case 'ready':
            up = true;
            this.updateRef();
            resolve(w);
            break;
          case 'init-error':
            void w.terminate();
            fail(new Error(`Could not load the embedding model: ${msg.message}`));
            break;
          case 'result': {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            this.updateRef();
            p?.resolve({ vectors: msg.vectors, tokens: msg.tokens, ...(msg.timing ? { timing: msg.timing } : {}) });
            break;
          }
          case 'error': {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            this.updateRef();
            p?.reject(new Error(`Embedding failed: ${msg.message}`));
            break;
          }
        }
      });
      w.on('error', (e) => fail(new Error(`The embedding worker crashed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!this.closed) fail(new Error(`The embedding worker exited unexpectedly (code ${code})`));
      });
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Keep the process alive only while work is pending (a forgotten close() never hangs a CLI). */
  private updateRef(): void {
    if (!this.worker) return;
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private send(id: number, msg: ToWorker, p: Pending): void {
    if (this.closed) return p.reject(new Error('Embedder closed'));
    this.pending.set(id, p);
    this.start().then(
      (w) => {
        if (!this.pending.has(id)) return; // cancelled meanwhile
        this.updateRef();
        w.postMessage(msg);
      },
      () => undefined, // already rejected through `pending`
    );
  }

  embed(id: number, texts: EmbedInput[], p: Pending): void {
    this.send(id, { type: 'embed', id, texts }, p);
  }
  query(id: number, input: EmbedInput, p: Pending): void {
    this.send(id, { type: 'query', id, input }, p);
  }
  cancel(id: number): void {
    this.pending.delete(id);
    this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
    this.updateRef();
  }
  /** Test hook: make the worker throw an uncaught error. */
  crash(): void {
    this.worker?.postMessage({ type: 'crash' } satisfies ToWorker);
  }
  async close(): Promise<void> {
    this.closed = true;
    const err = new Error('Embedder closed');
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/**
 * Token ids of texts recently counted for the chunker. The chunker counts the exact text that is
 * embedded next, so handing these ids to the worker saves tokenizing every chunk twice.
 */
class CountedTexts {
  private static readonly MAX = 4096;
  private readonly ids = new Map<string, Int32Array>();

  remember(text: string, ids: number[]): void {
    this.ids.delete(text);
    this.ids.set(text, Int32Array.from(ids));
    if (this.ids.size > CountedTexts.MAX) this.ids.delete(this.ids.keys().next().value as string);
  }

  take(text: string): Int32Array | undefined {
    const ids = this.ids.get(text);
    if (ids) this.ids.delete(text);
    return ids;
  }
}

/** Load the model (tokenizer on this thread for countTokens; session in a worker unless useWorker:false). */
export async function createEmbedder(model: ModelLocation, opts: EmbedderOptions = {}): Promise<Embedder> {
  const background = opts.background ?? false;
  const cfg: SessionConfig = {
    modelDir: model.dir,
    onnxPath: model.onnxPath,
    dimensions: model.identity.dimensions,
    threads: opts.threads ?? defaultThreads(background),
    background,
    maxTokens: MAX_TOKENS,
    // With a tokenizer here, the session gets token ids and needs none of its own.
    callerTokenizes: opts.tokenCounting !== false || opts.callerSendsIds === true,
    batchPolicy: {
      maxBatch: opts.batchSize ?? DEFAULT_BATCH_POLICY.maxBatch,
      maxPaddedTokens: opts.maxBatchTokens ?? DEFAULT_BATCH_POLICY.maxPaddedTokens,
    },
  };
  // First: a failure here leaves no worker behind. A query-only process never chunks, so it can
  // skip this thread's tokenizer (the worker has its own) and its memory.
  const tokenizer = opts.tokenCounting === false ? undefined : await loadTokenizer(model.dir);
  let backend: Backend;
  if (opts.useWorker === false) {
    // Loaded here: only the in-process backend runs the session on this thread (onnxruntime-node costs ~25 ms to load).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ModelSession } = require('./modelSession') as typeof import('./modelSession');
    backend = new InProcessBackend(await ModelSession.create(cfg));
  } else {
    const wb = new WorkerBackend(cfg);
    await wb.start();
    backend = wb;
  }
  const dim = model.identity.dimensions;
  const counted = new CountedTexts();
  // Token ids for the session: those counted for the chunker, else tokenized here (texts the counting skipped
  // are short). A very long text goes as it is, so this thread never tokenizes it whole; the session then loads
  // its own tokenizer.
  const inputOf = (text: string): EmbedInput => {
    const ids = counted.take(text);
    if (ids || !tokenizer || text.length > COUNT_SLICE_CHARS) return ids ?? text;
    return Int32Array.from(tokenizer.encode(text));
  };
  let nextId = 1;
  let closed = false;

  const embedder: Embedder & { _crashWorkerForTest?: () => void } = {
    identity: model.identity,
    modelDir: model.dir,
    maxTokens: MAX_TOKENS,
    countTokens: (text: string) => {
      if (!tokenizer) throw new Error('This embedder was created without token counting');
      const t0 = PROFILING ? epochMs() : 0;
      // A long text is counted in slices (tokenCount.ts); it is never embedded as it is, so it has no ids to keep.
      const ids = text.length <= COUNT_SLICE_CHARS ? tokenizer.encode(text) : undefined;
      const n = ids ? ids.length : countWordPieces(tokenizer, text);
      if (PROFILING) mainThreadTokenize.ms += epochMs() - t0;
      // Only a text that fits the window can be embedded as it is: the rest would only hold memory.
      if (ids && ids.length <= MAX_TOKENS) counted.remember(text, ids);
      return n;
    },
    embed(texts: string[], o?: { signal?: AbortSignal; tokenIds?: readonly (Int32Array | undefined)[] }): Promise<EmbedResult> {
      const signal = o?.signal;
      if (closed) return Promise.reject(new Error('Embedder closed'));
      if (signal?.aborted) return Promise.reject(new CancelledError());
      if (texts.length === 0) return Promise.resolve({ vectors: [], tokens: 0 });
      const id = nextId++;
      return new Promise<EmbedResult>((resolve, reject) => {
        const onAbort = (): void => {
          backend.cancel(id);
          reject(new CancelledError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const done = (): void => signal?.removeEventListener('abort', onAbort);
        backend.embed(id, texts.map((t, i) => o?.tokenIds?.[i] ?? inputOf(t)), {
          resolve: (r) => {
            done();
            const vectors: Float32Array[] = new Array(texts.length);
            for (let i = 0; i < texts.length; i++) vectors[i] = r.vectors.subarray(i * dim, (i + 1) * dim);
            resolve({ vectors, tokens: r.tokens, ...(r.timing ? { timing: r.timing } : {}) });
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
      });
    },
    embedQuery(text: string): Promise<Float32Array> {
      if (closed) return Promise.reject(new Error('Embedder closed'));
      const id = nextId++;
      return new Promise<Float32Array>((resolve, reject) => backend.query(id, inputOf(text), { resolve: (r) => resolve(r.vectors), reject }));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await backend.close();
    },
  };
  if (backend instanceof WorkerBackend) {
    const wb = backend;
    Object.defineProperty(embedder, '_crashWorkerForTest', { value: () => wb.crash(), enumerable: false });
  }
  return embedder;
}
