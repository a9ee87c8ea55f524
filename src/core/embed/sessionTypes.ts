// Types shared by the session owner (modelSession.ts), the worker protocol and the embedder.
import type { BatchPolicy } from './batching';
import type { JobTiming } from '../types';

/** A text, or its token ids (with [CLS]/[SEP], not truncated) when the main thread already tokenized it. */
export type EmbedInput = string | Int32Array;

export interface SessionConfig {
  modelDir: string;
  onnxPath: string;
  dimensions: number;
  /** intra-op threads (already resolved from options and core count). */
  threads: number;
  /** No ORT spin-waiting (editor host). */
  background: boolean;
  maxTokens?: number;
  batchPolicy?: BatchPolicy;
  /**
   * The caller has its own tokenizer and sends token ids: the session loads one only when a text arrives anyway
   * (one tokenizer in the process instead of two, ~25 MB).
   */
  callerTokenizes?: boolean;
}

export interface SessionResult {
  /** [n, dim] row-major, input order. */
  vectors: Float32Array;
  tokens: number;
  /** SEMSEARCH_PROFILE=1: how the session spent this job's time. */
  timing?: JobTiming;
}

export type SessionCallback = (err: Error | null, result?: SessionResult) => void;
