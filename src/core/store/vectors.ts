// Vectors: a USearch HNSW index (cosine) plus an in-memory copy of every stored row, so that
// `getVector`, reuse by content hash and clustering work without a second copy on disk: on load,
// the rows are read back out of the USearch file itself (its layout is parsed and checked here).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VectorPrecision } from '../types';
import type { ScoredId } from './types';
import { decodeRow, encodeRow, scalarBytes, type Row } from './quantize';

/** The native USearch index, used directly so int8 rows go in and out byte-exact (the JS wrapper converts Int8Array to floats). */
interface NativeIndex {
  add(keys: BigUint64Array, vectors: Float32Array | Int8Array, threads: number): void;
  search(query: Float32Array | Int8Array, k: number, threads: number): [BigUint64Array, Float32Array, BigUint64Array];
  remove(keys: BigUint64Array): number[];
  size(): number;
  save(path: string): void;
  load(path: string): void;
  view(path: string): void;
}
interface NativeBinding {
  CompiledIndex: new (
    dimensions: number,
    metric: string,
    quantization: string,
    connectivity: number,
    expansionAdd: number,
    expansionSearch: number,
    multi: boolean,
  ) => NativeIndex;
}

let binding: NativeBinding | undefined;
function native(): NativeBinding {
  if (!binding) {
    // The package root of `usearch` (its `exports` hide package.json), then its prebuilt addon.
    const root = path.resolve(path.dirname(require.resolve('usearch')), '..', '..', '..');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ngb = require('node-gyp-build') as (dir: string) => NativeBinding;
    binding = ngb(root);
  }
  return binding;
}

/** HNSW connectivity (M). 16 keeps vectors + graph at ~530 bytes per chunk at i8/384 dims. */
export const CONNECTIVITY = 16;
// 64 instead of 128: same recall@10 on clustered i8 vectors (0.883 vs 0.884, 10k vectors), ~30 % cheaper inserts.
export const EXPANSION_ADD = 64;
// 256: semantic NDCG@10 on the docstring set +0.005 over 64 (the graph's misses were real answers).
export const EXPANSION_SEARCH = 256;
/** Below this many vectors, search scans every row (exact) instead of walking the graph. */
export const BRUTE_FORCE_MAX = 2048;
/** Graph insertions are batched up to this many rows. */
const PENDING_MAX = 512;

function rowCtor(precision: VectorPrecision) {
  return precision === 'i8' ? Int8Array : precision === 'f16' ? Uint16Array : Float32Array;
}

export class VectorIndex {
  private native: NativeIndex;
  private slab: Row;
  private capacity = 0;
  private readonly rowOf = new Map<number, number>();
  private idOfRow: number[] = [];
  private freeRows: number[] = [];
  /** Slots the native index has marked removed and not yet reused (they stay in the file). */
  private tombstones = 0;
  private slots = 0;
  /** Rows stored but not yet inserted into the graph: inserted as one batch (one thread, see flush) before a graph search or a save. */
  private pending = new Set<number>();

  constructor(
    readonly dimensions: number,
    readonly precision: VectorPrecision,
  ) {
    this.native = this.makeNative();
    this.slab = new (rowCtor(precision))(0);
  }

  private makeNative(): NativeIndex {
    return new (native().CompiledIndex)(this.dimensions, 'cos', this.precision, CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, false);
  }

  get size(): number {
    return this.rowOf.size;
  }

  has(id: number): boolean {
    return this.rowOf.has(id);
  }

  ids(): IterableIterator<number> {
    return this.rowOf.keys();
  }

  /** The stored row (a view: copy before keeping it). */
  getRow(id: number): Row | undefined {
    const r = this.rowOf.get(id);
    if (r === undefined) return undefined;
    const d = this.dimensions;
    return this.slab.subarray(r * d, r * d + d);
  }

  get(id: number): Float32Array | undefined {
    const row = this.getRow(id);
    return row ? decodeRow(row) : undefined;
  }

  setFloat(id: number, v: Float32Array): void {
    if (v.length !== this.dimensions) throw new Error(`Vector has ${v.length} dimensions, the index ${this.dimensions}`);
    this.setRow(id, encodeRow(v, this.precision));
  }

  /** Store a row already in this index's precision. */
  setRow(id: number, row: Row): void {
    if (this.rowOf.has(id)) this.delete(id);
    const r = this.allocRow(id);
    const d = this.dimensions;
    this.slab.set(row as never, r * d);
    this.pending.add(id);
    if (this.pending.size >= PENDING_MAX) this.flush();
  }

  /** Insert the pending rows into the graph. */
  flush(): void {
    if (this.pending.size === 0) return;
    const d = this.dimensions;
    const keys = new BigUint64Array(this.pending.size);
    const rows = new (rowCtor(this.precision))(this.pending.size * d);
    let i = 0;
    for (const id of this.pending) {
      const r = this.rowOf.get(id)!;
      keys[i] = BigInt(id);
      rows.set(this.slab.subarray(r * d, r * d + d) as never, i * d);
      i++;
    }
    this.pending.clear();
    // One thread: USearch's binding reserves per-thread contexts only when it grows capacity, so
    // a multi-threaded add into an index that has room (e.g. just loaded) fails with "Reserve
    // capacity ahead of insertions!". Inserts are cheap next to embedding anyway.
    this.nativeAdd(keys, rows, 1);
  }

  private nativeAdd(keys: BigUint64Array, rows: Row, threads: number): void {
    const input = rows instanceof Uint16Array ? this.halfToFloat(rows) : rows;
    this.native.add(keys, input, threads);
    const reused = Math.min(this.tombstones, keys.length);
    this.tombstones -= reused;
    this.slots += keys.length - reused;
  }

  private halfToFloat(rows: Uint16Array): Float32Array {
    const out = new Float32Array(rows.length);
    const d = this.dimensions;
    for (let o = 0; o < rows.length; o += d) out.set(decodeRow(rows.subarray(o, o + d)), o);
    return out;
  }

  private allocRow(id: number): number {
    let r = this.freeRows.pop();
    if (r === undefined) {
      r = this.idOfRow.length;
      this.idOfRow.push(id);
      if (r >= this.capacity) this.grow(Math.max(64, this.capacity * 2));
    } else this.idOfRow[r] = id;
    this.rowOf.set(id, r);
    return r;
  }

  private grow(capacity: number): void {
    const next = new (rowCtor(this.precision))(capacity * this.dimensions);
    next.set(this.slab as never);
    this.slab = next;
    this.capacity = capacity;
  }

  delete(id: number): boolean {
    const r = this.rowOf.get(id);
    if (r === undefined) return false;
    this.rowOf.delete(id);
    this.idOfRow[r] = -1;
    this.freeRows.push(r);
    if (this.pending.delete(id)) return true;
    const removed = this.native.remove(BigUint64Array.of(BigInt(id)));
    if ((Array.isArray(removed) ? removed[0] : removed) > 0) this.tombstones++;
    return true;
  }

  /** Build the native graph again from the rows (drops the tombstones of removed vectors). */
  rebuild(): void {
    this.native = this.makeNative();
    this.tombstones = 0;
    this.slots = 0;
    this.pending.clear();
    const n = this.rowOf.size;
    if (n === 0) return;
    const d = this.dimensions;
    const keys = new BigUint64Array(n);
    const rows = new (rowCtor(this.precision))(n * d);
    let i = 0;
    for (const [id, r] of this.rowOf) {
      keys[i] = BigInt(id);
      rows.set(this.slab.subarray(r * d, r * d + d) as never, i * d);
      i++;
    }
    this.nativeAdd(keys, rows, 0);
  }

  search(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[] {
    const n = this.rowOf.size;
    if (n === 0 || k <= 0) return [];
    if (n <= BRUTE_FORCE_MAX) return this.exact(query, k, filter);
    this.flush();
    const q: Float32Array | Int8Array = this.precision === 'i8' ? (encodeRow(query, 'i8') as Int8Array) : query;
    let want = filter ? k * 4 : k;
    for (;;) {
      const fetch = Math.min(want, n);
      const [keys, dists, counts] = this.native.search(q, fetch, 1);
      const found = Number(counts[0]);
      const out: ScoredId[] = [];
      for (let i = 0; i < found && out.length < k; i++) {
        const id = Number(keys[i]);
        if (filter && !filter(id)) continue;
        out.push({ id, score: 1 - dists[i] });
      }
      if (out.length >= k || !filter) return out;
      if (fetch >= n || want * 4 > n / 2) return this.exact(query, k, filter);
      want *= 4;
    }
  }

  /** Exact cosine over every (filtered) row. */
  exact(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[] {
    const d = this.dimensions;
    let qn = 0;
    for (let i = 0; i < d; i++) qn += query[i] * query[i];
    qn = Math.sqrt(qn) || 1;
    const top: ScoredId[] = [];
    const slab = this.slab;
    const half = slab instanceof Uint16Array ? true : false;
    let row: Float32Array | undefined;
    for (const [id, r] of this.rowOf) {
      if (filter && !filter(id)) continue;
      let dot = 0;
      let rn = 0;
      const o = r * d;
      if (half) {
        row = decodeRow((slab as Uint16Array).subarray(o, o + d));
        for (let i = 0; i < d; i++) dot += query[i] * row[i];
        rn = 1;
      } else {
        for (let i = 0; i < d; i++) {
          const x = slab[o + i];
          dot += query[i] * x;
          rn += x * x;
        }
        rn = Math.sqrt(rn);
      }
      const score = rn > 0 ? dot / (rn * qn) : 0;
      if (top.length < k) {
        top.push({ id, score });
        if (top.length === k) top.sort((a, b) => b.score - a.score);
      } else if (score > top[k - 1].score) {
        let j = k - 1;
        while (j > 0 && top[j - 1].score < score) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = { id, score };
      }
    }
    if (top.length < k) top.sort((a, b) => b.score - a.score);
    return top;
  }

  /** Write the USearch file (vectors + graph). Rebuilds first when removed slots make up a large share. */
  save(file: string): void {
    this.flush();
    if (this.tombstones > 256 && this.tombstones > this.slots * 0.25) this.rebuild();
    this.native.save(file);
  }

  /** Load a USearch file written by `save`, reading the rows back out of it; throws on any inconsistency. */
  static load(file: string, dimensions: number, precision: VectorPrecision, opts: { view?: boolean } = {}): VectorIndex {
    const buf = fs.readFileSync(file);
    const parsed = parseUsearchFile(buf, dimensions * scalarBytes(precision));
    const vi = new VectorIndex(dimensions, precision);
    let live = 0;
    for (const k of parsed.keys) if (k >= 0) live++;
    vi.grow(Math.max(64, live));
    const bpv = dimensions * scalarBytes(precision);
    for (let slot = 0; slot < parsed.keys.length; slot++) {
      const id = parsed.keys[slot];
      if (id < 0) continue;
      if (vi.rowOf.has(id)) throw new Error(`duplicate vector key ${id}`);
      const r = vi.allocRow(id);
      const bytes = buf.subarray(parsed.vectorsOffset + slot * bpv, parsed.vectorsOffset + (slot + 1) * bpv);
      const dst = new Uint8Array(vi.slab.buffer, vi.slab.byteOffset + r * bpv, bpv);
      dst.set(bytes);
    }
    // Readers memory-map the graph instead of copying it: only the pages a search touches
    // become resident. A viewed index is immutable, which is all a reader needs.
    if (opts.view) vi.native.view(file);
    else vi.native.load(file);
    if (vi.native.size() !== vi.rowOf.size) throw new Error('vector count does not match the graph');
    vi.slots = parsed.keys.length;
    vi.tombstones = parsed.keys.length - vi.rowOf.size;
    return vi;
  }
}

/**
 * Layout of a USearch 2.x dense index file (serialization with vectors, 32-bit matrix header):
 * u32 rows, u32 bytesPerVector, rows × vector bytes; a 64-byte head starting with "usearch";
 * the graph: u64 size, connectivity, connectivityBase, maxLevel, entrySlot; size × i16 levels;
 * then each node: u64 key, i16 level, (u32 count + connectivityBase × u32) + level × (u32 + connectivity × u32).
 */
export function parseUsearchFile(buf: Buffer, bytesPerVector: number): { keys: Float64Array; vectorsOffset: number } {
  const need = (end: number) => {
    if (end > buf.length) throw new Error('vector file is truncated');
  };
  need(8);
  const rows = buf.readUInt32LE(0);
  const cols = buf.readUInt32LE(4);
  if (cols !== bytesPerVector) throw new Error(`vector file holds ${cols}-byte vectors, expected ${bytesPerVector}`);
  const vectorsOffset = 8;
  let o = vectorsOffset + rows * cols;
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
