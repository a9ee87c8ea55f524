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
import { decodeManifestJson } from './manifestJson';
import type { FileEntry } from './types';

const MAGIC = 'SCSMAN03';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export interface ManifestData {
  nextId: number;
  files: Map<string, FileEntry>;
  chunks: Map<number, StoredChunk>;
}

export function encodeManifest(data: ManifestData): Buffer {
  const kinds = new Map<string, number>();
  const langs = new Map<string, number>();
  for (const c of data.chunks.values()) {
    if (!kinds.has(c.kind)) kinds.set(c.kind, kinds.size);
    if (!langs.has(c.language)) langs.set(c.language, langs.size);
  }
  if (kinds.size > 255 || langs.size > 255) throw new Error('manifest: more than 255 kinds or languages');
  const w = new ByteWriter(64 + data.chunks.size * 128);
  w.latin1(MAGIC);
  w.varint(data.nextId);
  for (const table of [kinds, langs]) {
    w.varint(table.size);
    for (const name of table.keys()) w.str(name);
  }
  w.varint(data.files.size);
  let prev = 0;
  for (const [p, f] of data.files) {
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
      if (!(c.endLine >= c.startLine && c.startLine >= 0)) throw new Error(`manifest: chunk ${id} has lines ${c.startLine}-${c.endLine}`);
      w.varint(c.startLine);
      w.varint(c.endLine - c.startLine);
      w.u8(kinds.get(c.kind)!);
      w.u8(langs.get(c.language)!);
      w.str(c.symbol);
      w.str(c.part);
      writeHash(w, c.hash);
      w.str(c.preview);
    }
  }
  return w.done();
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

/** Reads a binary manifest, or the JSON one an index of format 2 wrote. */
export function decodeManifest(buf: Buffer): ManifestData {
  if (buf.length < MAGIC.length || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    if (buf[0] === 0x7b /* { */) return decodeManifestJson(buf.toString('utf8'));
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
  const chunks = new Map<number, StoredChunk>();
  const nfiles = r.varint();
  let id = 0;
  for (let fi = 0; fi < nfiles; fi++) {
    const p = r.str();
    const size = r.f64();
    const mtimeMs = r.f64();
    const hash = readHash(r);
    const count = r.varint();
    const generated = r.u8() === 1;
    if (files.has(p)) throw new Error('manifest names a file twice');
    // Each chunk takes at least 8 bytes: a count beyond what is left is damage, not a reason to allocate.
    r.need(count * 8);
    const chunkIds: number[] = new Array(count);
    for (let j = 0; j < count; j++) {
      const z = r.varint();
      id += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      if (!Number.isSafeInteger(id) || id < 0 || id >= nextId || chunks.has(id)) throw new Error('manifest has a bad chunk id');
      const startLine = r.varint();
      const endLine = startLine + r.varint();
      const kind = kinds[r.u8()];
      const language = langs[r.u8()];
      if (kind === undefined || language === undefined) throw new Error('manifest has a bad string index');
      const symbol = r.str();
      const part = r.str();
      const chunkHash = readHash(r);
      const preview = r.str();
      chunkIds[j] = id;
      chunks.set(id, { id, path: p, startLine, endLine, kind: kind as ChunkKind, symbol, part, language, hash: chunkHash, preview });
    }
    files.set(p, generated ? { size, mtimeMs, hash, chunkIds, generated: true } : { size, mtimeMs, hash, chunkIds });
  }
  if (!r.done) throw new Error('manifest has trailing bytes');
  return { nextId, files, chunks };
}
