// BM25F top-k with MaxScore pruning (Turtle & Flood, 1995), term at a time.
//
// A term adds at most idf · (k1 + 1) to a chunk's score (its saturation bound). Terms are scored rarest first; once
// the k-th best score so far (θ, a lower bound of the final k-th best: scores only grow) exceeds what all the terms
// left could add together, no chunk those terms alone would reach can enter the top k. The terms left — the common
// ones, whose postings are the longest — are then looked up only for the chunks that can still make it, by galloping
// through their sorted postings. The result is the exhaustive top k: same chunks, same scores.
import type { ScoredId } from '../types';
import type { Postings } from './index';

export interface TopkTerm {
  /** Postings per field (symbol, path, body); undefined where the field lacks the term. */
  lists: (Postings | undefined)[];
  /** Chunks of a larger corpus this index is part of that hold the term (0 without one). */
  extraDf: number;
  /** The most pseudo-frequency any chunk has for the term (fields weighted and normalised; an upper bound will do). */
  maxTf?: number;
}

/** The index's chunks, by slot. */
export interface TopkDocs {
  ids: readonly number[];
  /** Field lengths in terms, 3 per slot. */
  lens: readonly number[];
  alive: readonly boolean[];
  /** Removed slots still in the postings (0: every posting is alive, no check needed). */
  dead: number;
}

export interface TopkParams {
  /** Chunks in the corpus (the idf's N). */
  n: number;
  k1: number;
  /** Per field: weight and length normalisation b, and the average length. */
  w: readonly number[];
  bs: readonly number[];
  avg: readonly number[];
}

/** Per-slot scratch kept between searches; every slot a search touches is zeroed before it returns. */
export interface TopkScratch {
  scores: Float64Array;
  pseudo: Float64Array;
  /** Slot lists (typed: a growing JS array cost 30 times the scoring itself, ~100 ns a posting). */
  touched: Int32Array;
  termSlots: Int32Array;
}

/** Scratch for an index of `slots` chunks. */
export function topkScratch(slots: number): TopkScratch {
  return { scores: new Float64Array(slots), pseudo: new Float64Array(slots), touched: new Int32Array(slots), termSlots: new Int32Array(slots) };
}

/** What a search read: postings scored in full, and candidate lookups after the switch (tests and benchmarks). */
export interface TopkStats {
  scanned: number;
  probed: number;
}

/** Bounds are compared with this relative slack, so rounding can never prune a chunk that belongs in the top k. */
const SLACK = 1 + 1e-9;

interface Scored {
  lists: (Postings | undefined)[];
  idf: number;
  bound: number;
}

/**
 * The k best chunks by BM25F: per term, a chunk's field frequencies are combined with field weights and length
 * normalisation into one pseudo-frequency, saturated once (k1) and weighted by the term's idf over chunks holding it
 * in any field. `prune: false` scores every posting (the reference the tests compare with). Equal scores: lower slot
 * (the older chunk) first.
 */
export function bm25fTopK(
  docs: TopkDocs,
  query: TopkTerm[],
  p: TopkParams,
  k: number,
  scratch: TopkScratch,
  filter?: (id: number) => boolean,
  prune = true,
  stats?: TopkStats,
): ScoredId[] {
  const terms: Scored[] = [];
  for (const t of query) {
    const local = countDocs(t.lists, docs);
    if (local === 0) continue;
    const df = local + t.extraDf;
    const idf = Math.log(1 + (p.n - df + 0.5) / (df + 0.5));
    const sat = t.maxTf === undefined ? p.k1 + 1 : (t.maxTf * (p.k1 + 1)) / (t.maxTf + p.k1);
    terms.push({ lists: t.lists, idf, bound: Math.max(0, idf) * sat });
  }
  if (terms.length === 0) return [];
  // A negative idf (df above N: inconsistent outside statistics) would let scores fall: no bound holds then.
  if (terms.some((t) => t.idf < 0)) prune = false;
  if (prune) terms.sort((a, b) => b.idf - a.idf);
  // left[j]: the most the terms from j on can add to any chunk.
  const left = new Float64Array(terms.length + 1);
  for (let j = terms.length - 1; j >= 0; j--) left[j] = left[j + 1] + terms[j].bound;

  const scores = scratch.scores;
  // touched[0, count) are the slots with a score.
  const touched = { slots: scratch.touched, count: 0 };
  const passes = filterCache(docs, filter);
  let theta = 0;
  let best = 0;
  try {
    let j = 0;
    for (; j < terms.length; j++) {
      if (prune && j > 0 && left[j] * SLACK < theta) break;
      best = Math.max(best, scoreAll(docs, terms[j], p, scratch, touched));
      if (stats) stats.scanned += listLength(terms[j]);
      if (prune && j + 1 < terms.length && left[j + 1] * SLACK < best) theta = kthScore(touched.slots.subarray(0, touched.count), scores, k, passes);
    }
    if (j === terms.length) return topK(touched.slots.subarray(0, touched.count), scores, docs.ids, k, passes);

    // The terms left cannot lift an untouched chunk to θ: score them only for chunks that can still reach it —
    // unless those are so many that sorting and galloping them would cost more than reading the postings.
    let rest = left[j];
    const all = touched.slots.subarray(0, touched.count);
    let c = keep(all, all.length, scores, rest, theta, scratch.termSlots);
    let postings = 0;
    for (let r = j; r < terms.length; r++) postings += listLength(terms[r]);
    if (c * (Math.log2(c + 1) + 4 * (terms.length - j)) > postings) {
      for (; j < terms.length; j++) scoreAll(docs, terms[j], p, scratch, touched);
      if (stats) stats.scanned += postings;
      return topK(touched.slots.subarray(0, touched.count), scores, docs.ids, k, passes);
    }
    // A copy: scoring the candidates reuses termSlots.
    const cand = scratch.termSlots.slice(0, c).sort();
    for (; j < terms.length && c > 0; j++) {
      scoreCandidates(docs, terms[j], p, scratch, cand.subarray(0, c));
      if (stats) stats.probed += c;
      rest = left[j + 1];
      c = keep(cand, c, scores, rest, theta, cand);
    }
    return topK(cand.subarray(0, c), scores, docs.ids, k, passes);
  } finally {
    for (let i = 0; i < touched.count; i++) scores[touched.slots[i]] = 0;
  }
}

function listLength(t: Scored): number {
  let n = 0;
  for (const l of t.lists) n += l ? l.len : 0;
  return n;
}

/** Copies to `out` the first `count` slots whose score plus `rest` can still reach θ (in place when out is slots); returns how many. */
function keep(slots: Int32Array, count: number, scores: Float64Array, rest: number, theta: number, out: Int32Array): number {
  let c = 0;
  const slack = rest * SLACK;
  for (let i = 0; i < count; i++) {
    const slot = slots[i];
    if (scores[slot] + slack >= theta) out[c++] = slot;
  }
  return c;
}

/** Score one term over all its postings; returns the best score a chunk reached. */
function scoreAll(docs: TopkDocs, t: Scored, p: TopkParams, scratch: TopkScratch, touched: { slots: Int32Array; count: number }): number {
  const { scores, pseudo, termSlots } = scratch;
  const { lens, alive } = docs;
  const check = docs.dead > 0;
  let m = 0;
  for (let f = 0; f < 3; f++) {
    const list = t.lists[f];
    if (!list) continue;
    const { buf, len } = list;
    const w = p.w[f];
    const b = p.bs[f];
    const scale = b / p.avg[f];
    for (let i = 0; i < len; i++) {
      const e = buf[i];
      const slot = e >>> 8;
      if (check && !alive[slot]) continue;
      if (pseudo[slot] === 0) termSlots[m++] = slot;
      pseudo[slot] += (w * (e & 0xff)) / (1 - b + scale * lens[slot * 3 + f]);
    }
  }
  const k1 = p.k1;
  const c = t.idf * (k1 + 1);
  let best = 0;
  const to = touched.slots;
  for (let i = 0; i < m; i++) {
    const slot = termSlots[i];
    const tf = pseudo[slot];
    pseudo[slot] = 0;
    if (scores[slot] === 0) to[touched.count++] = slot;
    const s = (scores[slot] += (c * tf) / (tf + k1));
    if (s > best) best = s;
  }
  return best;
}

/** Score one term for the candidate slots only (sorted ascending), galloping through each field's postings. */
function scoreCandidates(docs: TopkDocs, t: Scored, p: TopkParams, scratch: TopkScratch, cand: Int32Array): void {
  const { scores, pseudo } = scratch;
  const lens = docs.lens;
  for (let f = 0; f < 3; f++) {
    const list = t.lists[f];
    if (!list) continue;
    const { buf, len } = list;
    const w = p.w[f];
    const b = p.bs[f];
    const scale = b / p.avg[f];
    let i = 0;
    for (let c = 0; c < cand.length && i < len; c++) {
      const slot = cand[c];
      i = gallop(buf, len, i, slot);
      if (i < len && buf[i] >>> 8 === slot) pseudo[slot] += (w * (buf[i] & 0xff)) / (1 - b + scale * lens[slot * 3 + f]);
    }
  }
  const k1 = p.k1;
  const c = t.idf * (k1 + 1);
  for (let i = 0; i < cand.length; i++) {
    const slot = cand[i];
    const tf = pseudo[slot];
    if (tf === 0) continue;
    pseudo[slot] = 0;
    scores[slot] += (c * tf) / (tf + k1);
  }
}

/** The first index ≥ from whose slot is ≥ slot (len if none): doubling steps, then binary search. */
export function gallop(buf: Uint32Array, len: number, from: number, slot: number): number {
  if (from >= len || buf[from] >>> 8 >= slot) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < len && buf[hi] >>> 8 < slot) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > len) hi = len;
  // buf[lo] < slot; the answer is in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (buf[mid] >>> 8 < slot) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Live chunks holding the term in any field: the longest list counted whole, the others only where it lacks them. */
export function countDocs(lists: (Postings | undefined)[], docs: TopkDocs): number {
  const ls = lists.filter((l): l is Postings => l !== undefined && l.len > 0).sort((a, b) => b.len - a.len);
  if (ls.length === 0) return 0;
  const check = docs.dead > 0;
  let count = 0;
  if (!check) count = ls[0].len;
  else for (let i = 0; i < ls[0].len; i++) if (docs.alive[ls[0].buf[i] >>> 8]) count++;
  for (let a = 1; a < ls.length; a++) {
    const at = new Array<number>(a).fill(0);
    const { buf, len } = ls[a];
    for (let i = 0; i < len; i++) {
      const slot = buf[i] >>> 8;
      if (check && !docs.alive[slot]) continue;
      let seen = false;
      for (let b = 0; b < a && !seen; b++) {
        at[b] = gallop(ls[b].buf, ls[b].len, at[b], slot);
        seen = at[b] < ls[b].len && ls[b].buf[at[b]] >>> 8 === slot;
      }
      if (!seen) count++;
    }
  }
  return count;
}

/** The filter, asked at most once per slot in a search. */
function filterCache(docs: TopkDocs, filter?: (id: number) => boolean): ((slot: number) => boolean) | undefined {
  if (!filter) return undefined;
  const known = new Map<number, boolean>();
  return (slot) => {
    let ok = known.get(slot);
    if (ok === undefined) known.set(slot, (ok = filter(docs.ids[slot])));
    return ok;
  };
}

/** The k-th best score among the slots the filter passes (0 when fewer than k pass): a bounded min-heap. */
function kthScore(slots: Int32Array, scores: Float64Array, k: number, passes?: (slot: number) => boolean): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let x = 0; x < slots.length; x++) {
    const slot = slots[x];
    const s = scores[slot];
    if (size === k && s <= heap[0]) continue;
    if (passes && !passes(slot)) continue;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (heap[up] <= s) break;
        heap[i] = heap[up];
        i = up;
      }
      heap[i] = s;
    } else {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k) break;
        const c = l + 1 < k && heap[l + 1] < heap[l] ? l + 1 : l;
        if (heap[c] >= s) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = s;
    }
  }
  return size === k ? heap[0] : 0;
}

/** Top k by a bounded insertion list (score, then lower slot); the filter only sees slots that would enter it. */
function topK(
  slots: ArrayLike<number>,
  scores: Float64Array,
  ids: readonly number[],
  k: number,
  passes?: (slot: number) => boolean,
): ScoredId[] {
  const top: { slot: number; score: number }[] = [];
  const before = (a: { slot: number; score: number }, score: number, slot: number) => a.score > score || (a.score === score && a.slot < slot);
  for (let x = 0; x < slots.length; x++) {
    const slot = slots[x];
    const score = scores[slot];
    if (top.length === k && before(top[k - 1], score, slot)) continue;
    if (passes && !passes(slot)) continue;
    let j = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push({ slot, score });
    while (j > 0 && !before(top[j - 1], score, slot)) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = { slot, score };
  }
  return top.map((t) => ({ id: ids[t.slot], score: t.score }));
}
