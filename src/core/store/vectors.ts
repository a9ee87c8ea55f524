// Vectors: a USearch HNSW index (cosine) plus the stored rows, so that `getVector`, reuse by content hash and
// clustering work without a second copy on disk: the rows are read back out of the USearch file itself (its
// layout is parsed and checked here) when asked for. The graph holds its own copy of every vector in memory, so
// the rows kept here are only those added since the last save: the saved ones are read from the file just
// written (one copy of the vectors in memory, not two).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VectorPrecision } from '../types';
import type { ScoredId } from './types';
import { appendRowsSection, readRowsSection } from './b1Rows';
import { IdRowMap } from './idRowMap';
import { decodeRow, encodeRow, rowPrecision, scalarBytes, type Row } from './quantize';
import { readFully, readUsearchLayout } from './usearchFile';

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
/** Rows per block of memory (6 MB at i8 and 384 dims). */
const BLOCK_SHIFT = 14;
const BLOCK_ROWS = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK_ROWS - 1;
/** Graph insertions are batched up to this many rows. */
const PENDING_MAX = 512;

/**
 * b1: candidates from the sign-bit graph, this many times the results asked for (at least B1_RESCORE_MIN), are
 * rescored by cosine against their i8 rows. On 110k real vectors (static model), recall@10 against exact float
 * search was 0.82 / 0.92 / 0.955 rescoring 100 / 400 / 800 candidates with the i8 graph's expansions, and
 * 0.88 / 0.95 / 0.98 with B1_EXPANSION_*: Hamming distances tie often, so the graph needs a wider search.
 * At 1.07M chunks, against exact search over the i8 rows, 800 gave 0.946–0.962 over three builds (100 queries) and
 * 0.949 on 300 other queries; 1600 gives 0.968 / 0.967 on the same queries for ~1 ms more (search p95 ~6 ms).
 */
export const B1_OVERSAMPLE = 8;
export const B1_RESCORE_MIN = 1600;
const B1_EXPANSION_ADD = 128;
const B1_EXPANSION_SEARCH = 512;

function rowCtor(precision: VectorPrecision) {
  const p = rowPrecision(precision);
  return p === 'i8' ? Int8Array : p === 'f16' ? Uint16Array : Float32Array;
}

/** Bytes of one vector inside the USearch part of the file (b1: one bit per dimension). */
function graphVectorBytes(precision: VectorPrecision, dimensions: number): number {
  return precision === 'b1' ? Math.ceil(dimensions / 8) : dimensions * scalarBytes(precision);
}

export class VectorIndex {
  private native: NativeIndex;
  /**
   * Rows numbered below `fileRows.slots` are in the file; the rest are in memory, in blocks of BLOCK_ROWS
   * (growing adds a block: no copy of the rows, no doubling).
   */
  private blocks: Row[] = [];
  private readonly rowOf = new IdRowMap();
  /** The id of each row in memory (index: row − memoryBase; −1 when freed). */
  private idOfRow: number[] = [];
  private freeRows: number[] = [];
  /** Slots the native index has marked removed and not yet reused (they stay in the file). */
  private tombstones = 0;
  private slots = 0;
  /** Rows stored but not yet inserted into the graph: inserted as one batch (one thread, see flush) before a graph search or a save. */
  private pending = new Set<number>();
  /** Rows in the file (a reader's, see `load`, or the file a writer last saved); undefined once they are in memory. */
  private fileRows: FileRows | undefined;
  /** The file the native index is a read-only view of (see `load`); undefined once it is loaded, writable. */
  private viewFile: string | undefined;
  /** A writer's view is mapped at its first graph search (a re-index that changes nothing never searches). */
  private viewDeferred = false;

  constructor(
    readonly dimensions: number,
    readonly precision: VectorPrecision,
  ) {
    this.native = this.makeNative();
  }

  private makeNative(): NativeIndex {
    // b1: Hamming distance over sign bits (the binding takes the i8 rows and keeps their signs).
    if (this.precision === 'b1') return new (native().CompiledIndex)(this.dimensions, 'hamming', 'b1', CONNECTIVITY, B1_EXPANSION_ADD, B1_EXPANSION_SEARCH, false);
    return new (native().CompiledIndex)(this.dimensions, 'cos', this.precision, CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, false);
  }

  get size(): number {
    return this.rowOf.size;
  }

  /** Rows held in memory (the rest are read from the file). */
  get rowsInMemory(): number {
    return this.idOfRow.length - this.freeRows.length;
  }

  has(id: number): boolean {
    return this.rowOf.has(id);
  }

  ids(): IterableIterator<number> {
    return this.rowOf.keys();
  }

  /** The stored row (a view: copy before keeping it). */
  getRow(id: number): Row | undefined {
    // A reader that is asked for many rows reads them all at once; a writer keeps reading them one by one.
    if (this.fileRows && this.viewFile !== undefined && this.rowOf.has(id) && ++this.fileRows.reads > FILE_ROW_READS_MAX) this.materialize();
    const r = this.rowOf.get(id);
    return r === undefined ? undefined : this.readRow(r);
  }

  /** Row `r`, from memory or (a reader's) from the file. */
  private readRow(r: number): Row {
    const d = this.dimensions;
    const src = this.fileRows;
    if (src && r < src.slots) {
      const bytes = new Uint8Array(d * scalarBytes(this.precision));
      readFully(src.fd, Buffer.from(bytes.buffer), bytes.length, src.offset + r * bytes.length);
      return new (rowCtor(this.precision))(bytes.buffer);
    }
    return this.rowView(r);
  }

  /** The first row number kept in memory (rows below it are in the file). */
  private get memoryBase(): number {
    return this.fileRows?.slots ?? 0;
  }

  /** Row `r` in memory (a view). */
  private rowView(r: number): Row {
    const d = this.dimensions;
    const m = r - this.memoryBase;
    if (m < 0) throw new Error(`row ${r} is in the file, not in memory`);
    const o = (m & BLOCK_MASK) * d;
    return this.blocks[m >>> BLOCK_SHIFT].subarray(o, o + d);
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
    this.makeWritable();
    if (this.rowOf.has(id)) this.delete(id);
    const r = this.allocRow(id);
    this.rowView(r).set(row as never);
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
      rows.set(this.rowView(r) as never, i * d);
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
    const base = this.memoryBase;
    let r = this.freeRows.pop();
    if (r === undefined) {
      r = base + this.idOfRow.length;
      this.idOfRow.push(id);
      this.grow(this.idOfRow.length);
    } else this.idOfRow[r - base] = id;
    this.rowOf.set(id, r);
    return r;
  }

  /** Room for `rows` rows in memory. The first block doubles up to full size (a small index stays small); then whole blocks are added. */
  private grow(rows: number): void {
    const d = this.dimensions;
    const Ctor = rowCtor(this.precision);
    const first = this.blocks[0];
    const firstRows = first ? first.length / d : 0;
    if (firstRows < BLOCK_ROWS && rows > firstRows) {
      const next = new Ctor(Math.min(BLOCK_ROWS, Math.max(64, firstRows * 2, rows)) * d);
      if (first) next.set(first as never);
      this.blocks[0] = next;
    }
    while (this.blocks.length * BLOCK_ROWS < rows) this.blocks.push(new Ctor(BLOCK_ROWS * d));
  }

  delete(id: number): boolean {
    if (!this.rowOf.has(id)) return false;
    this.makeWritable();
    const r = this.rowOf.get(id);
    if (r === undefined) return false;
    this.rowOf.delete(id);
    // A row in the file is never written over; one in memory is reused.
    if (r >= this.memoryBase) {
      this.idOfRow[r - this.memoryBase] = -1;
      this.freeRows.push(r);
    }
    if (this.pending.delete(id)) return true;
    const removed = this.native.remove(BigUint64Array.of(BigInt(id)));
    if ((Array.isArray(removed) ? removed[0] : removed) > 0) this.tombstones++;
    return true;
  }

  /** Build the native graph again from the rows (drops the tombstones of removed vectors). */
  rebuild(): void {
    this.makeWritable();
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
      rows.set(this.readRow(r) as never, i * d);
      i++;
    }
    this.nativeAdd(keys, rows, 0);
  }

  search(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[] {
    const n = this.rowOf.size;
    if (n === 0 || k <= 0) return [];
    if (n <= BRUTE_FORCE_MAX) return this.exact(query, k, filter);
    this.flush();
    const b1 = this.precision === 'b1';
    const q: Float32Array | Int8Array = this.precision === 'i8' || b1 ? (encodeRow(query, 'i8') as Int8Array) : query;
    let want = filter ? k * 4 : k;
    this.mapDeferredView();
    for (;;) {
      const fetch = Math.min(b1 ? Math.max(want * B1_OVERSAMPLE, B1_RESCORE_MIN) : want, n);
      const [keys, dists, counts] = this.native.search(q, fetch, 1);
      const found = Number(counts[0]);
      let out: ScoredId[] = [];
      if (b1) {
        // Sign bits only choose the candidates: each kept one is scored by cosine against its i8 row.
        for (let i = 0; i < found; i++) {
          const id = Number(keys[i]);
          if (!filter || filter(id)) out.push({ id, score: 0 });
        }
        out = this.rescore(query, out).slice(0, k);
      } else {
        for (let i = 0; i < found && out.length < k; i++) {
          const id = Number(keys[i]);
          if (filter && !filter(id)) continue;
          out.push({ id, score: 1 - dists[i] });
        }
      }
      if (out.length >= k || !filter) return out;
      if (fetch >= n || want * 4 > n / 2) return this.exact(query, k, filter);
      want *= 4;
    }
  }

  /** Cosine of `query` with each candidate's stored row, best first (rows read in file order: fewer seeks). */
  private rescore(query: Float32Array, cands: ScoredId[]): ScoredId[] {
    const d = this.dimensions;
    let qn = 0;
    for (let i = 0; i < d; i++) qn += query[i] * query[i];
    qn = Math.sqrt(qn) || 1;
    const rows = cands.map((c) => this.rowOf.get(c.id)!);
    const order = cands.map((_, i) => i).sort((a, b) => rows[a] - rows[b]);
    for (const i of order) {
      const row = this.readRow(rows[i]);
      let dot = 0;
      let rn = 0;
      for (let j = 0; j < d; j++) {
        const x = row[j];
        dot += query[j] * x;
        rn += x * x;
      }
      cands[i].score = rn > 0 ? dot / (Math.sqrt(rn) * qn) : 0;
    }
    return cands.sort((a, b) => b.score - a.score);
  }

  /** Exact cosine over every (filtered) row. */
  exact(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[] {
    const d = this.dimensions;
    let qn = 0;
    for (let i = 0; i < d; i++) qn += query[i] * query[i];
    qn = Math.sqrt(qn) || 1;
    this.materialize();
    const top: ScoredId[] = [];
    const half = rowCtor(this.precision) === Uint16Array;
    let row: Float32Array | undefined;
    for (const [id, r] of this.rowOf) {
      if (filter && !filter(id)) continue;
      let dot = 0;
      let rn = 0;
      const view = this.rowView(r);
      if (half) {
        row = decodeRow(view);
        for (let i = 0; i < d; i++) dot += query[i] * row[i];
        rn = 1;
      } else {
        for (let i = 0; i < d; i++) {
          const x = view[i];
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
    this.makeWritable();
    // Saving over the very file the rows are read from (the store never does: each save is a new file) reads them first.
    if (this.fileRows && sameFile(this.fileRows.fd, file)) this.materialize();
    this.flush();
    if (this.tombstones > 256 && this.tombstones > this.slots * 0.25) this.rebuild();
    this.native.save(file);
    if (this.precision === 'b1') {
      const ids: number[] = [];
      const rows: number[] = [];
      for (const [id, r] of this.rowOf) {
        ids.push(id);
        rows.push(r);
      }
      const d = this.dimensions;
      appendRowsSection(file, d, ids, (i) => this.readRow(rows[i]) as Int8Array);
    }
    this.useFileRows(file);
  }

  /**
   * After a save: the rows are read from the file just written, and the copies in memory are let go. Ids map to
   * the file's own row order (USearch slots, or a b1 file's rows section), as a reader's do.
   */
  private useFileRows(file: string): void {
    const fd = fs.openSync(file, 'r');
    try {
      const { keys, rowsOffset } = fileRowKeys(fd, this.dimensions, this.precision);
      let live = 0;
      for (const id of keys) if (id >= 0) live++;
      if (live !== this.rowOf.size) throw new Error('the saved vectors file does not hold every vector');
      this.close();
      this.readRowsFromFile(fd, keys, rowsOffset);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  /** An empty id map with room for the ids of `keys` (slot → id, −1 for a removed slot); returns how many are live. */
  private clearRowOf(keys: Float64Array): number {
    let live = 0;
    let end = 0;
    for (const id of keys) {
      if (id < 0) continue;
      live++;
      if (id >= end) end = id + 1;
    }
    this.rowOf.clear();
    this.rowOf.reserve(end, live);
    return live;
  }

  /** Every row is in the open file `fd` (`keys`: row → id, −1 for a removed slot); none is kept in memory. */
  private readRowsFromFile(fd: number, keys: Float64Array, rowsOffset: number): void {
    this.clearRowOf(keys);
    for (let row = 0; row < keys.length; row++) {
      const id = keys[row];
      if (id < 0) continue;
      if (this.rowOf.has(id)) throw new Error(`duplicate vector key ${id}`);
      this.rowOf.set(id, row);
    }
    this.blocks = [];
    this.idOfRow = [];
    this.freeRows = [];
    this.fileRows = { fd, offset: rowsOffset, slots: keys.length, reads: 0 };
  }

  /**
   * Load a USearch file written by `save`; throws on any inconsistency. With `view`, the graph is memory-mapped
   * and the rows stay in the file: a search needs only the graph, and the few rows a similar-code query asks for
   * are read from the open file. A writer opens the same way (a re-index that changes nothing never pays for
   * reading the index) and loads the graph into memory on its first change (`makeWritable`); its rows stay in the
   * file. `deferView` maps the graph at the first search instead of now (~0.1 s at 160k vectors): no native code
   * touches the file during `load`, so it may run before the file's checksum is known. Without `view` (a precision
   * conversion) the rows and graph are read into memory at once.
   */
  static load(file: string, dimensions: number, precision: VectorPrecision, opts: { view?: boolean; deferView?: boolean } = {}): VectorIndex {
    const fd = fs.openSync(file, 'r');
    let keep = false;
    try {
      const { keys, rowsOffset, slots } = fileRowKeys(fd, dimensions, precision);
      const vi = new VectorIndex(dimensions, precision);
      if (opts.view) {
        vi.readRowsFromFile(fd, keys, rowsOffset);
        keep = true;
        vi.viewFile = file;
        if (opts.deferView) vi.viewDeferred = true;
        else vi.mapView();
      } else {
        vi.readAllRows({ fd, offset: rowsOffset, slots: keys.length, reads: 0 }, keys);
        vi.native.load(file);
        vi.checkGraphSize();
      }
      vi.slots = slots;
      vi.tombstones = slots - vi.rowOf.size;
      return vi;
    } finally {
      if (!keep) fs.closeSync(fd);
    }
  }

  private mapView(): void {
    this.native.view(this.viewFile!);
    this.checkGraphSize();
  }

  private mapDeferredView(): void {
    if (!this.viewDeferred) return;
    this.viewDeferred = false;
    this.mapView();
  }

  private checkGraphSize(): void {
    if (this.native.size() !== this.rowOf.size) throw new Error('vector count does not match the graph');
  }

  /** Copy every live row of the file (`keys`: slot → id, −1 for a removed slot) into memory, renumbered densely, read in blocks. */
  private readAllRows(src: FileRows, keys: Float64Array, extraRows = 0): void {
    const bpv = this.dimensions * scalarBytes(this.precision);
    const live = this.clearRowOf(keys);
    this.grow(Math.max(64, live + extraRows));
    const block = Buffer.allocUnsafe(Math.min(keys.length, 4096) * bpv || bpv);
    for (let first = 0; first < keys.length; first += 4096) {
      const count = Math.min(4096, keys.length - first);
      readFully(src.fd, block, count * bpv, src.offset + first * bpv);
      for (let i = 0; i < count; i++) {
        const id = keys[first + i];
        if (id < 0) continue;
        if (this.rowOf.has(id)) throw new Error(`duplicate vector key ${id}`);
        const r = this.allocRow(id);
        const view = this.rowView(r);
        new Uint8Array(view.buffer, view.byteOffset, bpv).set(block.subarray(i * bpv, (i + 1) * bpv));
      }
    }
  }

  /**
   * A reader's rows stay in the file until something needs many of them (a cluster map, an exact scan):
   * then they are read once, and the file is closed.
   */
  private materialize(): void {
    const src = this.fileRows;
    if (!src) return;
    const keys = new Float64Array(src.slots).fill(-1);
    // A writer's rows added since its last save are in memory: copied after the file's.
    const added: [number, Row][] = [];
    for (const [id, r] of this.rowOf) {
      if (r < src.slots) keys[r] = id;
      else added.push([id, this.rowView(r).slice()]);
    }
    this.fileRows = undefined;
    this.blocks = [];
    this.idOfRow = [];
    this.freeRows = [];
    try {
      this.readAllRows(src, keys, added.length);
    } finally {
      fs.closeSync(src.fd);
    }
    for (const [id, row] of added) this.rowView(this.allocRow(id)).set(row as never);
  }

  /**
   * Before the first change: rows into memory, and the graph loaded from the viewed file (a view is read-only).
   * The file is the committed generation's, which only this writer could replace, and it has not saved since.
   */
  private makeWritable(): void {
    const file = this.viewFile;
    if (file === undefined) return;
    // The rows stay in the file (the graph's copy is the one in memory); new ones are kept in memory.
    const loaded = this.makeNative();
    loaded.load(file);
    if (loaded.size() !== this.rowOf.size) throw new Error('vector count does not match the graph');
    this.native = loaded;
    this.viewFile = undefined;
    this.viewDeferred = false;
  }

  /** Let go of the file a reader keeps open (when a newer generation replaces this one, or the store closes). */
  close(): void {
    if (this.fileRows) fs.closeSync(this.fileRows.fd);
    this.fileRows = undefined;
  }
}

function sameFile(fd: number, file: string): boolean {
  try {
    const a = fs.fstatSync(fd);
    const b = fs.statSync(file);
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/**
 * The id of each row of a vectors file (−1: a removed slot) and where its rows start: the USearch file's own rows
 * (slot order), or a b1 file's rows section (its own order, b1Rows.ts). `slots`: the USearch graph's slots.
 */
function fileRowKeys(fd: number, dimensions: number, precision: VectorPrecision): { keys: Float64Array; rowsOffset: number; slots: number } {
  const section = precision === 'b1' ? readRowsSection(fd, dimensions) : undefined;
  const { keys: slotKeys, vectorsOffset } = readUsearchLayout(fd, graphVectorBytes(precision, dimensions), section?.usearchEnd);
  if (section) sameKeys(slotKeys, section.ids);
  return { keys: section?.ids ?? slotKeys, rowsOffset: section?.rowsOffset ?? vectorsOffset, slots: slotKeys.length };
}

/**
 * A b1 file's rows section must hold exactly the graph's live keys. Compared as two sorted typed arrays: a Set of a
 * million keys was ~100 MB of a reader's heap while it opened.
 */
function sameKeys(slotKeys: Float64Array, rowIds: Float64Array): void {
  let live = 0;
  for (const k of slotKeys) if (k >= 0) live++;
  if (live !== rowIds.length) throw new Error('b1 rows do not match the graph');
  const graph = new Float64Array(live);
  let i = 0;
  for (const k of slotKeys) if (k >= 0) graph[i++] = k;
  graph.sort();
  const rows = rowIds.slice().sort();
  for (let j = 0; j < live; j++) if (graph[j] !== rows[j] || (j > 0 && rows[j] === rows[j - 1])) throw new Error('b1 rows do not match the graph');
}

/** An open vectors file a reader reads rows from: the row of slot s starts at offset + s × bytes per vector. */
interface FileRows {
  fd: number;
  offset: number;
  slots: number;
  reads: number;
}

/** Single-row reads a reader serves from its file before it reads them all into memory. */
const FILE_ROW_READS_MAX = 1024;

