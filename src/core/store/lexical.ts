// Lexical index: BM25 over identifier-split, lowercased terms, with compact postings.
//
// MiniSearch was the first choice, but measured at 100k chunks of ~80 terms it took 622 MB of
// heap, a 149 MB JSON file, 5 s to load and > 1 s per query (its postings are nested Maps).
// Here each term's postings are one Uint32Array of (slot << 8 | tf) entries: ~4 bytes a posting.
import type { ScoredId } from './types';

/**
 * Split text into lowercase search terms. Identifiers are split at camelCase humps, acronym
 * boundaries, underscores and digit runs (`readFileSync` → read, file, sync; `HTMLParser2` →
 * html, parser, 2); a compound identifier also keeps its whole lowercase form (`readfilesync`)
 * so an exact identifier query ranks first. Used for documents and queries alike.
 */
export function splitTerms(text: string): string[] {
  const out: string[] = [];
  const words = text.match(/[\p{L}\p{N}_$]+/gu);
  if (!words) return out;
  for (const word of words) {
    if (SIMPLE_WORD.test(word)) {
      // Fast path: already one lowercase word (the chunker's embed text is mostly like this).
      if (word.length <= 64) out.push(word);
      continue;
    }
    const parts = word
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .replace(/(\p{L})(\p{N})/gu, '$1 $2')
      .replace(/(\p{N})(\p{L})/gu, '$1 $2')
      .split(/[\s_$]+/)
      .filter((p) => p.length > 0)
      .map((p) => p.toLowerCase());
    for (const p of parts) if (p.length <= 64) out.push(p);
    if (parts.length > 1) {
      const whole = parts.join('');
      if (whole.length <= 64) out.push(whole);
    }
  }
  return out;
}
const SIMPLE_WORD = /^(?:[a-z]+|[0-9]+)$/;

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
const MAX_SLOTS = 1 << 24;
const MAGIC = 'SCSLEX01';

interface Postings {
  buf: Uint32Array;
  len: number;
}

export class LexicalIndex {
  private terms = new Map<string, Postings>();
  private slotOf = new Map<number, number>();
  private ids: number[] = [];
  private lens: number[] = [];
  private alive: boolean[] = [];
  private totalLen = 0;
  private dead = 0;

  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  add(id: number, text: string): void {
    if (this.slotOf.has(id)) this.remove(id);
    if (this.ids.length >= MAX_SLOTS) this.compact();
    const slot = this.ids.length;
    const terms = splitTerms(text);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) this.append(t, (slot << 8) | Math.min(n, 255));
    this.ids.push(id);
    this.lens.push(terms.length);
    this.alive.push(true);
    this.slotOf.set(id, slot);
    this.totalLen += terms.length;
  }

  private append(term: string, entry: number): void {
    let p = this.terms.get(term);
    if (!p) {
      p = { buf: new Uint32Array(2), len: 0 };
      this.terms.set(term, p);
    } else if (p.len === p.buf.length) {
      const next = new Uint32Array(Math.max(4, p.len * 2));
      next.set(p.buf);
      p.buf = next;
    }
    p.buf[p.len++] = entry;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.alive[slot] = false;
    this.totalLen -= this.lens[slot];
    this.dead++;
    if (this.dead > 1000 && this.dead > this.ids.length * 0.25) this.compact();
  }

  /** Drop removed documents from the postings and renumber the slots. */
  compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const ids: number[] = [];
    const lens: number[] = [];
    for (let s = 0; s < this.ids.length; s++) {
      if (!this.alive[s]) continue;
      remap[s] = ids.length;
      ids.push(this.ids[s]);
      lens.push(this.lens[s]);
    }
    for (const [t, p] of this.terms) {
      let w = 0;
      for (let i = 0; i < p.len; i++) {
        const e = p.buf[i];
        const to = remap[e >>> 8];
        if (to >= 0) p.buf[w++] = ((to << 8) | (e & 0xff)) >>> 0;
      }
      if (w === 0) this.terms.delete(t);
      else {
        p.len = w;
        if (p.buf.length > w * 2 + 4) p.buf = p.buf.slice(0, w);
      }
    }
    this.ids = ids;
    this.lens = lens;
    this.alive = ids.map(() => true);
    this.slotOf = new Map(ids.map((id, s) => [id, s]));
    this.dead = 0;
  }

  search(query: string, k: number, filter?: (id: number) => boolean): ScoredId[] {
    if (k <= 0) return [];
    const n = this.slotOf.size;
    if (n === 0) return [];
    const qterms = [...new Set(splitTerms(query))];
    if (qterms.length === 0) return [];
    const avg = this.totalLen / n || 1;
    const scores = new Float64Array(this.ids.length);
    const touched: number[] = [];
    for (const t of qterms) {
      const p = this.terms.get(t);
      if (!p) continue;
      let df = 0;
      for (let i = 0; i < p.len; i++) if (this.alive[p.buf[i] >>> 8]) df++;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < p.len; i++) {
        const e = p.buf[i];
        const slot = e >>> 8;
        if (!this.alive[slot]) continue;
        const tf = e & 0xff;
        const s = (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * this.lens[slot]) / avg));
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += s;
      }
    }
    // Top k by a bounded insertion list; the filter only sees candidates that would enter it.
    const top: ScoredId[] = [];
    for (const slot of touched) {
      const score = scores[slot];
      if (top.length === k && score <= top[k - 1].score) continue;
      const id = this.ids[slot];
      if (filter && !filter(id)) continue;
      let j = top.length < k ? top.length : k - 1;
      if (top.length < k) top.push({ id, score });
      while (j > 0 && top[j - 1].score < score) {
        top[j] = top[j - 1];
        j--;
      }
      top[j] = { id, score };
    }
    return top;
  }

  /**
   * `SCSLEX01`, u32 docs, docs × (u32 chunk id, u32 length), u32 terms, then per term:
   * u8 byte length, term (UTF-8), u32 count, count × u32 (slot << 8 | min(tf, 255)).
   */
  encode(): Buffer {
    if (this.dead > 0) this.compact();
    const termBytes: Buffer[] = [];
    let bytes = 8 + 4 + this.ids.length * 8 + 4;
    for (const [t, p] of this.terms) {
      const b = Buffer.from(t, 'utf8');
      termBytes.push(b);
      bytes += 1 + b.length + 4 + p.len * 4;
    }
    const buf = Buffer.alloc(bytes);
    buf.write(MAGIC, 0, 'latin1');
    let o = 8;
    buf.writeUInt32LE(this.ids.length, o);
    o += 4;
    for (let s = 0; s < this.ids.length; s++) {
      buf.writeUInt32LE(this.ids[s], o);
      buf.writeUInt32LE(this.lens[s], o + 4);
      o += 8;
    }
    buf.writeUInt32LE(this.terms.size, o);
    o += 4;
    let i = 0;
    for (const p of this.terms.values()) {
      const b = termBytes[i++];
      buf[o++] = b.length;
      b.copy(buf, o);
      o += b.length;
      buf.writeUInt32LE(p.len, o);
      o += 4;
      Buffer.from(p.buf.buffer, p.buf.byteOffset, p.len * 4).copy(buf, o);
      o += p.len * 4;
    }
    return buf;
  }

  static decode(buf: Buffer): LexicalIndex {
    const need = (end: number) => {
      if (end > buf.length) throw new Error('lexical index is truncated');
    };
    need(12);
    if (buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('lexical index has a bad header');
    const lx = new LexicalIndex();
    let o = 8;
    const docs = buf.readUInt32LE(o);
    o += 4;
    need(o + docs * 8 + 4);
    for (let s = 0; s < docs; s++) {
      const id = buf.readUInt32LE(o);
      const len = buf.readUInt32LE(o + 4);
      o += 8;
      if (lx.slotOf.has(id)) throw new Error('lexical index has a duplicate document');
      lx.slotOf.set(id, s);
      lx.ids.push(id);
      lx.lens.push(len);
      lx.alive.push(true);
      lx.totalLen += len;
    }
    const nterms = buf.readUInt32LE(o);
    o += 4;
    // One aligned copy of all postings; each term gets a view (copied on its first append).
    const all = new Uint32Array(Math.max(0, (buf.length - o) >> 2));
    const allBytes = new Uint8Array(all.buffer);
    let used = 0;
    for (let i = 0; i < nterms; i++) {
      need(o + 1);
      const bl = buf[o++];
      need(o + bl + 4);
      const term = buf.toString('utf8', o, o + bl);
      o += bl;
      const count = buf.readUInt32LE(o);
      o += 4;
      need(o + count * 4);
      const view = all.subarray(used, used + count);
      // Postings are little-endian u32, as in memory on every platform Node ships for.
      allBytes.set(buf.subarray(o, o + count * 4), used * 4);
      for (let j = 0; j < count; j++) if (view[j] >>> 8 >= docs) throw new Error('lexical index has a bad posting');
      used += count;
      o += count * 4;
      lx.terms.set(term, { buf: view, len: count });
    }
    if (o !== buf.length) throw new Error('lexical index has trailing bytes');
    return lx;
  }
}
