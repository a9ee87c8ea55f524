// The layout of a USearch 2.x index file, read and checked without loading the whole file: the rows are read
// where they are needed (vectors.ts), and only the graph section is read here to learn each slot's key.
import * as fs from 'node:fs';

/** Read exactly `length` bytes at `position`, or throw: a short file is a damaged one. */
export function readFully(fd: number, buf: Buffer, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error('vector file is truncated');
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
  // Only the graph is read here (the rows are read where they go): a fraction of the file.
  const buf = Buffer.allocUnsafe(fileSize - graphAt);
  readFully(fd, buf, buf.length, graphAt);
  const need = (end: number) => {
    if (end > buf.length) throw new Error('vector file is truncated');
  };
  let o = 0;
  need(o + 64 + 40);
  if (buf.toString('latin1', o, o + 7) !== 'usearch') throw new Error('not a USearch file');
  o += 64;
  const size = Number(buf.readBigUInt64LE(o));
  const connectivity = Number(buf.readBigUInt64LE(o + 8));
  const connectivityBase = Number(buf.readBigUInt64LE(o + 16));
  o += 40;
  if (size !== rows) throw new Error('graph size does not match the vectors');
  need(o + size * 2);
  const levels = new Int16Array(size);
  for (let i = 0; i < size; i++) levels[i] = buf.readInt16LE(o + i * 2);
  o += size * 2;
  const baseBytes = 4 + connectivityBase * 4;
  const levelBytes = 4 + connectivity * 4;
  /** Slot → key; -1 for a removed slot. */
  const keys = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const lv = levels[i];
    if (lv < 0) throw new Error('bad node level');
    const bytes = 8 + 2 + baseBytes + lv * levelBytes;
    need(o + bytes);
    const lo = buf.readUInt32LE(o);
    const hi = buf.readUInt32LE(o + 4);
    if (lo === 0xffffffff && hi === 0xffffffff) keys[i] = -1;
    else if (hi > 0x1fffff) throw new Error('vector key out of range');
    else keys[i] = hi * 2 ** 32 + lo;
    o += bytes;
  }
  if (o !== buf.length) throw new Error('vector file has trailing bytes');
  return { keys, vectorsOffset };
}
