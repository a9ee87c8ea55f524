// Lexical index: BM25F over three fields of each chunk — the names it defines (symbol), its file's path and its
// text (body) — with compact postings.
//
// MiniSearch was the first choice, but measured at 100k chunks of ~80 terms it took 622 MB of heap, a 149 MB JSON
// file, 5 s to load and > 1 s per query (its postings are nested Maps). Here each (field, term) has one list of
// (slot << 8 | tf) entries in a shared pool (postingsPool.ts): ~4 bytes a posting.
import type { LexicalTerms } from '../../types';
import type { ScoredId } from '../types';
import { IdRowMap } from '../idRowMap';
import { PostingsPool } from './postingsPool';
import { exactNameTerm, indexTerms, queryNameTerms } from './terms';
import { bm25fTopK, topkScratch, type TopkScratch, type TopkStats, type TopkTerm } from './topk';

export { splitTerms, indexTerms, exactNameTerm, queryNameTerms, LEXICAL_STOP_WORDS } from './terms';

/** The text of one chunk, by field. */
export interface LexicalFields {
  /** Names the chunk defines (short names, Markdown headings), space-separated. */
  symbol: string;
  /** The file's relative path. */
  path: string;
  /** The chunk's text and the context its lines lack (container, signature). */
  body: string;
}

export const FIELDS = ['symbol', 'path', 'body'] as const;

/** One chunk's lexical data: term → frequency per field, and the field lengths in terms. */
export interface LexicalDocument {
  lens: [number, number, number];
  terms: Map<string, [number, number, number]>;
}
export type Field = (typeof FIELDS)[number];
const SYMBOL = 0;
const PATH = 1;
const BODY = 2;

export interface Bm25fParams {
  k1: number;
  /** Per field: weight of a term occurrence, and length normalisation b. */
  weight: Record<Field, number>;
  b: Record<Field, number>;
}

/**
 * A definition's name counts 1.5 times a body word (on top of its occurrence in the body): a chunk that defines what
 * the query names is the answer more often than one that mentions it. Path words count double: they say what a
 * whole file is about. Tuned on the natural and docstring sets: symbol weights 5 → 3 → 2 → 1.5 raised both (natural
 * hybrid 0.835 → 0.851, docstring 0.393 → 0.402); 1 was no better; the path weight (1–3) and body b (0.5–0.75)
 * moved nothing beyond noise.
 */
export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  weight: { symbol: 1.5, path: 2, body: 1 },
  b: { symbol: 0.3, path: 0.3, body: 0.75 },
};

const MAX_SLOTS = 1 << 24;

/** A term's postings as the search reads them (a view into the pool). */
export interface Postings {
  buf: Uint32Array;
  len: number;
}

/** Statistics of a corpus outside this index that its scores should be comparable with (chunks, field lengths, df). */
export interface CorpusStats {
  n: number;
  totalLen: [number, number, number];
  /** Chunks of that corpus holding the term in any field. */
  df(term: string): number;
}

/** Options of the index (the benchmarks' ablations switch parts off). */
export interface LexicalOptions {
  /** Stem words (Porter2). Default true. */
  stemming?: boolean;
  /** Use the symbol and path fields; false: everything counts as body (plain BM25). Default true. */
  fields?: boolean;
  params?: Bm25fParams;
  /** Skip postings that cannot change the top k (MaxScore; the same results). Default true; false scores every posting. */
  pruning?: boolean;
}

export class LexicalIndex {
  /** Per field: term → its list in `pool` of (slot << 8 | tf) entries. */
  readonly terms: [Map<string, number>, Map<string, number>, Map<string, number>] = [new Map(), new Map(), new Map()];
  private scratch: TopkScratch | undefined;
  /** The postings lists of every field's terms (a number costs no object, unlike one array per term). */
  pool = new PostingsPool();
  /** Chunk id → slot (a table indexed by id: a Map of a million entries was ~40 MB of a reader's heap). */
  slotOf = new IdRowMap();
  /** Chunk id of each slot; its length is the number of slots. */
  ids: number[] = [];
  /** Field lengths in terms, 3 per slot (typed, with room to grow: a number[] takes 8 bytes an entry). */
  lens: Uint32Array = new Uint32Array(0);
  /** 1 for a slot whose chunk is in the index, 0 once removed. */
  alive: Uint8Array = new Uint8Array(0);
  readonly totalLen = [0, 0, 0];
  private dead = 0;
  readonly stemming: boolean;
  readonly fielded: boolean;
  private readonly params: Bm25fParams;
  /** See {@link LexicalOptions.pruning}; settable so a benchmark can time both on one decoded index. */
  pruning: boolean;
  /** When set, searches add what they read to it (tests and benchmarks). */
  stats: TopkStats | undefined;

  constructor(opts: LexicalOptions = {}) {
    this.stemming = opts.stemming ?? true;
    this.fielded = opts.fields ?? true;
    this.params = opts.params ?? DEFAULT_BM25F;
    this.pruning = opts.pruning ?? true;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  add(id: number, doc: LexicalFields | LexicalTerms): void {
    const t = 'tf' in doc ? doc : lexicalTerms(doc, { stemming: this.stemming, fields: this.fielded });
    if (t.stemming !== this.stemming || t.fields !== this.fielded) {
      throw new Error(`lexical terms found with other options (stemming ${t.stemming}, fields ${t.fields}) than this index's`);
    }
    if (this.slotOf.has(id)) this.remove(id);
    if (this.ids.length >= MAX_SLOTS) this.compact();
    const slot = this.ids.length;
    for (let f = 0; f < 3; f++) {
      const terms = t.terms[f];
      const tf = t.tf[f];
      for (let i = 0; i < terms.length; i++) this.append(this.terms[f], terms[i], (slot << 8) | Math.min(tf[i], 255));
    }
    this.roomFor(slot + 1);
    for (let f = 0; f < 3; f++) {
      this.lens[slot * 3 + f] = t.lens[f];
      this.totalLen[f] += t.lens[f];
    }
    this.ids.push(id);
    this.alive[slot] = 1;
    this.slotOf.set(id, slot);
  }

  /** Grow the per-slot arrays (by doubling) to hold `slots` slots. */
  private roomFor(slots: number): void {
    if (slots <= this.alive.length) return;
    const cap = Math.max(1024, slots, this.alive.length * 2);
    const lens = new Uint32Array(cap * 3);
    lens.set(this.lens);
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.lens = lens;
    this.alive = alive;
  }

  /** The slots of a decoded index: chunk ids and field lengths (3 per slot), every one alive. */
  setSlots(ids: number[], lens: Uint32Array): void {
    let end = 0;
    for (const id of ids) end = Math.max(end, id + 1);
    this.slotOf = new IdRowMap();
    this.slotOf.reserve(end, ids.length);
    ids.forEach((id, s) => {
      if (this.slotOf.has(id)) throw new Error('lexical index has a duplicate document');
      this.slotOf.set(id, s);
    });
    this.ids = ids;
    this.lens = lens;
    this.alive = new Uint8Array(ids.length).fill(1);
    this.totalLen.fill(0);
    for (let s = 0; s < ids.length; s++) for (let f = 0; f < 3; f++) this.totalLen[f] += lens[s * 3 + f];
    this.dead = 0;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    for (let f = 0; f < 3; f++) this.totalLen[f] -= this.lens[slot * 3 + f];
    this.dead++;
    if (this.dead > 1000 && this.dead > this.ids.length * 0.25) this.compact();
  }

  /** Removed documents still in the postings (encode compacts them away first). */
  get removedCount(): number {
    return this.dead;
  }

  /** Drop removed documents from the postings and renumber the slots. */
  compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const ids: number[] = [];
    const lens = new Uint32Array((this.ids.length - this.dead) * 3);
    for (let s = 0; s < this.ids.length; s++) {
      if (!this.alive[s]) continue;
      remap[s] = ids.length;
      lens.set(this.lens.subarray(s * 3, s * 3 + 3), ids.length * 3);
      ids.push(this.ids[s]);
    }
    // The kept postings, renumbered, into one exact-size array (what a decoded index holds): freed blocks go too.
    let total = 0;
    for (const map of this.terms) for (const v of map.values()) total += this.pool.length(v);
    const all = new Uint32Array(total);
    const start: number[] = [];
    const count: number[] = [];
    let w = 0;
    for (const map of this.terms) {
      for (const [t, v] of map) {
        const from = w;
        const buf = this.pool.view(v);
        for (let i = 0; i < buf.length; i++) {
          const e = buf[i];
          const to = remap[e >>> 8];
          if (to >= 0) all[w++] = ((to << 8) | (e & 0xff)) >>> 0;
        }
        if (w === from) map.delete(t);
        else {
          map.set(t, start.length);
          start.push(from);
          count.push(w - from);
        }
      }
    }
    this.adoptPostings(w === total ? all : all.slice(0, w), Uint32Array.from(start), Uint32Array.from(count));
    this.setSlots(ids, lens);
  }

  /** Each live chunk's terms with their frequency per field (symbol, path, body) and its field lengths: what the team store uploads. */
  documents(): Map<number, LexicalDocument> {
    const docs = new Map<number, LexicalDocument>();
    for (let s = 0; s < this.ids.length; s++) {
      if (this.alive[s]) docs.set(this.ids[s], { lens: [this.lens[s * 3], this.lens[s * 3 + 1], this.lens[s * 3 + 2]], terms: new Map() });
    }
    for (let f = 0; f < 3; f++) {
      for (const [term, v] of this.terms[f]) {
        const p = this.postings(v)!;
        for (let i = 0; i < p.len; i++) {
          const e = p.buf[i];
          const slot = e >>> 8;
          if (!this.alive[slot]) continue;
          const doc = docs.get(this.ids[slot])!;
          let tf = doc.terms.get(term);
          if (!tf) doc.terms.set(term, (tf = [0, 0, 0]));
          tf[f] = e & 0xff;
        }
      }
    }
    return docs;
  }

  /** This index's statistics for a query's terms, to score another index's chunks as parts of one corpus. */
  corpusStats(query: string): CorpusStats {
    const df = new Map<string, number>();
    const seen = new Set<number>();
    for (const t of [...new Set(indexTerms(query, this.stemming)), ...queryNameTerms(query)]) {
      seen.clear();
      for (const map of this.terms) {
        const p = this.postings(map.get(t));
        for (let i = 0; p && i < p.len; i++) {
          const slot = p.buf[i] >>> 8;
          if (this.alive[slot]) seen.add(slot);
        }
      }
      df.set(t, seen.size);
    }
    return { n: this.size, totalLen: [this.totalLen[0], this.totalLen[1], this.totalLen[2]], df: (t) => df.get(t) ?? 0 };
  }

  /** Chunk ids whose symbol field holds the exact name (`JsonObject` ~ `json_object`): the chunks that define it. */
  definers(name: string): number[] {
    const t = exactNameTerm(name);
    const p = t ? this.postings(this.terms[SYMBOL].get(t)) : undefined;
    if (!p) return [];
    const out: number[] = [];
    for (let i = 0; i < p.len; i++) {
      const slot = p.buf[i] >>> 8;
      if (this.alive[slot]) out.push(this.ids[slot]);
    }
    return out;
  }

  /**
   * BM25F: per query term, the field frequencies of a chunk are combined with field weights and length
   * normalisation into one pseudo-frequency, saturated once (k1) and weighted by the term's idf over chunks that
   * hold it in any field. Identifier-like query words also look for chunks defining exactly that name. Postings that
   * cannot change the top k are skipped (topk.ts); the result is the same.
   */
  search(query: string, k: number, filter?: (id: number) => boolean, corpus?: CorpusStats): ScoredId[] {
    if (k <= 0) return [];
    const local = this.slotOf.size;
    if (local === 0) return [];
    // A larger corpus this index is a part of (the team snapshot under a local overlay) lends its statistics.
    const n = local + (corpus?.n ?? 0);
    const qterms = [...new Set(indexTerms(query, this.stemming))];
    const names = queryNameTerms(query);
    if (qterms.length === 0 && names.length === 0) return [];
    const { k1, weight, b } = this.params;
    const avg = this.totalLen.map((t, f) => (t + (corpus?.totalLen[f] ?? 0)) / n || 1);
    const slots = this.ids.length;
    // Per-slot scratch kept between searches (two arrays of the index's size per query were most of a query
    // process's garbage).
    if (!this.scratch || this.scratch.scores.length < slots) this.scratch = topkScratch(slots);
    const get = (f: number, t: string) => this.postings(this.terms[f].get(t));
    const terms: TopkTerm[] = [
      ...qterms.map((t) => ({ lists: [get(SYMBOL, t), get(PATH, t), get(BODY, t)], extraDf: corpus?.df(t) ?? 0 })),
      ...names.map((t) => ({ lists: [get(SYMBOL, t), undefined, undefined], extraDf: corpus?.df(t) ?? 0 })),
    ];
    const docs = { ids: this.ids, lens: this.lens, alive: this.alive, dead: this.dead };
    const params = { n, k1, w: [weight.symbol, weight.path, weight.body], bs: [b.symbol, b.path, b.body], avg };
    return bm25fTopK(docs, terms, params, k, this.scratch, filter, this.pruning, this.stats);
  }

  /** How many postings a term has (no view made). */
  postingCount(v: number): number {
    return this.pool.length(v);
  }

  /** A term's postings (a view into the pool: valid until the next change). */
  postings(v: number | undefined): Postings | undefined {
    if (v === undefined) return undefined;
    const buf = this.pool.view(v);
    return { buf, len: buf.length };
  }

  /** Postings as decoded: list k of every field's terms (numbered across the fields) is all[start[k] … + len[k]). */
  adoptPostings(all: Uint32Array, start: Uint32Array, len: Uint32Array): void {
    this.pool = PostingsPool.adopt(all, start, len);
  }

  private append(map: Map<string, number>, term: string, entry: number): void {
    let v = map.get(term);
    if (v === undefined) {
      v = this.pool.create();
      map.set(term, v);
    }
    this.pool.push(v, entry);
  }
}

/** The terms of each field of a chunk. */
function fieldTerms(f: LexicalFields, stemming: boolean, fielded: boolean): [string[], string[], string[]] {
  const symbol = indexTerms(f.symbol, stemming);
  for (const name of f.symbol.split(/\s+/)) {
    const t = exactNameTerm(name);
    if (t) symbol.push(t);
  }
  const path = indexTerms(f.path, stemming);
  const body = indexTerms(f.body, stemming);
  // Without fields everything is body text, as in plain BM25 (the exact-name terms stay in the symbol field).
  if (!fielded) return [symbol.filter((t) => t.startsWith('=')), [], [...body, ...path, ...symbol.filter((t) => !t.startsWith('='))]];
  return [symbol, path, body];
}

/**
 * What {@link LexicalIndex.add} indexes for a chunk: its distinct terms per field with their frequencies. A chunking
 * worker calls this, so the splitting, stemming and counting (most of an index run's short-lived objects on the main
 * thread) happen off it; `options` must be those of the index the terms go to.
 */
export function lexicalTerms(f: LexicalFields, options: { stemming?: boolean; fields?: boolean } = {}): LexicalTerms {
  const stemming = options.stemming ?? true;
  const fielded = options.fields ?? true;
  const all = fieldTerms(f, stemming, fielded);
  const out: LexicalTerms = { stemming, fields: fielded, terms: [[], [], []], tf: [[], [], []], lens: [0, 0, 0] };
  for (let k = 0; k < 3; k++) {
    const counts = new Map<string, number>();
    for (const t of all[k]) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, n] of counts) {
      out.terms[k].push(t);
      out.tf[k].push(n);
    }
    out.lens[k] = all[k].length;
  }
  return out;
}
