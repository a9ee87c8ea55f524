// Shapes of the query adapter: training data for the worker, and the report the CLI prints and the panel draws.
import type { EvalProgress, MetricsByMode } from '../eval/types';

/** `auto`: use a saved adapter when its measured gain passed the bar; `off`: never. */
export type AdapterSetting = 'auto' | 'off';

/** The bar: held-out semantic NDCG@10 must rise at least this much (and hybrid must not fall) for the adapter to be used. */
export const MIN_GAIN = 0.02;

/** What the training worker gets: vectors only (row-major Float32Arrays), indexes into `docs`. */
export interface TrainData {
  dim: number;
  /** Document vectors (masked answers and hard negatives), U × dim. */
  docs: Float32Array;
  train: {
    queries: Float32Array;
    /** Row of each query's answer in `docs`. */
    answers: Int32Array;
    /** `negativesPerQuery` rows of `docs` per query: the index's closest non-answers. */
    negatives: Int32Array;
    negativesPerQuery: number;
  };
  validation: {
    queries: Float32Array;
    answers: Int32Array;
    /** `candidatesPerQuery` rows of `docs` per query, the answer among them: what the stopping point is chosen on. */
    candidates: Int32Array;
    candidatesPerQuery: number;
    /** Rows of `docs` every query is also ranked against (a seeded sample of the whole index); none when absent. */
    distractors?: Int32Array;
  };
}

export interface TrainOptions {
  maxEpochs?: number;
  batchSize?: number;
  learningRate?: number;
  temperature?: number;
  /** Pull towards the identity (L2 on W − I). */
  identityWeight?: number;
  /** Epochs without a validation gain before stopping. */
  patience?: number;
  seed?: number;
}

export interface EpochRecord {
  epoch: number;
  /** Mean contrastive loss over the epoch's batches (epoch 0: the identity, no training). */
  loss: number;
  /** NDCG@10 of the validation queries among their candidates. */
  validationNdcg10: number;
}

export interface TrainResult {
  /** The matrix of the best validation epoch (the identity when no epoch beat it). */
  matrix: Float32Array;
  bestEpoch: number;
  history: EpochRecord[];
  ms: number;
}

export interface AdaptOptions {
  /** At most this many mined pairs (seeded sample); default 5000. */
  maxPairs?: number;
  seed?: number;
  train?: TrainOptions;
  signal?: AbortSignal;
  onProgress?: (p: EvalProgress) => void;
}

export interface AdaptReport {
  version: 1;
  model: { name: string; sha256: string; dimensions: number };
  pairs: { mined: number; train: number; validation: number; test: number };
  epochs: { run: number; best: number };
  history: EpochRecord[];
  /** Held-out test split, without and with the adapter. */
  before: MetricsByMode;
  after: MetricsByMode;
  gain: { semantic: number; hybrid: number };
  minGain: number;
  /** The measured gain passed the bar: the adapter is worth using. */
  helps: boolean;
  /** Applied to queries now (helps, and the setting is `auto`). */
  inUse: boolean;
  /** One line saying what was decided and why. */
  reason: string;
  trainedAt: number;
  trainingMs: number;
  ms: number;
}

/** What the status view shows. */
export interface AdapterStatus {
  setting: AdapterSetting;
  /** A saved adapter for this model exists. */
  saved: boolean;
  inUse: boolean;
  gain?: { semantic: number; hybrid: number };
  trainedAt?: number;
  reason?: string;
}
