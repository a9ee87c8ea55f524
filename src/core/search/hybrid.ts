import type { SearchMode } from '../types';
import type { ScoredId } from '../store/types';
import { DEFAULT_RRF_K } from './rrf';

/** Default weight of the semantic list in hybrid fusion (the lexical list gets 1 − this). */
export const DEFAULT_SEMANTIC_WEIGHT = 0.5;

export interface HybridArgs {
  /** Vector candidates, best first (score = cosine similarity). */
  semantic: ScoredId[];
  /** BM25 candidates, best first (score = BM25). */
  lexical: ScoredId[];
  mode: SearchMode;
  /** How many results to return. */
  k: number;
  /** Rank constant of the fusion (default {@link DEFAULT_RRF_K} = 60). */
  rrfK?: number;
  /** Weight of the semantic list, 0..1 (default {@link DEFAULT_SEMANTIC_WEIGHT}); the lexical list gets 1 − this. */
  semanticWeight?: number;
}

/**
 * Min-max normalization of a candidate list's scores to [0, 1] (best = 1, the last candidate = 0).
 * A list whose scores are all equal (or has one entry) gets 1 everywhere, i.e. plain RRF.
 */
export function normalizedScores(list: ScoredId[]): number[] {
  if (list.length === 0) return [];
  let max = -Infinity;
  let min = Infinity;
  for (const s of list) {
    if (s.score > max) max = s.score;
    if (s.score < min) min = s.score;
  }
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) return list.map(() => 1);
  return list.map((s) => (s.score - min) / range);
}

/** A copy sorted by score, best first; equal scores keep their input order. */
function byScore(list: ScoredId[]): ScoredId[] {
  return list
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map((x) => x.s);
}

/** First occurrence of each id only. */
function dedupe(list: ScoredId[]): ScoredId[] {
  const seen = new Set<number>();
  return list.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}

/**
 * Picks or fuses the candidate lists for a search mode and returns the top `k`.
 *
 * - `semantic` / `lexical`: that list alone, by score (the other is ignored).
 * - `hybrid`: score-aware weighted reciprocal-rank fusion. A document at rank `r_s` of the
 *   semantic list and rank `r_l` of the lexical list scores
 *
 *       w · n_s / (rrfK + r_s)  +  (1 − w) · n_l / (rrfK + r_l)
 *
 *   with `w` = semanticWeight and `n` = the document's min-max normalized score within that
 *   candidate list ({@link normalizedScores}; a list that does not contain it adds nothing).
 *   Plain RRF only looks at ranks, so a list with a flat, uninformative top (BM25 on a long
 *   natural-language query whose words occur everywhere; cosine scores that barely differ) pushes
 *   its arbitrary order into the result at full weight, and fusing two lists of very different
 *   quality can end below the better one. The `n` factor keeps the rank-based robustness of RRF
 *   while letting a list speak loudly only where its scores actually separate documents: a clear
 *   hit keeps nearly all its weight, the weak tail of either list counts little. The factor is
 *   invariant to shifting or scaling a list's scores, so cosine and BM25 need no calibration.
 *   Both lists should be candidate lists of similar depth (e.g. max(50, 5·k) each).
 *   Ties are broken by cosine similarity, then BM25 score, then id. The returned score is the
 *   fused score. When one list is empty the other is returned as it is.
 */
export function hybridSearch(args: HybridArgs): ScoredId[] {
  const k = Math.max(0, Math.floor(args.k));
  if (k === 0) return [];
  const semantic = dedupe(byScore(args.semantic));
  const lexical = dedupe(byScore(args.lexical));
  if (args.mode === 'semantic') return semantic.slice(0, k);
  if (args.mode === 'lexical') return lexical.slice(0, k);
  if (args.mode !== 'hybrid') throw new RangeError(`unknown search mode: ${String(args.mode)}`);
  if (lexical.length === 0) return semantic.slice(0, k);
  if (semantic.length === 0) return lexical.slice(0, k);

  const rrfK = args.rrfK ?? DEFAULT_RRF_K;
  if (!Number.isFinite(rrfK) || rrfK < 0) throw new RangeError(`rrfK must be a finite number ≥ 0, got ${rrfK}`);
  const wRaw = args.semanticWeight ?? DEFAULT_SEMANTIC_WEIGHT;
  if (!Number.isFinite(wRaw)) throw new RangeError(`semanticWeight must be a number in 0..1, got ${wRaw}`);
  const w = Math.min(1, Math.max(0, wRaw));

  interface Acc {
    id: number;
    fused: number;
    cos: number;
    bm25: number;
  }
  const acc = new Map<number, Acc>();
  const get = (id: number): Acc => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { id, fused: 0, cos: -Infinity, bm25: -Infinity }));
    return a;
  };
  const nSem = normalizedScores(semantic);
  semantic.forEach((s, i) => {
    const a = get(s.id);
    a.fused += (w * nSem[i]) / (rrfK + i + 1);
    a.cos = s.score;
  });
  const nLex = normalizedScores(lexical);
  lexical.forEach((s, i) => {
    const a = get(s.id);
    a.fused += ((1 - w) * nLex[i]) / (rrfK + i + 1);
    a.bm25 = s.score;
  });
  const all = [...acc.values()];
  all.sort((a, b) => b.fused - a.fused || b.cos - a.cos || b.bm25 - a.bm25 || a.id - b.id);
  return all.slice(0, k).map((a) => ({ id: a.id, score: a.fused }));
}
