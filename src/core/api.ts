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
  /** Explicit model folder (`--model` / setting); otherwise design.md §3 resolution. */
  modelDir?: string;
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
  /** Default hybrid fusion settings. */
  semanticWeight?: number;
  /** Open the index without the writer lock and never write (queries from a second process). */
  readOnly?: boolean;
  /** Rules switched off to measure what they are worth (ablation switch names, see core/ablation.ts). */
  ablate?: string[];
  /** The query adapter: `auto` (default) applies a saved one whose measured gain passed the bar; `off` never does. */
  adapter?: AdapterSetting;
  /** Share one embedder (one model in memory) between several engines (multi-root workspaces). */
  embedder?: import('./embed/types').Embedder;
}

export interface EngineMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface SimilarTarget {
  /** Relative (to root) or absolute path. */
  path?: string;
  startLine?: number;
  endLine?: number;
  /** Raw text instead of a file range. */
  text?: string;
}

export interface Engine {
  readonly root: string;
  readonly indexDir: string;
  /** Full incremental pass: scan, then embed only what is new or changed. */
  index(opts?: { signal?: AbortSignal }): Promise<IndexSummary>;
  /** Re-check these paths (absolute or relative; created, changed or deleted files or folders). */
  update(paths: string[], opts?: { signal?: AbortSignal }): Promise<IndexSummary>;
  search(query: string, opts?: SearchOptions): Promise<SearchResult[]>;
  similar(target: SimilarTarget, opts?: SearchOptions): Promise<SearchResult[]>;
  clusters(opts?: { k?: number; seed?: number; maxPoints?: number }): Promise<ClusterMap>;
  status(): IndexStatus;
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
