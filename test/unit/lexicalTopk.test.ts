// BM25F top k with MaxScore pruning: the same chunks and scores as scoring every posting (and as the formula
// computed chunk by chunk), with removed chunks, filters and outside corpus statistics; and it does skip work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../src/core/clusters/random';
import { decodeLexical, encodeLexical } from '../../src/core/store/lexical/codec';
import { DEFAULT_BM25F, indexTerms, LexicalIndex, queryNameTerms, type CorpusStats } from '../../src/core/store/lexical/index';
import { countDocs, gallop } from '../../src/core/store/lexical/topk';
import type { ScoredId } from '../../src/core/store/types';

/** Words with a Zipf-like spread: a few in most chunks, most in a handful. */
function vocabulary(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `w${i.toString(36)}x`);
}

function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1))) - 1);
}

function corpus(seed: number, docs: number, fields: boolean): { lx: LexicalIndex; words: string[] } {
  const rand = mulberry32(seed);
  const words = vocabulary(2000);
  const lx = new LexicalIndex({ fields });
  for (let d = 0; d < docs; d++) {
    const len = 3 + Math.floor(rand() * 120);
    const body = Array.from({ length: len }, () => words[zipf(rand, words.length)]).join(' ');
    const symbol = rand() < 0.4 ? `${words[zipf(rand, words.length)]}Handler` : '';
    lx.add(d * 3 + 1, { symbol, path: `src/${words[zipf(rand, 50)]}/${words[zipf(rand, words.length)]}.ts`, body });
  }
  return { lx, words };
}

function queries(seed: number, words: string[], count: number): string[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * 12);
    return Array.from({ length: n }, () => words[zipf(rand, words.length)] + (rand() < 0.1 ? 'Handler' : '')).join(' ');
  });
}

function both(lx: LexicalIndex, q: string, k: number, filter?: (id: number) => boolean, corpus?: CorpusStats): [ScoredId[], ScoredId[]] {
  lx.pruning = false;
  const all = lx.search(q, k, filter, corpus);
  lx.pruning = true;
  return [all, lx.search(q, k, filter, corpus)];
}

function assertSame(pruned: ScoredId[], all: ScoredId[], what: string): void {
  assert.deepEqual(
    pruned.map((s) => s.id),
    all.map((s) => s.id),
    what,
  );
  pruned.forEach((s, i) => assert.ok(Math.abs(s.score - all[i].score) <= 1e-9 * Math.max(1, all[i].score), `${what}: score ${i}`));
}

/** BM25F for one chunk from its stored term frequencies: the formula written out, no postings. */
function bruteForce(lx: LexicalIndex, q: string, k: number): ScoredId[] {
  const docs = lx.documents();
  const n = docs.size;
  const p = DEFAULT_BM25F;
  const w = [p.weight.symbol, p.weight.path, p.weight.body];
  const b = [p.b.symbol, p.b.path, p.b.body];
  const avg = [0, 1, 2].map((f) => lx.totalLen[f] / n || 1);
  const terms = [...new Set(indexTerms(q))].map((t) => ({ t, fields: [0, 1, 2] }));
  for (const t of queryNameTerms(q)) terms.push({ t, fields: [0] });
  const scores = new Map<number, number>();
  for (const { t, fields } of terms) {
    const holders = [...docs].filter(([, d]) => fields.some((f) => (d.terms.get(t)?.[f] ?? 0) > 0));
    if (holders.length === 0) continue;
    const idf = Math.log(1 + (n - holders.length + 0.5) / (holders.length + 0.5));
    for (const [id, d] of holders) {
      let tf = 0;
      for (const f of fields) tf += (w[f] * (d.terms.get(t)![f] ?? 0)) / (1 - b[f] + (b[f] * d.lens[f]) / avg[f]);
      scores.set(id, (scores.get(id) ?? 0) + (idf * tf * (p.k1 + 1)) / (tf + p.k1));
    }
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score || x.id - y.id).slice(0, k);
}

describe('lexical top k (MaxScore)', () => {
  it('returns what scoring every posting returns, fielded or not, at every k', () => {
    for (const fields of [true, false]) {
      const { lx, words } = corpus(fields ? 1 : 2, 3000, fields);
      for (const q of queries(3, words, 150)) {
        for (const k of [1, 5, 50]) {
          const [all, pruned] = both(lx, q, k);
          assertSame(pruned, all, `fields=${fields} k=${k} "${q}"`);
        }
      }
    }
  });

  it('scores as the BM25F formula computed chunk by chunk', () => {
    const { lx, words } = corpus(4, 600, true);
    for (const q of queries(5, words, 40)) {
      const expected = bruteForce(lx, q, 10);
      const got = lx.search(q, 10);
      assert.equal(got.length, expected.length, q);
      // Ids can swap only where scores tie; the scores, position by position, must match.
      got.forEach((s, i) => assert.ok(Math.abs(s.score - expected[i].score) < 1e-9, `"${q}" #${i}: ${s.score} vs ${expected[i].score}`));
    }
  });

  it('stays exact with removed chunks, a filter and outside corpus statistics, and after a save and load', () => {
    const { lx, words } = corpus(6, 3000, true);
    for (let id = 1; id < 3000 * 3; id += 3 * 7) lx.remove(id);
    assert.ok(lx.removedCount > 0, 'removed chunks stay in the postings');
    const odd = (id: number) => id % 2 === 1;
    const outside: CorpusStats = { n: 5000, totalLen: [800, 9000, 200000], df: (t) => t.length * 37 };
    const decoded = decodeLexical(encodeLexical(corpus(6, 3000, true).lx));
    for (const q of queries(7, words, 100)) {
      for (const [all, pruned] of [both(lx, q, 10), both(lx, q, 10, odd), both(lx, q, 10, undefined, outside), both(decoded, q, 10, odd)]) {
        assertSame(pruned, all, `"${q}"`);
      }
    }
  });

  it('skips most postings of the common words once the rare ones settle the top k', () => {
    const { lx, words } = corpus(8, 3000, false);
    // One rare word and the five most common: the common words' postings are most of the work.
    const q = `${words[1500]} ${words.slice(0, 5).join(' ')}`;
    lx.stats = { scanned: 0, probed: 0 };
    lx.pruning = false;
    lx.search(q, 5);
    const exhaustive = lx.stats.scanned;
    lx.stats = { scanned: 0, probed: 0 };
    lx.pruning = true;
    lx.search(q, 5);
    assert.ok(lx.stats.scanned < exhaustive / 10, `pruned read ${lx.stats.scanned} postings in full of ${exhaustive}`);
    assert.ok(lx.stats.probed > 0, 'the candidates were looked up in the common words');
  });

  it('gallops to the first posting at or after a slot, and counts chunks over fields once', () => {
    const rand = mulberry32(9);
    for (let round = 0; round < 200; round++) {
      const slots = [...new Set(Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 1000)))].sort((a, b) => a - b);
      const buf = Uint32Array.from(slots, (s) => ((s << 8) | 1) >>> 0);
      const from = Math.floor(rand() * (slots.length + 1));
      const target = Math.floor(rand() * 1100);
      let expected = from;
      while (expected < slots.length && slots[expected] < target) expected++;
      assert.equal(gallop(buf, buf.length, from, target), expected);
    }
    const list = (s: number[]) => ({ buf: Uint32Array.from(s, (x) => ((x << 8) | 1) >>> 0), len: s.length });
    const docs = { ids: [], lens: [], alive: Uint8Array.from({ length: 20 }, (_, s) => (s !== 4 ? 1 : 0)), dead: 0 };
    assert.equal(countDocs([list([1, 4, 9]), undefined, list([0, 1, 2, 3, 4, 9, 12])], docs), 7);
    assert.equal(countDocs([list([1, 4, 9]), list([4, 15]), list([0, 1, 2, 3, 4, 9, 12])], { ...docs, dead: 1 }), 7);
  });
});
