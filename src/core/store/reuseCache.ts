// Vectors of removed chunks, keyed by content hash, kept as int8 (LRU-bounded), so switching
// branches back or renaming a file needs no embedding.

export const REUSE_CACHE_MAX = 50_000;
const MAGIC = 'SCSREUS1';

export class ReuseCache {
  /** Insertion order = recency (oldest first). */
  private readonly map = new Map<string, Int8Array>();

  constructor(
    readonly dimensions: number,
    readonly max = REUSE_CACHE_MAX,
  ) {}

  get size(): number {
    return this.map.size;
  }

  put(hash: string, row: Int8Array): void {
    if (row.length !== this.dimensions) return;
    this.map.delete(hash);
    this.map.set(hash, row);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }

  /** Take a vector out of the cache (it becomes live again). */
  take(hash: string): Int8Array | undefined {
    const row = this.map.get(hash);
    if (row) this.map.delete(hash);
    return row;
  }

  has(hash: string): boolean {
    return this.map.has(hash);
  }

  /** `SCSREUS1`, u32 dimensions, u32 count, then per entry (oldest first): u8 hash length, hash (UTF-8), dimensions × i8. */
  encode(): Buffer {
    const entries = [...this.map];
    let bytes = 16;
    const hashes = entries.map(([h]) => Buffer.from(h, 'utf8'));
    for (const h of hashes) bytes += 1 + h.length + this.dimensions;
    const buf = Buffer.allocUnsafe(bytes);
    buf.write(MAGIC, 0, 'latin1');
    buf.writeUInt32LE(this.dimensions, 8);
    buf.writeUInt32LE(entries.length, 12);
    let o = 16;
    for (let i = 0; i < entries.length; i++) {
      const h = hashes[i];
      if (h.length > 255) throw new Error('hash too long');
      buf[o++] = h.length;
      h.copy(buf, o);
      o += h.length;
      Buffer.from(entries[i][1].buffer, entries[i][1].byteOffset, this.dimensions).copy(buf, o);
      o += this.dimensions;
    }
    return buf;
  }

  static decode(buf: Buffer, dimensions: number, max = REUSE_CACHE_MAX): ReuseCache {
    if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('reuse cache has a bad header');
    if (buf.readUInt32LE(8) !== dimensions) throw new Error('reuse cache has other dimensions');
    const count = buf.readUInt32LE(12);
    const cache = new ReuseCache(dimensions, max);
    let o = 16;
    for (let i = 0; i < count; i++) {
      if (o >= buf.length) throw new Error('reuse cache is truncated');
      const len = buf[o++];
      if (o + len + dimensions > buf.length) throw new Error('reuse cache is truncated');
      const hash = buf.toString('utf8', o, o + len);
      o += len;
      const row = new Int8Array(dimensions);
      row.set(new Int8Array(buf.buffer, buf.byteOffset + o, dimensions));
      o += dimensions;
      cache.put(hash, row);
    }
    if (o !== buf.length) throw new Error('reuse cache has trailing bytes');
    return cache;
  }
}
