// The engine: one workspace folder, one index. Composes scan, chunk, embed, store, search and
// clusters; front ends (extension, CLI, benchmarks) use only this through core/index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { parseAblations, type Ablated } from './ablation';
import type { LexicalSettings } from './store/lexical/ofChunk';
import type { Engine, EngineMessage, EngineOptions, EngineWatch, PublishRequest, SimilarTarget, WatchOptions } from './api';
import type { Chunker } from './chunk';
import { createEmbedder, defaultThreads, MODEL_HASH_CACHE_FILE, resolveModel } from './embed';
import { MAX_TOKENS } from './embed/tokenizer';
import { modelForIndex } from './embed/indexModel';
import type { Embedder, ModelLocation } from './embed/types';
import { indexAll, indexPaths, type IndexerDeps } from './pipeline/indexer';
import { PauseGate } from './pipeline/pauseGate';
import { rebuildBeside } from './pipeline/rebuild';
import { applyMatrix } from './adapt/linear';
import { loadAdapter, saveAdapter, type LoadedAdapter } from './adapt/persist';
import type { AdaptOptions, AdapterStatus, AdaptReport } from './adapt/types';
import type { EvalDeps } from './eval';
import type { EvalOptions, EvalReport } from './eval/types';
import type { QueryContext } from './query/context';
import { runSearch } from './query/runSearch';
import { runSimilar } from './query/similar';
import { createPathFilter } from './scan';
import { FORMAT_VERSION, openIndexStore, readCurrentRecord } from './store';
import type { IndexStore, OpenStoreOptions } from './store/types';
import type { PublishSummary } from './store/postgres';
import { embeddedVectorStore, type VectorStore } from './store/vectorStore';
import { TeamSession, type TeamStatus } from './team/session';
import { TeamMode, publishIndex } from './team/teamMode';
import type { ClusterMap, IndexStatus, IndexSummary, ProgressEvent, ScanOptions, SearchOptions, SearchResult } from './types';
import { WatchSet } from './watch';

// Loaded at first use: a re-index or a search never needs the chunker (tree-sitter), the cluster map (UMAP) or the
// workspace evaluation and adapter training, and loading them all cost ~0.1 s of every CLI start.
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  chunking: () => require('./chunk') as typeof import('./chunk'),
  chunkWorker: () => require('./pipeline/workerChunker') as typeof import('./pipeline/workerChunker'),
  clusterMap: () => require('./query/clusterMap') as typeof import('./query/clusterMap'),
  evaluation: () => require('./eval') as typeof import('./eval'),
  adaptation: () => require('./adapt/run') as typeof import('./adapt/run'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

// Two rules measured and left off (`npm run bench:quality`, static-minilm-dev): imports as chunks of their own
// (natural −0.005 overall, −0.011 semantic; docstring ±0) and BM25F fields for names and path (natural −0.003,
// −0.012 semantic; docstring +0.005). The code stays, switched off, for a re-measure with the real model.
const IMPORTS_APART = false;
const LEXICAL_FIELDS = false;

/**
 * How chunks' lexical terms are found under the benchmarks' ablations: the index's options and what its body holds.
 * One source, so the store, the indexer, the chunking worker and evaluation cannot disagree.
 */
function lexicalSettings(ablated: Ablated): LexicalSettings {
  return { stemming: !ablated.has('lexical-stemming'), fields: LEXICAL_FIELDS, rawText: !ablated.has('lexical-raw-identifiers') };
}

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const root = fs.realpathSync(path.resolve(opts.root));
  const indexDir = path.resolve(opts.indexDir ?? path.join(root, '.semsearch', ...(opts.team ? ['team-overlay'] : [])));
  const model = opts.embedder ? undefined : await chooseModel(opts, indexDir);
  const identity = opts.embedder?.identity ?? model!.identity;
  const ablated = parseAblations(opts.ablate?.join(','));
  const { rawText: _rawText, ...lexical } = lexicalSettings(ablated);
  const modelDir = opts.embedder?.modelDir ?? model?.dir;
  const storeOptions: OpenStoreOptions = { indexDir, identity, modelDir, precision: opts.precision ?? 'i8', write: !opts.readOnly, lexical };
  const store = await openIndexStore(storeOptions);
  return new WorkspaceEngine(root, indexDir, opts, store, storeOptions, model, ablated);
}

/** The given model, else (when asked) the one the index was built with, else the usual resolution. */
async function chooseModel(opts: EngineOptions, indexDir: string): Promise<ModelLocation> {
  const hashCache = path.join(indexDir, MODEL_HASH_CACHE_FILE);
  const resolveDefault = () => resolveModel({ explicit: opts.modelDir, packageRoot: opts.packageRoot, env: process.env, hashCache });
  if (opts.modelDir || !opts.modelFromIndex) return resolveDefault();
  const record = readCurrentRecord(indexDir);
  // No index, or one of another format (unusable anyway): nothing to remember.
  if (!record || record.format !== FORMAT_VERSION || !record.identity?.sha256) return resolveDefault();
  return modelForIndex(record, indexDir, resolveDefault, hashCache);
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
  private readonly team?: TeamMode;
  /** Evaluation re-chunks files, so even a read-only engine needs token counting then. */
  private chunksNeeded = false;
  /** The saved query adapter of this model (loaded unless the setting is `off`). */
  private adapter?: LoadedAdapter;

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
    if (opts.team) {
      const session = new TeamSession(opts.team, root, store.identity, opts.readOnly ? undefined : path.join(indexDir, 'team-hashes.json'));
      const deps = { root, indexDir, store, scanOptions: this.scanOptions, update: (paths: string[], signal?: AbortSignal) => this.update(paths, { signal }), warn: (text: string) => this.message('warn', text, 'team-store') };
      this.team = new TeamMode(session, deps);
    }
    if (opts.adapter !== 'off') this.adapter = loadAdapter(indexDir, store.identity);
  }

  /** Team mode: only the overlay is indexed here (the files that differ from the team snapshot). */
  async index(opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    if (this.team) return this.team.refreshOverlay(opts.signal);
    this.watches.hold();
    try {
      return await this.exclusive(opts.signal, (deps, signal) => indexAll(deps, signal));
    } finally {
      this.watches.release();
    }
  }

  /** Built beside the index in use, which keeps answering searches; swapped in only when complete. */
  rebuild(opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    return this.exclusive(opts.signal, (deps, signal) => rebuildBeside(deps, this.storeOptions, signal));
  }

  update(paths: string[], opts: { signal?: AbortSignal } = {}): Promise<IndexSummary> {
    this.pathFilter.invalidate?.();
    return this.exclusive(opts.signal, (deps, signal) => indexPaths(deps, paths, signal));
  }

  watch(opts?: WatchOptions): EngineWatch {
    return this.watches.create(opts);
  }

  async search(query: string, opts?: SearchOptions): Promise<SearchResult[]> {
    // Only queries go through the adapter (Find Similar compares code with code, as it was embedded).
    const adapted = this.adapterInUse();
    const withAdapter = (ctx: QueryContext): QueryContext => (adapted ? { ...ctx, embedder: () => adaptedEmbedder(this.embedder(), adapted) } : ctx);
    if (this.team) return this.team.run((vectors) => runSearch(withAdapter(this.queryContext(vectors)), query, opts));
    await this.store.refresh();
    return runSearch(withAdapter(this.queryContext()), query, opts);
  }

  async similar(target: SimilarTarget, opts?: SearchOptions): Promise<SearchResult[]> {
    if (this.team) return this.team.run((vectors) => runSimilar(this.queryContext(vectors), target, opts));
    await this.store.refresh();
    return runSimilar(this.queryContext(), target, opts);
  }

  async teamStatus(): Promise<TeamStatus | undefined> {
    return this.team?.status();
  }

  publish(req: PublishRequest): Promise<PublishSummary> {
    return publishIndex(this.root, this.store, req);
  }

  async clusters(opts?: { k?: number; seed?: number; maxPoints?: number }): Promise<ClusterMap> {
    await this.store.refresh();
    const { runClusters } = lazy.clusterMap();
    return runClusters(this.queryContext(), opts);
  }

  refresh(): Promise<boolean> {
    return this.store.refresh();
  }

  async takeOver(): Promise<boolean> {
    return this.store.takeOver();
  }

  async evaluate(opts: EvalOptions = {}): Promise<EvalReport> {
    this.chunksNeeded = true;
    const adapted = opts.adapter === false ? undefined : this.adapterInUse();
    const { evaluateWorkspace } = lazy.evaluation();
    return evaluateWorkspace(this.evalDeps(), { ...opts, adaptQuery: adapted ? (v) => applyMatrix(adapted, v) : undefined });
  }

  async adapt(opts: AdaptOptions = {}): Promise<AdaptReport> {
    if (this.opts.readOnly) throw new Error('Training an adapter saves it beside the index: open the engine writable.');
    this.chunksNeeded = true;
    const { adaptWorkspace } = lazy.adaptation();
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
    const incomplete = this.store.incomplete();
    const state: IndexStatus['state'] = this.lastError
      ? 'error'
      : this.busy > 0
        ? this.gate.paused
          ? 'paused'
          : 'indexing'
        : this.store.damaged
          ? 'damaged'
          : incomplete
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
      ...(incomplete ? { incomplete } : {}),
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
    await this.team?.close();
    await (await this.chunkerPromise?.catch(() => undefined))?.close?.();
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
      lexicalRawText: lexicalSettings(this.ablated).rawText,
    };
  }

  private queryContext(vectors?: VectorStore): QueryContext {
    return {
      root: this.root,
      store: this.store,
      vectors: vectors ?? embeddedVectorStore(this.store),
      embedder: () => this.embedder(),
      ablated: this.ablated,
    };
  }

  private evalDeps(): EvalDeps {
    const { rawText, ...lexical } = lexicalSettings(this.ablated);
    return {
      root: this.root,
      store: this.store,
      chunker: () => this.chunker(),
      embedder: () => this.embedder(),
      lexical,
      lexicalRawText: rawText,
      ablated: this.ablated,
    };
  }

  private embedder(): Promise<Embedder> {
    if (this.opts.embedder) return Promise.resolve(this.opts.embedder);
    this.embedderPromise ??= createEmbedder(this.model!, {
      threads: this.opts.threads ?? defaultThreads(this.opts.background === true),
      background: this.opts.background,
      // Readers skip the main-thread tokenizer, unless they evaluate (the chunker counts tokens). A chunking
      // worker counts with its own and sends the ids along; a reader sends queries as text, so its session loads
      // a tokenizer at start instead of at the first query.
      tokenCounting: !this.chunksInWorker() && (!this.opts.readOnly || this.chunksNeeded),
      callerSendsIds: this.chunksInWorker() && !this.opts.readOnly,
    });
    return this.embedderPromise;
  }

  /** The model folder a chunking worker loads its tokenizer from; an embedder passed in may have none. */
  private chunkWorkerModelDir(): string | undefined {
    if (this.opts.chunkInWorker === false) return undefined;
    return this.model?.dir ?? this.opts.embedder?.modelDir;
  }

  private chunksInWorker(): boolean {
    return this.chunkWorkerModelDir() !== undefined;
  }

  private chunker(): Promise<Chunker> {
    // No path in the embedded text: a rename or move must reuse vectors by content hash, and Find Similar must
    // not prefer chunks of the same file for their shared file name. (The file name's words measured +0.015
    // semantic NDCG@10 on the docstring set but put same-file chunks first in Find Similar.) The whole path
    // reaches the lexical index (see the indexer).
    const settings = { pathContext: 'none' as const, preamble: IMPORTS_APART, contextHeader: !this.ablated.has('chunk-context-header') };
    const modelDir = this.chunkWorkerModelDir();
    // The worker also finds each chunk's lexical terms, with the settings this engine's index and indexer use.
    const lexical = lexicalSettings(this.ablated);
    if (modelDir) this.chunkerPromise ??= Promise.resolve(new (lazy.chunkWorker().WorkerChunker)({ modelDir, maxTokens: MAX_TOKENS, ...settings, lexical }));
    this.chunkerPromise ??= this.embedder().then((e) =>
      lazy.chunking().createChunker({ countTokens: (text) => e.countTokens(text), maxTokens: e.maxTokens, ...settings }),
    );
    return this.chunkerPromise;
  }

  private message(level: EngineMessage['level'], text: string, topic?: EngineMessage['topic']): void {
    const m: EngineMessage = { level, text, ...(topic ? { topic } : {}) };
    if (this.events.listenerCount('message') === 0) this.unheard.push(m);
    else this.events.emit('message', m);
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
