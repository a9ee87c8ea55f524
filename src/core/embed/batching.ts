// Length-sorted batching with a padded-token budget.

export interface BatchPolicy {
  /** Most sequences in one batch. */
  maxBatch: number;
  /** Most padded tokens (sequences × longest sequence) in one batch; a single sequence always fits. */
  maxPaddedTokens: number;
}

/**
 * Default policy, measured on minilm-arch-random (2 cores, see models/README.md "Batching"):
 * small batches with about 1k padded tokens keep the per-token cost flat (long padded batches
 * pay attention's seq² and cache misses) and bound how long a query waits behind batch work.
 */
export const DEFAULT_BATCH_POLICY: BatchPolicy = { maxBatch: 32, maxPaddedTokens: 1024 };

/**
 * Group sequence indices into batches: longest first, each batch padded to its first (longest)
 * member, closed when adding one more would exceed `maxBatch` or `maxPaddedTokens`.
 */
export function planBatches(lengths: readonly number[], policy: BatchPolicy = DEFAULT_BATCH_POLICY): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let cur: number[] = [];
  let curMax = 0;
  for (const i of order) {
    const max = Math.max(curMax, lengths[i]);
    if (cur.length > 0 && (cur.length + 1 > policy.maxBatch || (cur.length + 1) * max > policy.maxPaddedTokens)) {
      batches.push(cur);
      cur = [];
      curMax = 0;
    }
    cur.push(i);
    curMax = Math.max(curMax, lengths[i]);
  }
  if (cur.length > 0) batches.push(cur);
  return batches;
}
