// The engine's public contract: what the extension, the CLI and the benchmarks may use.
import type { AdaptOptions, AdapterSetting, AdapterStatus, AdaptReport } from './adapt/types';
import type { EvalOptions, EvalReport } from './eval/types';
import type {
  ClusterMap,
  IndexStatus,
  IndexSummary,
  ProgressEvent,
  SearchOptions,
  SearchResult,
  VectorPrecision,
} from './types';

export interface EngineOptions {
  /** Absolute path of the workspace folder to index. */
  root: string;
  /** Where the index lives; default `<root>/.semsearch`. Nothing outside it is written. */
  indexDir?: string;
  /** Explicit model folder (`--model` / setting); otherwise the package's model, then SEMSEARCH_MODEL_DIR (embed/resolve.ts). */
  modelDir?: string;
  /**
   * Without `modelDir`: use the model the index on disk was built with, when its recorded folder (or the usual
   * resolution) still holds that model, else fail naming it. For readers (CLI query, similar, clusters, stats).
   */
  modelFromIndex?: boolean;
  /** The package folder, to find `models/all-MiniLM-L6-v2/` shipped with it. */
  packageRoot?: string;
  include?: string[];
  exclude?: string[];
  /** Globs of secret-looking files to index anyway (see ScanOptions.allowSecrets). */
  allowSecrets?: string[];
  maxFileBytes?: number;
  /** Vector precision in the HNSW file (default i8). Changing it rebuilds the vector file. */
  precision?: VectorPrecision;
  /** ONNX intra-op threads; default: all cores for the CLI, max(1, cores-1) when `background`. */
  threads?: number;
  /** Running inside an editor: fewer threads, no ORT spin-waiting, lower priority. */
  background?: boolean;
  /** Open the index without the writer lock and never write (queries from a second process). */
  readOnly?: boolean;
  /** Rules switched off to measure what they are worth (ablation switch names, see core/ablation.ts). */
  ablate?: string[];
  /**
   * Search the team store (PostgreSQL + pgvector) plus a local overlay of the files that differ from its snapshot.
   * The overlay is an ordinary embedded index in `indexDir` (default `<root>/.semsearch/team-overlay`).
   */
  team?: import('./team/session').TeamOptions;
  /** The query adapter: `auto` (default) applies a saved one whose measured gain passed the bar; `off` never does. */
  adapter?: AdapterSetting;
  /** Share one embedder (one model in memory) between several engines (multi-root workspaces). */
  embedder?: import('./embed/types').Embedder;
  /**
   * Chunk files in a worker thread (default true with a model folder; an embedder passed in is counted with on
   * this thread): parsing stays off the caller's thread and its memory is given back between runs.
   */
  chunkInWorker?: boolean;
}

export interface EngineMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
  /** `team-store`: the team store could not answer and the local index did (front ends tell the user). */
  topic?: 'team-store';
}

export interface SimilarTarget {
  /** Relative (to root) or absolute path. */
  path?: string;
  startLine?: number;
  endLine?: number;
  /** Raw text instead of a file range. */
  text?: string;
}

export interface WatchOptions {
  /** Quiet period before collected changes go to update() (default 300 ms). */
  debounceMs?: number;
  /** Longest wait under a constant stream of changes (default 10 × debounceMs). */
  maxWaitMs?: number;
  /** Watch the folder with chokidar (default true); false: only the paths passed to changed(). */
  files?: boolean;
  /** After each applied batch (relative paths). */
  onUpdate?(summary: IndexSummary, paths: string[]): void;
  /** A failed update, or an error of the file watcher (which keeps running); later batches still run. */
  onError?(err: unknown, source: 'update' | 'watcher'): void;
}

/** A running watch: one debounce, one queue into update(); batches never overlap. */
export interface EngineWatch {
  /** Resolves once the file watcher delivers events. */
  readonly ready: Promise<void>;
  /** Paths an editor reports (absolute or relative): the same queue, deduplicated with the watcher's. */
  changed(paths: Iterable<string>): void;
  /** Applies what is collected now instead of after the quiet period (not while a full pass runs or indexing is paused). */
  flush(): Promise<void>;
  /** Resolves when no batch runs and none is due. */
  idle(): Promise<void>;
  /** Stops watching; collected paths are dropped, a running update is awaited. */
  dispose(): Promise<void>;
}

export interface Engine {
  readonly root: string;
  readonly indexDir: string;
  /** Full incremental pass: scan, then embed only what is new or changed. */
  index(opts?: { signal?: AbortSignal }): Promise<IndexSummary>;
  /**
   * Build the whole index again from nothing, beside the one in use (which keeps answering searches), and
   * swap it in only when complete: cancelling leaves the previous index as it was.
   */
  rebuild(opts?: { signal?: AbortSignal }): Promise<IndexSummary>;
  /** Re-check these paths (absolute or relative; created, changed or deleted files or folders). */
  update(paths: string[], opts?: { signal?: AbortSignal }): Promise<IndexSummary>;
  /** Keeps the index fresh: changed files go to update() in debounced batches, held while index() runs or paused. */
  watch(opts?: WatchOptions): EngineWatch;
  search(query: string, opts?: SearchOptions): Promise<SearchResult[]>;
  similar(target: SimilarTarget, opts?: SearchOptions): Promise<SearchResult[]>;
  clusters(opts?: { k?: number; seed?: number; maxPoints?: number }): Promise<ClusterMap>;
  status(): IndexStatus;
  /**
   * Read-only engines (another process holds the writer lock) load the writer's newest commit; queries do this
   * by themselves. True when something new was loaded.
   */
  refresh(): Promise<boolean>;
  /** A read-only engine becomes the writer when the lock holder has gone; false while it is alive. */
  takeOver(): Promise<boolean>;
  /** Team mode: connects (within the timeouts) and reports the store, snapshot and overlay; undefined otherwise. */
  teamStatus?(): Promise<import('./team/session').TeamStatus | undefined>;
  /** Publishes this index to a team store as the snapshot of the folder's commit (run `index()` first). */
  publish?(opts: PublishRequest): Promise<import('./store/postgres/publish').PublishSummary>;
  /**
   * Measures search quality on pairs mined from the workspace (doc comment → definition, heading → section), each
   * pair's doc masked out of its answer in memory. Reads the index, never writes it. Progress and cancel via opts.
   */
  evaluate(opts?: EvalOptions): Promise<EvalReport>;
  /**
   * Trains a query adapter on pairs mined from the workspace (train / validation / test splits), measures it on the
   * held-out test split, saves it beside the index (keyed by the model) and uses it from now on when it helps and the
   * setting is `auto`. Needs a writable engine. Document vectors are never touched.
   */
  adapt(opts?: AdaptOptions): Promise<AdaptReport>;
  /** Whether a query adapter is saved and in use, and its measured gain. */
  adapterStatus(): AdapterStatus;
  pause(): void;
  resume(): void;
  /** Cancels the running index/update; it resolves with `cancelled: true` after saving what is done. */
  cancel(): void;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  onMessage(listener: (m: EngineMessage) => void): () => void;
  close(): Promise<void>;
}

export interface PublishRequest {
  url: string;
  /** Default: the origin remote, else the folder's name. */
  repo?: string;
  /** Default: git HEAD (`+<hash>` when the tree has changes), or a content hash without git. */
  commit?: string;
  batchSize?: number;
  keepSnapshots?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  signal?: AbortSignal;
  onBatch?: (uploadedSoFar: number) => void;
}
