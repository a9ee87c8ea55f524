// The layout of a USearch 2.x index file, read and checked without loading the whole file: the rows are read
// where they are needed (vectors.ts), and only the graph section is read here to learn each slot's key.
import * as fs from 'node:fs';

/** Read exactly `length` bytes at `position`, or throw: a short file is a damaged one. */
export function readFully(fd: number, buf: Buffer, length: number, position: number, what = 'vector file'): void {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`${what} is truncated`);
    done += n;
  }
}

/**
 * Layout of a USearch 2.x dense index file (serialization with vectors, 32-bit matrix header), read from `fd`:
 * u32 rows, u32 bytesPerVector, rows × vector bytes; a 64-byte head starting with "usearch";
 * the graph: u64 size, connectivity, connectivityBase, maxLevel, entrySlot; size × i16 levels;
 * then each node: u64 key, i16 level, (u32 count + connectivityBase × u32) + level × (u32 + connectivity × u32).
 */
export function readUsearchLayout(fd: number, bytesPerVector: number, end?: number): { keys: Float64Array; vectorsOffset: number } {
  // `end`: where the USearch part stops when more follows it (a b1 file's rows section, b1Rows.ts).
  const fileSize = end ?? fs.fstatSync(fd).size;
  if (fileSize < 8) throw new Error('vector file is truncated');
  const head = Buffer.alloc(8);
  readFully(fd, head, 8, 0);
  const rows = head.readUInt32LE(0);
  const cols = head.readUInt32LE(4);
  if (cols !== bytesPerVector) throw new Error(`vector file holds ${cols}-byte vectors, expected ${bytesPerVector}`);
  const vectorsOffset = 8;
  const graphAt = vectorsOffset + rows * cols;
  if (graphAt > fileSize) throw new Error('vector file is truncated');
  // Only the graph is read here (the rows are read where they go), through one small buffer: a node's size follows
  // from its level, so each key's place is known; reading the whole graph at once cost a buffer of its size
  // (24 MB at 162k vectors) and most of the open's time.
  const reader = new BlockReader(fd, graphAt, fileSize);
  let o = graphAt;
  let b = reader.at(o, 64 + 40);
  if (reader.buf.toString('latin1', b, b + 7) !== 'usearch') throw new Error('not a USearch file');
  b += 64;
  const size = Number(reader.buf.readBigUInt64LE(b));
  const connectivity = Number(reader.buf.readBigUInt64LE(b + 8));
  const connectivityBase = Number(reader.buf.readBigUInt64LE(b + 16));
  o += 64 + 40;
  if (size !== rows) throw new Error('graph size does not match the vectors');
  if (o + size * 2 > fileSize) throw new Error('vector file is truncated');
  const levelBytes = Buffer.allocUnsafe(size * 2);
  readFully(fd, levelBytes, size * 2, o);
  const levels = new Int16Array(size);
  for (let i = 0; i < size; i++) levels[i] = levelBytes.readInt16LE(i * 2);
  o += size * 2;
  const baseBytes = 4 + connectivityBase * 4;
  const perLevel = 4 + connectivity * 4;
  /** Slot → key; -1 for a removed slot. */
  const keys = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const lv = levels[i];
    if (lv < 0) throw new Error('bad node level');
    const k = reader.at(o, 8);
    const lo = reader.buf.readUInt32LE(k);
    const hi = reader.buf.readUInt32LE(k + 4);
    if (lo === 0xffffffff && hi === 0xffffffff) keys[i] = -1;
    else if (hi > 0x1fffff) throw new Error('vector key out of range');
    else keys[i] = hi * 2 ** 32 + lo;
    o += 8 + 2 + baseBytes + lv * perLevel;
  }
  if (o > fileSize) throw new Error('vector file is truncated');
  if (o !== fileSize) throw new Error('vector file has trailing bytes');
  return { keys, vectorsOffset };
}

/** Reads a file section through one buffer of at most BLOCK_BYTES, refilled where the next read falls outside it. */
class BlockReader {
  readonly buf: Buffer;
  private start = 0;
  private len = 0;

  constructor(
    private readonly fd: number,
    from: number,
    private readonly end: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(0, Math.min(BLOCK_BYTES, end - from)));
  }

  /** Where in `buf` the `n` bytes at file position `pos` are (n ≤ 4 KiB). */
  at(pos: number, n: number): number {
    if (pos + n > this.end) throw new Error('vector file is truncated');
    if (pos < this.start || pos + n > this.start + this.len) {
      this.len = Math.min(this.buf.length, this.end - pos);
      readFully(this.fd, this.buf, this.len, pos);
      this.start = pos;
    }
    return pos - this.start;
  }
}

const BLOCK_BYTES = 1 << 20;
