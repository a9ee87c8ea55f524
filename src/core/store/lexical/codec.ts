// The lexical index on disk: `SCSLEX03`, u8 options, u32 docs, docs × (u32 chunk id, 3 × u32 field lengths), then
// for each field (symbol, path, body): u32 terms and per term u8 byte length, term (UTF-8), varint count, and the
// postings in slot order, each one varint: (slot − previous slot) × 2 + (tf ≠ 1), followed by a u8 tf when tf ≠ 1.
// Most terms occur once in a chunk and most gaps are small, so a posting takes 1–2 bytes instead of a u32's 4.
// `SCSLEX02` (postings as raw u32 slot << 8 | tf) is still read, so an index written before stays usable.
import { ByteReader, ByteWriter } from '../bytes';
import { LexicalIndex } from './index';
import { PostingsPool } from './postingsPool';

const MAGIC = 'SCSLEX03';
const MAGIC_RAW = 'SCSLEX02';
const STEMMING = 1;
const FIELDED = 2;

/** A lexical file's header: its format, options and number of documents. */
export interface LexicalHeader {
  /** `SCSLEX02`: postings as raw u32s. */
  raw: boolean;
  stemming: boolean;
  fields: boolean;
  docs: number;
}

/** Reads the header (13 bytes) at the reader's position. */
export function readLexicalHeader(r: ByteReader): LexicalHeader {
  r.need(13);
  const magic = r.latin1(8);
  if (magic !== MAGIC && magic !== MAGIC_RAW) throw new Error('lexical index has a bad header');
  const flags = r.u8();
  return { raw: magic === MAGIC_RAW, stemming: (flags & STEMMING) !== 0, fields: (flags & FIELDED) !== 0, docs: r.u32() };
}

/** Writes the header of the current format. */
export function writeLexicalHeader(out: ByteWriter, stemming: boolean, fields: boolean, docs: number): void {
  out.latin1(MAGIC);
  out.u8((stemming ? STEMMING : 0) | (fields ? FIELDED : 0));
  out.u32(docs);
}

/** One term's postings, `(slot << 8 | tf)` entries in slot order: the count, then each as a gap varint (and its tf). */
export function writePostingList(out: ByteWriter, list: ArrayLike<number>): void {
  out.varint(list.length);
  let prev = 0;
  for (let i = 0; i < list.length; i++) {
    const slot = list[i] >>> 8;
    const tf = list[i] & 0xff;
    out.varint((slot - prev) * 2 + (tf === 1 ? 0 : 1));
    if (tf !== 1) out.u8(tf);
    prev = slot;
  }
}

export function encodeLexical(lx: LexicalIndex): Buffer {
  if (lx.removedCount > 0) lx.compact();
  const out = new ByteWriter(encodedSizeGuess(lx));
  writeLexicalTo(out, lx);
  return out.done();
}

/** Writes the lexical file through `sink` in pieces (a save: never the whole file in memory at once). */
export function streamLexical(lx: LexicalIndex, sink: (piece: Buffer) => void): void {
  if (lx.removedCount > 0) lx.compact();
  const out = ByteWriter.streaming(sink);
  writeLexicalTo(out, lx);
  out.flush();
}

function writeLexicalTo(out: ByteWriter, lx: LexicalIndex): void {
  writeLexicalHeader(out, lx.stemming, lx.fielded, lx.ids.length);
  for (let s = 0; s < lx.ids.length; s++) {
    out.u32(lx.ids[s]);
    for (let f = 0; f < 3; f++) out.u32(lx.lens[s * 3 + f]);
  }
  for (const map of lx.terms) {
    out.u32(map.size);
    for (const [t, v] of map) {
      const p = lx.postings(v)!;
      const b = Buffer.from(t, 'utf8');
      out.u8(b.length);
      out.bytes(b);
      // Postings are appended in slot order; sort a copy if a future change ever breaks that.
      let list = p.buf.subarray(0, p.len);
      for (let i = 1; i < list.length; i++) {
        if (list[i] >>> 8 < list[i - 1] >>> 8) {
          list = list.slice().sort((x, y) => (x >>> 8) - (y >>> 8));
          break;
        }
      }
      writePostingList(out, list);
    }
  }
}

/**
 * About what the file will take, a little over (a posting takes 1.6 bytes on average on the scale corpora, measured at
 * 110k and 1M chunks): the writer then rarely grows.
 * Sized from the documents alone it doubled three times at a million chunks, ~200 MB at once for a 98 MB file, and
 * the result kept a third of its buffer spare (which the store then copied away).
 */
function encodedSizeGuess(lx: LexicalIndex): number {
  let bytes = 13 + lx.ids.length * 16;
  for (const map of lx.terms) {
    bytes += 4;
    for (const [t, v] of map) bytes += t.length + 8 + lx.postingCount(v) * 1.75;
  }
  return Math.ceil(bytes);
}

/**
 * `growable`: for a writer that will append (LazyLexical). Each term's postings get a block of the pool with room to
 * grow, instead of all of them being read into one exact array: appended to, a list in that array moves out and its
 * old place stays unused, so after a save a writer held the postings about twice (1M chunks: 172 MB + copies).
 */
export function decodeLexical(buf: Buffer, opts: { growable?: boolean } = {}): LexicalIndex {
  const r = new ByteReader(buf, 'lexical index');
  const { raw, stemming, fields, docs } = readLexicalHeader(r);
  const lx = new LexicalIndex({ stemming, fields });
  r.need(docs * 16);
  const ids: number[] = new Array(docs);
  const fieldLens = new Uint32Array(docs * 3);
  for (let s = 0; s < docs; s++) {
    ids[s] = r.u32();
    for (let f = 0; f < 3; f++) fieldLens[s * 3 + f] = r.u32();
  }
  lx.setSlots(ids, fieldLens);
  // One aligned array holds all postings; a term's map entry is its list's number in it (postingsPool.ts), which
  // moves to a block of its own only once something is appended. The terms are read twice: once to count the terms
  // and postings, so the arrays have exactly their size, then to fill them.
  const termsAt = r.o;
  let all = new Uint32Array(0);
  let start = new Uint32Array(0);
  let lens = new Uint32Array(0);
  // Growable: each term's postings are read into `scratch`, then copied into a block of the pool.
  const pool = opts.growable ? new PostingsPool() : undefined;
  let scratch = new Uint32Array(1024);
  let used = 0;
  let nterm = 0;
  // Growable lists need no exact sizes, so the counting pass is skipped.
  for (const fill of pool ? [true] : [false, true]) {
    r.o = termsAt;
    if (fill && !pool) {
      all = new Uint32Array(used);
      start = new Uint32Array(nterm);
      lens = new Uint32Array(nterm);
    }
    used = 0;
    nterm = 0;
    for (const map of lx.terms) {
      const nterms = r.u32();
      for (let i = 0; i < nterms; i++) {
        const bl = r.u8();
        r.need(bl);
        const term = fill ? buf.toString('utf8', r.o, r.o + bl) : '';
        r.o += bl;
        const count = raw ? r.u32() : r.varint();
        if (fill && pool && scratch.length < count) scratch = new Uint32Array(count * 2);
        const dst = pool ? scratch : all;
        const base = pool ? 0 : used;
        if (raw) {
          r.need(count * 4);
          if (fill) for (let j = 0; j < count; j++) dst[base + j] = buf.readUInt32LE(r.o + j * 4);
          r.o += count * 4;
        } else {
          let slot = 0;
          for (let j = 0; j < count; j++) {
            const v = r.varint();
            slot += Math.floor(v / 2);
            const tf = v & 1 ? r.u8() : 1;
            if (fill) dst[base + j] = ((slot << 8) | tf) >>> 0;
          }
        }
        if (fill) {
          for (let j = base; j < base + count; j++) if (dst[j] >>> 8 >= docs) throw new Error('lexical index has a bad posting');
          if (pool) {
            const list = pool.createWithRoom(count);
            for (let j = 0; j < count; j++) pool.push(list, dst[j]);
          } else {
            start[nterm] = used;
            lens[nterm] = count;
          }
          map.set(term, nterm);
        }
        used += count;
        nterm++;
      }
    }
  }
  if (!r.done) throw new Error('lexical index has trailing bytes');
  if (pool) lx.pool = pool;
  else lx.adoptPostings(all, start, lens);
  return lx;
}
