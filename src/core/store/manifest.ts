// The manifest (files and chunks) in a binary encoding, read in one pass without a JSON parse: at 110k chunks the
// JSON form took 173 bytes a chunk on disk and a transient ~100 MB to parse; this takes ~120 and no intermediate.
//
// `SCSMAN03`, varint nextId, the kind and language tables (varint count, strings), varint files; per file: path,
// f64 size, f64 mtimeMs, hash, varint chunk count, u8 generated; then its chunks: zigzag varint id gap from the
// previous chunk, varint startLine, varint line count − 1, u8 kind, u8 language, symbol, part, hash, preview.
// Strings are a varint byte length + UTF-8; a hash is u8 32 + its 32 bytes when it is SHA-256 hex (always, today),
// else u8 0 + a string. Indexes that wrote the JSON form (format 2) are still read: see manifestJson.ts.
import type { ChunkKind, StoredChunk } from '../types';
import { ByteReader, ByteWriter } from './bytes';
import { ChunkTable, type EncodedChunks } from './chunkTable';
import { decodeManifestJson } from './manifestJson';
import { RecordsInFile, recordsInMemory, type RecordBytes } from './manifestRecords';
import type { FileEntry } from './types';

const MAGIC = 'SCSMAN03';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export interface ManifestData {
  nextId: number;
  files: Map<string, FileEntry>;
  chunks: ChunkTable;
}

/** What `encodeManifest` writes: the chunks as a table or a plain map. */
export interface ManifestInput {
  nextId: number;
  files: Map<string, FileEntry>;
  chunks: { readonly size: number; get(id: number): StoredChunk | undefined; values(): Iterable<StoredChunk> };
}

export function encodeManifest(data: ManifestInput): Buffer {
  const w = new ByteWriter(64 + data.chunks.size * 128);
  writeManifestTo(w, data);
  return w.done();
}

/**
 * Writes the manifest through `sink` in pieces (a save: never the whole file in memory at once). Returns what
 * reads its chunk records back from the file once it is in place: the table of where each record went, so the
 * file need not be read and parsed again.
 */
export function streamManifest(data: ManifestInput, sink: (piece: Buffer) => void): (file: string) => ChunkTable {
  const w = ByteWriter.streaming(sink);
  const layout = new RecordLayout(data.chunks.size);
  const { kinds, langs } = writeManifestTo(w, data, layout);
  w.flush();
  const bytes = w.position;
  const columns = byId(layout.ids.subarray(0, layout.count), layout.offsets, layout.fileOf, layout.lengths, data.nextId);
  const paths = layout.paths;
  // The closure holds the columns alone: holding `data` would keep the chunk table being replaced alive.
  return (file) => committedTable({ ...columns, paths }, kinds, langs, new RecordsInFile(file, bytes));
}

/**
 * The table of committed chunks over their records (its own function, so that its closures hold `records` alone,
 * not whatever the caller's scope holds: a manifest's bytes, the table a save replaces).
 */
function committedTable(columns: ChunkColumns, kinds: string[], langs: string[], records: RecordBytes): ChunkTable {
  return new ChunkTable({ ...columns, decode: recordDecoder(kinds, langs, records), hold: () => records.hold(), close: () => records.close() });
}

type ChunkColumns = Pick<EncodedChunks, 'ids' | 'offsets' | 'fileOf' | 'lengths' | 'paths'>;

/** Where each chunk record went, in the order written. */
class RecordLayout {
  readonly ids: Float64Array;
  readonly offsets: Uint32Array;
  readonly fileOf: Uint32Array;
  readonly lengths: Uint32Array;
  readonly paths: string[] = [];
  count = 0;

  constructor(chunks: number) {
    this.ids = new Float64Array(chunks);
    this.offsets = new Uint32Array(chunks);
    this.fileOf = new Uint32Array(chunks);
    this.lengths = new Uint32Array(chunks);
  }
}

function writeManifestTo(w: ByteWriter, data: ManifestInput, layout?: RecordLayout): { kinds: string[]; langs: string[] } {
  const kinds = new Map<string, number>();
  const langs = new Map<string, number>();
  for (const c of data.chunks.values()) {
    if (!kinds.has(c.kind)) kinds.set(c.kind, kinds.size);
    if (!langs.has(c.language)) langs.set(c.language, langs.size);
  }
  if (kinds.size > 255 || langs.size > 255) throw new Error('manifest: more than 255 kinds or languages');
  w.latin1(MAGIC);
  w.varint(data.nextId);
  for (const table of [kinds, langs]) {
    w.varint(table.size);
    for (const name of table.keys()) w.str(name);
  }
  w.varint(data.files.size);
  let prev = 0;
  for (const [p, f] of data.files) {
    layout?.paths.push(p);
    w.str(p);
    w.f64(f.size);
    w.f64(f.mtimeMs);
    writeHash(w, f.hash);
    w.varint(f.chunkIds.length);
    w.u8(f.generated ? 1 : 0);
    for (const id of f.chunkIds) {
      const c = data.chunks.get(id);
      if (!c) throw new Error(`manifest: chunk ${id} of ${p} is missing`);
      const gap = id - prev;
      w.varint(gap >= 0 ? gap * 2 : -gap * 2 - 1);
      prev = id;
      const at = w.position;
      if (!(c.endLine >= c.startLine && c.startLine >= 0)) throw new Error(`manifest: chunk ${id} has lines ${c.startLine}-${c.endLine}`);
      w.varint(c.startLine);
      w.varint(c.endLine - c.startLine);
      w.u8(kinds.get(c.kind)!);
      w.u8(langs.get(c.language)!);
      w.str(c.symbol);
      w.str(c.part);
      writeHash(w, c.hash);
      w.str(c.preview);
      if (layout) {
        // More chunks listed by the files than in the table is damage the read-back would report too.
        if (layout.count >= layout.ids.length) throw new Error('manifest: the files list more chunks than there are');
        layout.ids[layout.count] = id;
        layout.offsets[layout.count] = at;
        layout.fileOf[layout.count] = layout.paths.length - 1;
        layout.lengths[layout.count] = w.position - at;
        layout.count++;
      }
    }
  }
  return { kinds: [...kinds.keys()], langs: [...langs.keys()] };
}

function writeHash(w: ByteWriter, hash: string): void {
  if (HEX_SHA256.test(hash)) {
    w.u8(32);
    w.bytes(Buffer.from(hash, 'hex'));
  } else {
    w.u8(0);
    w.str(hash);
  }
}

function readHash(r: ByteReader): string {
  const tag = r.u8();
  if (tag === 32) return r.hex(32);
  if (tag === 0) return r.str();
  throw new Error('manifest has a bad hash');
}

/** Steps over a hash written by `writeHash`. */
function skipHash(r: ByteReader): void {
  const tag = r.u8();
  if (tag === 32) {
    r.need(32);
    r.o += 32;
  } else if (tag === 0) r.skipStr();
  else throw new Error('manifest has a bad hash');
}

/**
 * Reads a binary manifest, or the JSON one an index of format 2 wrote. The files are read now; each chunk record
 * is checked and stepped over, and read when the chunk is asked for (see ChunkTable): from `buf`, or, given the
 * file `buf` was read from, from that file (a reader: see manifestRecords.ts).
 */
export function decodeManifest(buf: Buffer, file?: string): ManifestData {
  if (buf.length < MAGIC.length || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    if (buf[0] === 0x7b /* { */) {
      const m = decodeManifestJson(buf.toString('utf8'));
      return { nextId: m.nextId, files: m.files, chunks: ChunkTable.fromMap(m.chunks) };
    }
    throw new Error('manifest has a bad header');
  }
  const r = new ByteReader(buf, 'manifest');
  r.o = MAGIC.length;
  const nextId = r.varint();
  const tables: string[][] = [];
  for (let t = 0; t < 2; t++) {
    const n = r.varint();
    if (n > 255) throw new Error('manifest has a bad string table');
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push(r.str());
    tables.push(names);
  }
  const [kinds, langs] = tables;
  const files = new Map<string, FileEntry>();
  const paths: string[] = [];
  // Per chunk in file order: id, record offset, file. Sorted by id below (ChunkTable finds chunks by binary search).
  // Sized for chunk records of 48 bytes or more (real ones are ~120; grown when smaller): no copies on the way.
  const guess = Math.max(1024, Math.ceil(buf.length / 48));
  let ids = new Float64Array(guess);
  let offsets = new Uint32Array(guess);
  let fileOf = new Uint32Array(guess);
  let lengths = new Uint32Array(guess);
  let count = 0;
  const nfiles = r.varint();
  let id = 0;
  for (let fi = 0; fi < nfiles; fi++) {
    const p = r.str();
    const size = r.f64();
    const mtimeMs = r.f64();
    const hash = readHash(r);
    const n = r.varint();
    const generated = r.u8() === 1;
    if (files.has(p)) throw new Error('manifest names a file twice');
    // Each chunk takes at least 8 bytes: a count beyond what is left is damage, not a reason to allocate.
    r.need(n * 8);
    if (count + n > ids.length) {
      const cap = Math.max(ids.length * 2, count + n);
      ids = grown(ids, cap);
      offsets = grown(offsets, cap);
      fileOf = grown(fileOf, cap);
      lengths = grown(lengths, cap);
    }
    const chunkIds: number[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const z = r.varint();
      id += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      if (!Number.isSafeInteger(id) || id < 0 || id >= nextId || id > MAX_ID) throw new Error('manifest has a bad chunk id');
      ids[count] = id;
      offsets[count] = r.o;
      fileOf[count] = paths.length;
      count++;
      r.varint();
      r.varint();
      if (kinds[r.u8()] === undefined || langs[r.u8()] === undefined) throw new Error('manifest has a bad string index');
      r.skipStr();
      r.skipStr();
      skipHash(r);
      r.skipStr();
      lengths[count - 1] = r.o - offsets[count - 1];
      chunkIds[j] = id;
    }
    paths.push(p);
    files.set(p, generated ? { size, mtimeMs, hash, chunkIds, generated: true } : { size, mtimeMs, hash, chunkIds });
  }
  if (!r.done) throw new Error('manifest has trailing bytes');
  const table = byId(ids.subarray(0, count), offsets, fileOf, lengths, nextId);
  const records = file === undefined ? recordsInMemory(buf) : new RecordsInFile(file, buf.length);
  return { nextId, files, chunks: committedTable({ ...table, paths }, kinds, langs, records) };
}

/** Reads the chunk record at an offset (its own function: a closure beside `buf` would keep the buffer alive). */
function recordDecoder(kinds: string[], langs: string[], records: RecordBytes): (id: number, offset: number, length: number, path: string) => StoredChunk {
  return (id, offset, length, path) => {
    const { buf, at } = records.read(offset, length);
    const c = new ByteReader(buf, 'manifest');
    c.o = at;
    const startLine = c.varint();
    const endLine = startLine + c.varint();
    const kind = kinds[c.u8()] as ChunkKind;
    const language = langs[c.u8()];
    const symbol = c.str();
    const part = c.str();
    const hash = readHash(c);
    const preview = c.str();
    return { id, path, startLine, endLine, kind, symbol, part, language, hash, preview };
  };
}

/** Ids are u32 in the lexical file too. */
const MAX_ID = 0xffffffff;

function grown<T extends Float64Array | Uint32Array>(a: T, capacity: number): T {
  const next = new (a.constructor as new (n: number) => T)(capacity);
  next.set(a);
  return next;
}

/** The chunk columns in ascending id order; a repeated id is damage. */
function byId(
  ids: Float64Array,
  offsets: Uint32Array,
  fileOf: Uint32Array,
  lengths: Uint32Array,
  nextId: number,
): { ids: Uint32Array; offsets: Uint32Array; fileOf: Uint32Array; lengths: Uint32Array } {
  const n = ids.length;
  const order = new Uint32Array(n);
  if (n > 0 && nextId <= 8 * n + 1024) {
    // Ids are below nextId, and few are unused: place each position at its id (linear, no sort).
    const at = new Int32Array(nextId).fill(-1);
    for (let i = 0; i < n; i++) {
      if (at[ids[i]] !== -1) throw new Error('manifest has a bad chunk id');
      at[ids[i]] = i;
    }
    let k = 0;
    for (let id = 0; id < nextId; id++) if (at[id] !== -1) order[k++] = at[id];
  } else if (n < 2 ** 22 && n > 0) {
    // A native numeric sort of id × 2^22 + position when that stays exact, else a comparator.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ids[i] * 2 ** 22 + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % 2 ** 22;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => ids[a] - ids[b]);
  }
  const out = { ids: new Uint32Array(n), offsets: new Uint32Array(n), fileOf: new Uint32Array(n), lengths: new Uint32Array(n) };
  for (let i = 0; i < n; i++) {
    const p = order[i];
    out.ids[i] = ids[p];
    out.offsets[i] = offsets[p];
    out.fileOf[i] = fileOf[p];
    out.lengths[i] = lengths[p];
    if (i > 0 && out.ids[i] === out.ids[i - 1]) throw new Error('manifest has a bad chunk id');
  }
  return out;
}
