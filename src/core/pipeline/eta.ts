// When an indexing run can say how long it has left. An early guess is worse than none: loading the model and the
// first batches make the first seconds slow, so a guess from 2 % of the work said 1 min 39 s for an 11-second job.

/** Share of the work that must be done (since the clock started) before an estimate is given. */
export const ETA_MIN_FRACTION = 0.1;
/** Time that must have passed (since the clock started) before an estimate is given. */
export const ETA_MIN_ELAPSED_MS = 2000;

/**
 * Share of a run's work done: files read ahead of the model by a bounded queue, so the embedded share of the chunks
 * seen so far scales the file share; without embedding (everything reused) the file share alone.
 */
export function workFraction(e: { filesDone: number; filesTotal: number; chunksEmbedded: number; chunksPending: number }): number {
  if (e.filesTotal <= 0) return 0;
  const files = Math.min(1, e.filesDone / e.filesTotal);
  const seen = e.chunksEmbedded + e.chunksPending;
  return seen > 0 ? files * (e.chunksEmbedded / seen) : files;
}

export interface EtaClock {
  /** When the work clock started (after the scan, once the first work was done: the model is loaded by then). */
  startedAt: number;
  /** The work fraction at that moment. */
  fractionAtStart: number;
}

/**
 * Milliseconds left at `now` when the work done since the clock started is at least ETA_MIN_FRACTION of the run
 * and took at least ETA_MIN_ELAPSED_MS; undefined before (say nothing rather than guess) and once done.
 */
export function estimateEtaMs(clock: EtaClock | undefined, fraction: number, now: number): number | undefined {
  if (!clock || !(fraction < 1)) return undefined;
  const done = fraction - clock.fractionAtStart;
  const elapsed = now - clock.startedAt;
  if (done < ETA_MIN_FRACTION || elapsed < ETA_MIN_ELAPSED_MS) return undefined;
  return Math.round((elapsed * (1 - fraction)) / done);
}
