// The sweep ceiling's pure part: the recording's real sequences, a stable subset of them, and the same
// sequences re-batched into other batch shapes (padded the way the embedder pads). Timed in ortCeiling.ts.
import type { RecordedBatch } from './ortCeiling';
import { DEFAULT_BATCH_POLICY } from '../../src/core/embed/batching';

/**
 * The real sequences of a recording: each row's ids up to its mask length (the embedder pads at the end),
 * in recording order. These are the corpus's real token lengths as the model saw them (truncated at 256).
 */
export function realSequences(batches: RecordedBatch[]): number[][] {
  const out: number[][] = [];
  for (const b of batches) {
    const [rows, seq] = b.dims;
    for (let r = 0; r < rows; r++) {
      let n = 0;
      while (n < seq && b.mask[r * seq + n] === 1) n++;
      for (let j = n; j < seq; j++) if (b.mask[r * seq + j] !== 0) throw new Error('ortCeiling: a recorded mask is not a prefix (padding inside a row)');
      out.push(b.ids.slice(r * seq, r * seq + n));
    }
  }
  return out;
}

/**
 * A stable subset of sequences with about `maxTokens` real tokens and the same length distribution: sorted by
 * length (ties by position), then evenly spaced picks. All of them when they fit. Returned in that sorted order.
 */
export function stableSubset(seqs: number[][], maxTokens: number): number[][] {
  const order = seqs.map((_, i) => i).sort((a, b) => seqs[a].length - seqs[b].length || a - b);
  const total = seqs.reduce((s, x) => s + x.length, 0);
  if (total <= maxTokens) return order.map((i) => seqs[i]);
  const k = Math.max(1, Math.min(order.length, Math.round((order.length * maxTokens) / total)));
  const out: number[][] = [];
  for (let j = 0; j < k; j++) out.push(seqs[order[Math.floor(((j + 0.5) * order.length) / k)]]);
  return out;
}

/** A batch shape of the sweep: at most `maxBatch` sequences and `maxPaddedTokens` (rows × longest) per batch. */
export interface SweepShape {
  label: string;
  maxBatch: number;
  maxPaddedTokens: number;
}

/** The embedder's default policy (rows and padded tokens) as a sweep shape. */
const POLICY_SHAPE: SweepShape = { label: `budget ${DEFAULT_BATCH_POLICY.maxBatch}×≤${DEFAULT_BATCH_POLICY.maxPaddedTokens}`, ...DEFAULT_BATCH_POLICY };

/** Fixed batch sizes 1…32 (each padded to its longest), and the embedder's default policy. */
export const SWEEP_SHAPES: SweepShape[] = [...[1, 2, 4, 8, 16, 32].map((n) => ({ label: `batch ${n}`, maxBatch: n, maxPaddedTokens: Infinity })), POLICY_SHAPE];

/**
 * Shapes also run on a second bare session with onnxruntime's default memory planning (memory patterns and
 * the CPU arena on), which the embedder turns off to save memory: the ceiling is the best of both sessions.
 */
export const DEFAULT_MEMORY_SHAPES = ['batch 4', 'batch 8', POLICY_SHAPE.label];
export const DEFAULT_MEMORY_SUFFIX = ', ORT default memory';

/**
 * Sequence indices in batches: longest first (ties by index), a batch closed when one more sequence would
 * exceed `maxBatch` rows or `maxPaddedTokens` (rows × its first, longest, member); one sequence always fits.
 */
export function rebatch(lengths: readonly number[], shape: Pick<SweepShape, 'maxBatch' | 'maxPaddedTokens'>): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of order) {
    const longest = cur.length ? lengths[cur[0]] : lengths[i];
    if (cur.length > 0 && (cur.length + 1 > shape.maxBatch || (cur.length + 1) * longest > shape.maxPaddedTokens)) {
      out.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Sequences → padded batches (ids, mask, dims) the way the embedder builds them (padding id 0 at the end). */
export function paddedBatches(seqs: number[][], batches: number[][]): RecordedBatch[] {
  return batches.map((idx) => {
    const seq = Math.max(...idx.map((i) => seqs[i].length));
    const ids = new Array<number>(idx.length * seq).fill(0);
    const mask = new Array<number>(idx.length * seq).fill(0);
    idx.forEach((i, r) => {
      seqs[i].forEach((id, j) => {
        ids[r * seq + j] = id;
        mask[r * seq + j] = 1;
      });
    });
    return { dims: [idx.length, seq], inputs: ['input_ids', 'attention_mask'], ids, mask };
  });
}
