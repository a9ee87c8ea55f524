// The rows section of a b1 vectors file. A b1 index keeps only sign bits in its USearch graph (48 bytes a vector
// at 384 dims), so the i8 rows that rescore its candidates — and serve reuse, clustering and Find Similar — are
// appended after the USearch data (USearch reads its own part and ignores what follows):
//   [USearch file][count × dims i8 rows][count × u32 chunk id][u32 count][u32 dims]["semsb1rw"]
// A reader leaves the rows on disk and reads the few it rescores; a writer reads them all back on its first change.
import * as fs from 'node:fs';
import { readFully } from './usearchFile';

const MAGIC = 'semsb1rw';
const TRAILER_BYTES = 16;
/** Rows written per block (bounded memory while saving a million rows). */
const BLOCK_ROWS = 4096;

export interface RowsSection {
  /** Row index → chunk id. */
  ids: Float64Array;
  /** Byte offset of row 0 in the file. */
  rowsOffset: number;
  /** Where the USearch part of the file ends (its own layout is checked up to here). */
  usearchEnd: number;
}

/** Append the rows section to a freshly saved USearch file: `rows(i)` gives the i-th of `ids.length` rows. */
export function appendRowsSection(file: string, dimensions: number, ids: ArrayLike<number>, rows: (i: number) => Int8Array): void {
  const fd = fs.openSync(file, 'a');
  try {
    const count = ids.length;
    const block = Buffer.allocUnsafe(Math.max(1, Math.min(count, BLOCK_ROWS)) * dimensions);
    for (let first = 0; first < count; first += BLOCK_ROWS) {
      const n = Math.min(BLOCK_ROWS, count - first);
      for (let i = 0; i < n; i++) {
        const row = rows(first + i);
        block.set(new Uint8Array(row.buffer, row.byteOffset, dimensions), i * dimensions);
      }
      fs.writeSync(fd, block, 0, n * dimensions);
    }
    const tail = Buffer.allocUnsafe(count * 4 + TRAILER_BYTES);
    for (let i = 0; i < count; i++) tail.writeUInt32LE(ids[i], i * 4);
    tail.writeUInt32LE(count, count * 4);
    tail.writeUInt32LE(dimensions, count * 4 + 4);
    tail.write(MAGIC, count * 4 + 8, 'latin1');
    fs.writeSync(fd, tail);
  } finally {
    fs.closeSync(fd);
  }
}

/** Read and check the rows section's trailer and ids; throws on any inconsistency (a damaged file). */
export function readRowsSection(fd: number, dimensions: number): RowsSection {
  const size = fs.fstatSync(fd).size;
  if (size < TRAILER_BYTES) throw new Error('vector file is truncated');
  const trailer = Buffer.alloc(TRAILER_BYTES);
  readFully(fd, trailer, TRAILER_BYTES, size - TRAILER_BYTES);
  if (trailer.toString('latin1', 8, 16) !== MAGIC) throw new Error('vector file has no b1 rows section');
  const count = trailer.readUInt32LE(0);
  if (trailer.readUInt32LE(4) !== dimensions) throw new Error(`vector file rows have ${trailer.readUInt32LE(4)} dimensions, expected ${dimensions}`);
  const idsOffset = size - TRAILER_BYTES - count * 4;
  const rowsOffset = idsOffset - count * dimensions;
  if (rowsOffset < 0) throw new Error('vector file is truncated');
  const raw = Buffer.allocUnsafe(count * 4);
  readFully(fd, raw, raw.length, idsOffset);
  const ids = new Float64Array(count);
  for (let i = 0; i < count; i++) ids[i] = raw.readUInt32LE(i * 4);
  return { ids, rowsOffset, usearchEnd: rowsOffset };
}
