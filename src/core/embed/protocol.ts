// Messages between the main thread (embedder.ts) and the worker (embedWorker.ts).
import type { JobTiming } from '../types';
import type { EmbedInput, SessionConfig } from './sessionTypes';

export type WorkerData = SessionConfig;

export type ToWorker =
  /** A text, or its token ids (with [CLS]/[SEP], not truncated) when the main thread already tokenized it. */
  | { type: 'embed'; id: number; texts: EmbedInput[] }
  | { type: 'query'; id: number; input: EmbedInput }
  | { type: 'cancel'; id: number }
  /** Test hook: throw an uncaught error inside the worker. */
  | { type: 'crash' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  /** `vectors` is [n, dim] row-major; its buffer is transferred, not copied. */
  | { type: 'result'; id: number; vectors: Float32Array; tokens: number; timing?: JobTiming }
  | { type: 'error'; id: number; message: string };
