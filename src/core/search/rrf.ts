import type { ScoredId } from '../store/types';

export interface RrfOptions {
  /** Rank constant: a list's item at rank r (1-based) adds weight / (k + r). Default 60. */
  k?: number;
  /** One weight per list (default 1 each). A weight of 0 ignores that list. */
  weights?: number[];
}

/** Default reciprocal-rank-fusion constant (Cormack, Clarke & Büttcher 2009). */
export const DEFAULT_RRF_K = 60;

/**
 * Weighted reciprocal rank fusion.
 *
 * Each list is taken in the order given (its rank order; its scores are ignored) and an id that
 * occurs more than once in a list counts at its first position only. The fused score of an id is
 * `sum over lists l of weights[l] / (k + rank_l(id))`. Ids that occur only in lists of weight 0
 * are left out.
 *
 * Ties are broken deterministically: the better (smaller) best rank first, then the earlier list
 * in which that best rank occurs, then the smaller id.
 */
export function reciprocalRankFusion(lists: ScoredId[][], opts: RrfOptions = {}): ScoredId[] {
  const k = opts.k ?? DEFAULT_RRF_K;
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`RRF k must be a finite number ≥ 0, got ${k}`);
  const weights = lists.map((_, i) => {
    const w = opts.weights?.[i] ?? 1;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`RRF weight must be a finite number ≥ 0, got ${w}`);
    return w;
  });

  interface Acc {
    id: number;
    score: number;
    bestRank: number;
    bestList: number;
  }
  const acc = new Map<number, Acc>();
  lists.forEach((list, li) => {
    const w = weights[li];
    if (w === 0) return;
    const seen = new Set<number>();
    let rank = 0;
    for (const item of list) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rank++;
      const add = w / (k + rank);
      const a = acc.get(item.id);
      if (!a) acc.set(item.id, { id: item.id, score: add, bestRank: rank, bestList: li });
      else {
        a.score += add;
        if (rank < a.bestRank) {
          a.bestRank = rank;
          a.bestList = li;
        }
      }
    }
  });
  const all = [...acc.values()];
  all.sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || a.bestList - b.bestList || a.id - b.id);
  return all.map((a) => ({ id: a.id, score: a.score }));
}
