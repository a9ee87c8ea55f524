// Shapes of the workspace evaluation: mined pairs, metrics, and the report the CLI prints and the panel draws.
import type { SearchMode } from '../types';

/** Where a pair came from: a documented definition in code, or a Markdown section under its heading. */
export type PairSet = 'code' | 'docs';

/** One query → answer pair mined from the workspace. */
export interface EvalPair {
  /** Stable id: `path:line`. */
  id: string;
  set: PairSet;
  /** Language id of the answer chunk ('typescript', 'python', 'markdown', …). */
  language: string;
  /** The first sentence of the doc comment (or the heading): what a user might type. */
  query: string;
  /** The answer chunk's id in the index. */
  chunkId: number;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  /** 1-based file line of the definition (the heading for a section): a result range holding it is a hit. */
  defLine: number;
  /** 1-based inclusive file lines holding the doc text that is masked out of the answer during evaluation. */
  maskLines: [number, number];
}

export interface Metrics {
  ndcg10: number;
  mrr10: number;
  recall1: number;
  recall5: number;
  recall10: number;
  /** Pairs measured. */
  pairs: number;
}

export type MetricsByMode = Partial<Record<SearchMode, Metrics>>;

export interface EvalReport {
  /** Format of this report (the webview checks it). */
  version: 1;
  root: string;
  model: { name: string; sha256: string; dimensions: number };
  /** Chunks in the index. */
  chunks: number;
  /** Pairs found before sampling, per set. */
  mined: Record<PairSet, number>;
  /** Pairs evaluated (after dedupe and the seeded sample). */
  pairs: number;
  seed: number;
  overall: MetricsByMode;
  byLanguage: Record<string, MetricsByMode>;
  bySet: Partial<Record<PairSet, MetricsByMode>>;
  /** Whether the query adapter was applied to query embeddings. */
  adapter: 'none' | 'applied';
  ms: number;
}

export type EvalPhase = 'reading' | 'masking' | 'querying' | 'training' | 'testing' | 'saving';

export interface EvalProgress {
  phase: EvalPhase;
  done: number;
  total: number;
}

export interface EvalOptions {
  /** At most this many pairs (seeded sample); default 500. */
  maxPairs?: number;
  seed?: number;
  /** Modes to measure; default all three. */
  modes?: SearchMode[];
  /** Which pair sets; default both. */
  sets?: PairSet[];
  /** Measure with the query adapter when one is in use (default true). */
  adapter?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: EvalProgress) => void;
}
