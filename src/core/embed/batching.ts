// Length-sorted batching with a padded-token budget.

export interface BatchPolicy {
  /** Most sequences in one batch. */
  maxBatch: number;
  /** Most padded tokens (sequences × longest sequence) in one batch; a single sequence always fits. */
  maxPaddedTokens: number;
}

/**
 * Default policy: at most 8 sequences and 1,024 padded tokens per batch.
 *
 * Measured with the bench's embedding section (`node out/bench/main.js --only embedding --corpus
 * bench/.work/perf/embed --reps 3 --sweep-tokens 60000`: MiniLM architecture, 4.4k chunks of real code, mean
 * 137 word pieces; pipeline tokens/s, medians of 3, the three runs within one hour):
 *
 * | group of chunks, policy (maxBatch:maxPaddedTokens) | batches | padding | pipeline tok/s |
 * | --- | ---: | ---: | ---: |
 * | 64, 16:512 (the earlier default: mostly 2 rows of ~200) | 1,477 | 3.0 % | 22.8k |
 * | 256, 8:2048                                            |   558 | 2.4 % | 23.9k |
 * | 256, 8:1024 (default; ORT memory patterns off)         |   758 | 1.8 % | 24.4k |
 *
 * On the bare session, sequences sorted across the whole corpus ran fastest in batches of 8 (batch 4 and
 * 16 a few % slower, 32 a third slower: attention is seq², bigger activations fall out of cache). 1,024
 * padded tokens lets long chunks (~256 pieces) go 4 at a time, which bounds a batch's activations (an index
 * run's peak over those 4.4k chunks: 288 MB against 326 MB with 8:2048, both without memory patterns) and its
 * time (~40 ms, the longest a query waits behind batch work: queries jump the queue between batches).
 */
export const DEFAULT_BATCH_POLICY: BatchPolicy = { maxBatch: 8, maxPaddedTokens: 1024 };

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
