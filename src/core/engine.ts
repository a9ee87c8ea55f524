// The engine: one workspace folder, one index. Composes scan, chunk, embed, store, search and
// clusters; front ends (extension, CLI, benchmarks) use only this through core/index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { parseAblations, type Ablated } from './ablation';
import type { Engine, EngineMessage, EngineOptions, SimilarTarget } from './api';
import { createChunker, type Chunker } from './chunk';
import { createEmbedder, defaultThreads, resolveModel } from './embed';
import type { Embedder, ModelLocation } from './embed/types';
import { indexAll, indexPaths, type IndexerDeps } from './pipeline/indexer';
import { PauseGate } from './pipeline/pauseGate';
import { adaptWorkspace, applyMatrix, loadAdapter, saveAdapter, type LoadedAdapter } from './adapt';
import type { AdaptOptions, AdapterStatus, AdaptReport } from './adapt/types';
import { evaluateWorkspace, type EvalDeps } from './eval';
import type { EvalOptions, EvalReport } from './eval/types';
import { runClusters } from './query/clusterMap';
import type { QueryContext } from './query/context';
import { runSearch } from './query/search';
import { runSimilar } from './query/similar';
import { createPathFilter } from './scan';
import { openIndexStore } from './store';
import type { IndexStore } from './store/types';
import type { ClusterMap, IndexStatus, IndexSummary, ProgressEvent, ScanOptions, SearchOptions, SearchResult } from './types';

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const root = fs.realpathSync(path.resolve(opts.root));
  const indexDir = path.resolve(opts.indexDir ?? path.join(root, '.semsearch'));
  const model = opts.embedder
    ? undefined
    : await resolveModel({ explicit: opts.modelDir, packageRoot: opts.packageRoot, env: process.env });
  const identity = opts.embedder?.identity ?? model!.identity;
  const ablated = parseAblations(opts.ablate?.join(','));
  const lexical = { stemming: !ablated.has('lexical-stemming'), fields: !ablated.has('lexical-fields') };
  const store = await openIndexStore({ indexDir, identity, precision: opts.precision ?? 'i8', write: !opts.readOnly, lexical });
  return new WorkspaceEngine(root, indexDir, opts, store, model, ablated);
}

class WorkspaceEngine implements Engine {
  private readonly events = new EventEmitter();
  private readonly gate = new PauseGate();
  private readonly scanOptions: ScanOptions;
  private readonly pathFilter: ReturnType<typeof createPathFilter>;
  private embedderPromise?: Promise<Embedder>;
  private chunkerPromise?: Promise<Chunker>;
  private running: Promise<unknown> = Promise.resolve();
  private active?: AbortController;
  private busy = 0;
  private lastError?: string;
  private lastProgress?: ProgressEvent;
  private readonly unheard: EngineMessage[] = [];
  /** Evaluation re-chunks files, so even a read-only engine needs token counting then. */
  private chunksNeeded = false;
  /** The saved query adapter of this model (loaded unless the setting is `off`). */
  private adapter?: LoadedAdapter;

  constructor(
    readonly root: string,
    readonly indexDir: string,
    private readonly opts: EngineOptions,
    private readonly store: IndexStore,
    private readonly model: ModelLocation | undefined,
    private readonly ablated: Ablated,
  ) {
    this.scanOptions = {
      root,
      include: opts.include,
      exclude: opts.exclude,
      allowSecrets: opts.allowSecrets,
      maxFileBytes: opts.maxFileBytes,
      indexDir,
    };
    this.pathFilter = createPathFilter(this.scanOptions);
    this.events.setMaxListeners(50);
    // A store that had to fall back (corrupt, other model) says so once, as a warning, to the
    // first listener (the engine is created before anyone can subscribe).
    if (store.message) this.unheard.push({ level: 'warn', text: store.message });
    if (opts.adapter !== 'off') this.adapter = loadAdapter(indexDir, store.identity);
  }

  index(opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    return this.exclusive(opts.signal, (deps, signal) => indexAll(deps, signal));
  }

  update(paths: string[], opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    this.pathFilter.invalidate?.();
    return this.exclusive(opts.signal, (deps, signal) => indexPaths(deps, paths, signal));
  }

  search(query: string, opts?: SearchOptions): Promise<SearchResult[]> {
    const adapted = this.adapterInUse();
    const ctx = this.queryContext();
    // Only queries go through the adapter (Find Similar compares code with code, as it was embedded).
    return runSearch(adapted ? { ...ctx, embedder: () => adaptedEmbedder(this.embedder(), adapted) } : ctx, query, opts);
  }

  similar(target: SimilarTarget, opts?: SearchOptions): Promise<SearchResult[]> {
    return runSimilar(this.queryContext(), target, opts);
  }

  clusters(opts?: { k?: number; seed?: number; maxPoints?: number }): Promise<ClusterMap> {
    return runClusters(this.queryContext(), opts);
  }

  evaluate(opts: EvalOptions = {}): Promise<EvalReport> {
    this.chunksNeeded = true;
    const adapted = opts.adapter === false ? undefined : this.adapterInUse();
    return evaluateWorkspace(this.evalDeps(), { ...opts, adaptQuery: adapted ? (v) => applyMatrix(adapted, v) : undefined });
  }

  async adapt(opts: AdaptOptions = {}): Promise<AdaptReport> {
    if (this.opts.readOnly) throw new Error('Training an adapter saves it beside the index: open the engine writable.');
    this.chunksNeeded = true;
    const { report, matrix } = await adaptWorkspace(this.evalDeps(), opts);
    if (report.epochs.run === 0) return report; // too few pairs: nothing trained, the saved adapter (if any) stays
    opts.onProgress?.({ phase: 'saving', done: 0, total: 1 });
    const final = { ...report, inUse: report.helps && this.opts.adapter !== 'off' };
    await saveAdapter(this.indexDir, this.store.identity, matrix, final);
    this.adapter = this.opts.adapter === 'off' ? undefined : { matrix, report: final };
    opts.onProgress?.({ phase: 'saving', done: 1, total: 1 });
    return final;
  }

  adapterStatus(): AdapterStatus {
    const saved = this.adapter ?? (this.opts.adapter === 'off' ? loadAdapter(this.indexDir, this.store.identity) : undefined);
    return {
      setting: this.opts.adapter ?? 'auto',
      saved: saved !== undefined,
      inUse: this.adapterInUse() !== undefined,
      ...(saved ? { gain: saved.report.gain, trainedAt: saved.report.trainedAt, reason: saved.report.reason } : {}),
    };
  }

  /** The adapter's matrix when queries go through it: saved for this model, measured to help, setting `auto`. */
  private adapterInUse(): Float32Array | undefined {
    return this.opts.adapter !== 'off' && this.adapter?.report.helps ? this.adapter.matrix : undefined;
  }

  status(): IndexStatus {
    const chunks = this.store.chunkCount();
    const state: IndexStatus['state'] = this.lastError
      ? 'error'
      : this.busy > 0
        ? this.gate.paused
          ? 'paused'
          : 'indexing'
        : this.store.damaged
          ? 'damaged'
          : chunks > 0 || this.store.lastIndexedAt() !== null
            ? 'ready'
            : 'empty';
    return {
      root: this.root,
      indexDir: this.indexDir,
      files: this.store.fileCount(),
      chunks,
      vectors: this.store.vectorCount(),
      model: this.store.identity,
      precision: this.store.precision,
      skipped: this.store.getSkipped(),
      diskBytes: this.store.diskUsage(),
      lastIndexedAt: this.store.lastIndexedAt(),
      state,
      message: this.lastError ?? this.store.message,
      ...(this.store.damaged ? { problem: this.store.message } : {}),
    };
  }

  pause(): void {
    this.gate.pause();
    if (this.lastProgress) this.events.emit('progress', { ...this.lastProgress, paused: true });
  }

  resume(): void {
    this.gate.resume();
    if (this.lastProgress) this.events.emit('progress', { ...this.lastProgress, paused: false });
  }

  cancel(): void {
    this.active?.abort();
  }

  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.events.on('progress', listener);
    return () => this.events.off('progress', listener);
  }

  onMessage(listener: (m: EngineMessage) => void): () => void {
    this.events.on('message', listener);
    const unheard = this.unheard.splice(0);
    for (const m of unheard) listener(m);
    return () => this.events.off('message', listener);
  }

  async close(): Promise<void> {
    this.cancel();
    this.gate.resume();
    await this.running.catch(() => undefined);
    await this.store.close();
    // A shared embedder belongs to whoever passed it in.
    if (!this.opts.embedder && this.embedderPromise) await (await this.embedderPromise.catch(() => undefined))?.close();
  }

  /** Runs index/update one at a time; cancel() aborts the current one. */
  private exclusive(
    signal: AbortSignal | undefined,
    run: (deps: IndexerDeps, signal: AbortSignal) => Promise<IndexSummary>,
  ): Promise<IndexSummary> {
    const next = this.running.catch(() => undefined).then(async () => {
      const controller = new AbortController();
      const forward = () => controller.abort();
      signal?.addEventListener('abort', forward, { once: true });
      this.active = controller;
      this.busy++;
      try {
        const summary = await run(this.indexerDeps(), controller.signal);
        this.lastError = undefined;
        return summary;
      } catch (err) {
        this.lastError = (err as Error).message;
        this.message('error', this.lastError);
        throw err;
      } finally {
        this.busy--;
        signal?.removeEventListener('abort', forward);
        if (this.active === controller) this.active = undefined;
      }
    });
    this.running = next;
    return next;
  }

  private indexerDeps(): IndexerDeps {
    return {
      store: this.store,
      scanOptions: this.scanOptions,
      gate: this.gate,
      chunker: () => this.chunker(),
      embedder: () => this.embedder(),
      checkPath: (rel) => this.pathFilter.check(rel),
      progress: (e) => {
        this.lastProgress = e;
        this.events.emit('progress', e);
      },
      warn: (text) => this.message('warn', text),
      lexicalRawText: !this.ablated.has('lexical-raw-identifiers'),
    };
  }

  private queryContext(): QueryContext {
    return {
      root: this.root,
      store: this.store,
      embedder: () => this.embedder(),
      semanticWeight: this.opts.semanticWeight,
      ablated: this.ablated,
    };
  }

  private evalDeps(): EvalDeps {
    return {
      root: this.root,
      store: this.store,
      chunker: () => this.chunker(),
      embedder: () => this.embedder(),
      lexical: { stemming: !this.ablated.has('lexical-stemming'), fields: !this.ablated.has('lexical-fields') },
      lexicalRawText: !this.ablated.has('lexical-raw-identifiers'),
      semanticWeight: this.opts.semanticWeight,
      ablated: this.ablated,
    };
  }

  private embedder(): Promise<Embedder> {
    if (this.opts.embedder) return Promise.resolve(this.opts.embedder);
    this.embedderPromise ??= createEmbedder(this.model!, {
      threads: this.opts.threads ?? defaultThreads(this.opts.background === true),
      background: this.opts.background,
      // Readers skip the main-thread tokenizer, unless they evaluate (the chunker counts tokens).
      tokenCounting: !this.opts.readOnly || this.chunksNeeded,
    });
    return this.embedderPromise;
  }

  private chunker(): Promise<Chunker> {
    this.chunkerPromise ??= this.embedder().then((e) =>
      // No path in the embedded text: a rename or move must reuse vectors by content hash, and Find Similar must
      // not prefer chunks of the same file for their shared file name. (The file name's words measured +0.015
      // semantic NDCG@10 on the docstring set but put same-file chunks first in Find Similar.) The whole path
      // reaches the lexical index (see the indexer).
      createChunker({
        countTokens: (text) => e.countTokens(text),
        maxTokens: e.maxTokens,
        pathContext: 'none',
        preamble: !this.ablated.has('chunk-imports-apart'),
        contextHeader: !this.ablated.has('chunk-context-header'),
      }),
    );
    return this.chunkerPromise;
  }

  private message(level: EngineMessage['level'], text: string): void {
    if (this.events.listenerCount('message') === 0) this.unheard.push({ level, text });
    else this.events.emit('message', { level, text });
  }
}

/** The embedder with the query adapter on embedQuery; everything else passes through. */
async function adaptedEmbedder(inner: Promise<Embedder>, matrix: Float32Array): Promise<Embedder> {
  const e = await inner;
  return {
    identity: e.identity,
    maxTokens: e.maxTokens,
    countTokens: (text) => e.countTokens(text),
    embed: (texts, o) => e.embed(texts, o),
    embedQuery: async (text) => applyMatrix(matrix, await e.embedQuery(text)),
    close: () => e.close(),
  };
}
