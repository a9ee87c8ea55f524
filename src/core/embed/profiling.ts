// SEMSEARCH_PROFILE=1: the clock of the index profile (see JobTiming and IndexProfile in ../types.ts).
// Off by default: then every timer is one boolean test and nothing else.
import type { JobTiming } from '../types';

/** Read once per thread (a worker inherits the environment of its process). */
export const PROFILING = typeof process !== 'undefined' && process.env?.SEMSEARCH_PROFILE === '1';

/** Milliseconds since the epoch, comparable across threads (each thread has its own performance.timeOrigin). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export function newJobTiming(arrivedAt: number, idleFrom: number | undefined): JobTiming {
  return { arrivedAt, ...(idleFrom !== undefined ? { idleFrom } : {}), tokenizeMs: 0, tensorMs: 0, runMs: 0, poolMs: 0, batches: 0, firstRunAt: 0, lastRunEnd: 0, doneAt: 0 };
}

/** Main-thread tokenizing for the chunker (countTokens), summed over the life of the thread. */
export const mainThreadTokenize = { ms: 0 };
