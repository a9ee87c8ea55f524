// The engine: one workspace folder, one index. Composes scan, chunk, embed, store, search and
// clusters; front ends (extension, CLI, benchmarks) use only this through core/index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { parseAblations, type Ablated } from './ablation';
import type { Engine, EngineMessage, EngineOptions, EngineWatch, SimilarTarget, WatchOptions } from './api';
import { createChunker, type Chunker } from './chunk';
import { createEmbedder, defaultThreads, resolveModel } from './embed';
import { modelForIndex } from './embed/indexModel';
import type { Embedder, ModelLocation } from './embed/types';
import { indexAll, indexPaths, type IndexerDeps } from './pipeline/indexer';
import { PauseGate } from './pipeline/pauseGate';
import { runClusters } from './query/clusterMap';
import type { QueryContext } from './query/context';
import { runSearch } from './query/runSearch';
import { runSimilar } from './query/similar';
import { createPathFilter } from './scan';
import { FORMAT_VERSION, openIndexStore, readCurrentRecord } from './store';
import type { IndexStore, OpenStoreOptions } from './store/types';
import type { ClusterMap, IndexStatus, IndexSummary, ProgressEvent, ScanOptions, SearchOptions, SearchResult } from './types';
import { WatchSet } from './watch';

/** The folder inside the index folder where a rebuild is built until it is swapped in. */
const REBUILD_DIR = 'rebuild';

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const root = fs.realpathSync(path.resolve(opts.root));
  const indexDir = path.resolve(opts.indexDir ?? path.join(root, '.semsearch'));
  const model = opts.embedder ? undefined : await chooseModel(opts, indexDir);
  const identity = opts.embedder?.identity ?? model!.identity;
  const ablated = parseAblations(opts.ablate?.join(','));
  const lexical = { stemming: !ablated.has('lexical-stemming'), fields: !ablated.has('lexical-fields') };
  const modelDir = opts.embedder?.modelDir ?? model?.dir;
  const storeOptions: OpenStoreOptions = { indexDir, identity, modelDir, precision: opts.precision ?? 'i8', write: !opts.readOnly, lexical };
  const store = await openIndexStore(storeOptions);
  return new WorkspaceEngine(root, indexDir, opts, store, storeOptions, model, ablated);
}

/** The given model, else (when asked) the one the index was built with, else the usual resolution. */
async function chooseModel(opts: EngineOptions, indexDir: string): Promise<ModelLocation> {
  const resolveDefault = () => resolveModel({ explicit: opts.modelDir, packageRoot: opts.packageRoot, env: process.env });
  if (opts.modelDir || !opts.modelFromIndex) return resolveDefault();
  const record = readCurrentRecord(indexDir);
  // No index, or one of another format (unusable anyway): nothing to remember.
  if (!record || record.format !== FORMAT_VERSION || !record.identity?.sha256) return resolveDefault();
  return modelForIndex(record, indexDir, resolveDefault);
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
  /** Held while a full pass runs (it sees every change) or indexing is paused. */
  private readonly watches: WatchSet;

  constructor(
    readonly root: string,
    readonly indexDir: string,
    private readonly opts: EngineOptions,
    private readonly store: IndexStore,
    private readonly storeOptions: OpenStoreOptions,
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
    this.watches = new WatchSet({ root, indexDir, filter: this.pathFilter, update: (paths) => this.update(paths) });
    this.events.setMaxListeners(50);
    // A store that had to fall back (corrupt, other model) says so once, as a warning, to the
    // first listener (the engine is created before anyone can subscribe).
    if (store.message) this.unheard.push({ level: 'warn', text: store.message });
  }

  async index(opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    this.watches.hold();
    try {
      return await this.exclusive(opts.signal, (deps, signal) => indexAll(deps, signal));
    } finally {
      this.watches.release();
    }
  }

  rebuild(opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    return this.exclusive(opts.signal, async (deps, signal) => {
      // Built beside the index in use, which keeps answering searches; swapped in only when complete.
      const stagingDir = path.join(this.indexDir, REBUILD_DIR);
      await fs.promises.rm(stagingDir, { recursive: true, force: true });
      const staging = await openIndexStore({ ...this.storeOptions, indexDir: stagingDir, write: true });
      let summary: IndexSummary;
      try {
        summary = await indexAll({ ...deps, store: staging }, signal);
      } finally {
        await staging.close();
      }
      if (!summary.cancelled) await this.store.replaceWith(stagingDir);
      await fs.promises.rm(stagingDir, { recursive: true, force: true });
      return summary;
    });
  }

  update(paths: string[], opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    this.pathFilter.invalidate?.();
    return this.exclusive(opts.signal, (deps, signal) => indexPaths(deps, paths, signal));
  }

  watch(opts?: WatchOptions): EngineWatch {
    return this.watches.create(opts);
  }

  async search(query: string, opts?: SearchOptions): Promise<SearchResult[]> {
    await this.store.refresh();
    return runSearch(this.queryContext(), query, opts);
  }

  async similar(target: SimilarTarget, opts?: SearchOptions): Promise<SearchResult[]> {
    await this.store.refresh();
    return runSimilar(this.queryContext(), target, opts);
  }

  async clusters(opts?: { k?: number; seed?: number; maxPoints?: number }): Promise<ClusterMap> {
    await this.store.refresh();
    return runClusters(this.queryContext(), opts);
  }

  refresh(): Promise<boolean> {
    return this.store.refresh();
  }

  async takeOver(): Promise<boolean> {
    return this.store.takeOver();
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
          : this.store.incomplete()
            ? 'incomplete'
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
      writable: this.store.writable,
      message: this.lastError ?? this.store.message,
      ...(this.store.damaged ? { problem: this.store.message } : {}),
      ...(this.store.incomplete() ? { incomplete: this.store.incomplete()! } : {}),
    };
  }

  pause(): void {
    if (!this.gate.paused) this.watches.hold();
    this.gate.pause();
    if (this.lastProgress) this.events.emit('progress', { ...this.lastProgress, paused: true });
  }

  resume(): void {
    if (this.gate.paused) this.watches.release();
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
    await this.watches.disposeAll();
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
      ablated: this.ablated,
    };
  }

  private embedder(): Promise<Embedder> {
    if (this.opts.embedder) return Promise.resolve(this.opts.embedder);
    this.embedderPromise ??= createEmbedder(this.model!, {
      threads: this.opts.threads ?? defaultThreads(this.opts.background === true),
      background: this.opts.background,
      tokenCounting: !this.opts.readOnly,
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
