// The lexical index on disk: `SCSLEX02`, u8 options, u32 docs, docs × (u32 chunk id, 3 × u32 field lengths), then
// for each field (symbol, path, body): u32 terms and per term u8 byte length, term (UTF-8), u32 count,
// count × u32 (slot << 8 | min(tf, 255)). Postings are little-endian u32, as in memory on every platform Node ships for.
import { LexicalIndex } from './index';

const MAGIC = 'SCSLEX02';
const STEMMING = 1;
const FIELDED = 2;

export function encodeLexical(lx: LexicalIndex): Buffer {
  if (lx.removedCount > 0) lx.compact();
  const termBytes: Buffer[] = [];
  let bytes = 8 + 1 + 4 + lx.ids.length * 16;
  for (const map of lx.terms) {
    bytes += 4;
    for (const [t, p] of map) {
      const b = Buffer.from(t, 'utf8');
      termBytes.push(b);
      bytes += 1 + b.length + 4 + p.len * 4;
    }
  }
  const buf = Buffer.alloc(bytes);
  buf.write(MAGIC, 0, 'latin1');
  let o = 8;
  buf[o++] = (lx.stemming ? STEMMING : 0) | (lx.fielded ? FIELDED : 0);
  buf.writeUInt32LE(lx.ids.length, o);
  o += 4;
  for (let s = 0; s < lx.ids.length; s++) {
    buf.writeUInt32LE(lx.ids[s], o);
    for (let f = 0; f < 3; f++) buf.writeUInt32LE(lx.lens[s * 3 + f], o + 4 + f * 4);
    o += 16;
  }
  let i = 0;
  for (const map of lx.terms) {
    buf.writeUInt32LE(map.size, o);
    o += 4;
    for (const p of map.values()) {
      const b = termBytes[i++];
      buf[o++] = b.length;
      b.copy(buf, o);
      o += b.length;
      buf.writeUInt32LE(p.len, o);
      o += 4;
      Buffer.from(p.buf.buffer, p.buf.byteOffset, p.len * 4).copy(buf, o);
      o += p.len * 4;
    }
  }
  return buf;
}

export function decodeLexical(buf: Buffer): LexicalIndex {
  const need = (end: number) => {
    if (end > buf.length) throw new Error('lexical index is truncated');
  };
  need(13);
  if (buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('lexical index has a bad header');
  const flags = buf[8];
  const lx = new LexicalIndex({ stemming: (flags & STEMMING) !== 0, fields: (flags & FIELDED) !== 0 });
  let o = 9;
  const docs = buf.readUInt32LE(o);
  o += 4;
  need(o + docs * 16);
  for (let s = 0; s < docs; s++) {
    const id = buf.readUInt32LE(o);
    if (lx.slotOf.has(id)) throw new Error('lexical index has a duplicate document');
    lx.slotOf.set(id, s);
    lx.ids.push(id);
    lx.alive.push(true);
    for (let f = 0; f < 3; f++) {
      const len = buf.readUInt32LE(o + 4 + f * 4);
      lx.lens.push(len);
      lx.totalLen[f] += len;
    }
    o += 16;
  }
  // One aligned copy of all postings; each term gets a view (copied on its first append).
  const all = new Uint32Array(Math.max(0, (buf.length - o) >> 2));
  const allBytes = new Uint8Array(all.buffer);
  let used = 0;
  for (const map of lx.terms) {
    need(o + 4);
    const nterms = buf.readUInt32LE(o);
    o += 4;
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
      allBytes.set(buf.subarray(o, o + count * 4), used * 4);
      for (let j = 0; j < count; j++) if (view[j] >>> 8 >= docs) throw new Error('lexical index has a bad posting');
      used += count;
      o += count * 4;
      map.set(term, { buf: view, len: count });
    }
  }
  if (o !== buf.length) throw new Error('lexical index has trailing bytes');
  return lx;
}
