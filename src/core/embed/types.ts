// Contract of the embedding module (implemented in src/core/embed/).
import type { JobTiming, ModelIdentity } from '../types';

/** A complete model folder on disk (REQUIRED_MODEL_FILES in resolve.ts). */
export interface ModelLocation {
  /** Absolute model folder: holds tokenizer.json, tokenizer_config.json, config.json, onnx/model_quantized.onnx. */
  dir: string;
  /** Absolute path of the ONNX file. */
  onnxPath: string;
  identity: ModelIdentity;
}

export interface EmbedderOptions {
  /** ONNX intra-op threads. */
  threads?: number;
  /** Editor host: no ORT spin-waiting. */
  background?: boolean;
  /** Run the ONNX session in a worker thread (default true). */
  useWorker?: boolean;
  /** Load a tokenizer on the calling thread for countTokens (default true; query-only processes pass false). */
  tokenCounting?: boolean;
  /**
   * Without tokenCounting: the caller sends the token ids of what it embeds (a chunking worker counted them), so
   * the session loads a tokenizer only when a text comes (a query).
   */
  callerSendsIds?: boolean;
  /** Max sequences per batch (default chosen by benchmark). */
  batchSize?: number;
  /** Max padded tokens (sequences × longest) per batch (default chosen by benchmark). Added by embed. */
  maxBatchTokens?: number;
}

export interface EmbedResult {
  /** One L2-normalised vector per input text, in input order. */
  vectors: Float32Array[];
  /** Word pieces fed to the model (padding excluded, [CLS]/[SEP] included, after truncation). */
  tokens: number;
  /** SEMSEARCH_PROFILE=1: how the model session spent this call's time. */
  timing?: JobTiming;
}

export interface Embedder {
  readonly identity: ModelIdentity;
  /** The folder the model was loaded from (recorded with the index, so readers can find the model again). */
  readonly modelDir?: string;
  /** The model's window in word pieces (256 for all-MiniLM-L6-v2). */
  readonly maxTokens: number;
  /** Word pieces of `text` including [CLS] and [SEP], without truncation. Synchronous: used by the chunker. */
  countTokens(text: string): number;
  /**
   * Batch path: length-sorted batches, padded per batch, truncated at maxTokens. `tokenIds[i]`, when given, are
   * the word pieces of `texts[i]` with [CLS] and [SEP] (what countTokens counted): not tokenized again.
   */
  embed(texts: string[], opts?: { signal?: AbortSignal; tokenIds?: readonly (Int32Array | undefined)[] }): Promise<EmbedResult>;
  /** Latency path for one query. */
  embedQuery(text: string): Promise<Float32Array>;
  close(): Promise<void>;
}
