// The chunks of an index, most of them left encoded in the manifest they were read from: a chunk is decoded when
// asked for, so opening 100k chunks builds no 100k objects (tens of MB of strings and a tenth of a second of
// parsing and collection), and a re-index that changes nothing never decodes one. Chunks added since the manifest
// was read are kept as objects; a removed committed chunk is forgotten by its offset.
import type { StoredChunk } from '../types';

/**
 * Where the committed chunks are, in ascending id order (found by binary search: the table is sized by the chunks,
 * not by the id counter): `decode(id, offset, length, path)` reads the record at `offset` of the manifest.
 */
export interface EncodedChunks {
  ids: Uint32Array;
  /** Offset of each chunk's record (0: removed since). */
  offsets: Uint32Array;
  /** Index into `paths` of each chunk's file. */
  fileOf: Uint32Array;
  /** Byte length of each chunk's record. */
  lengths: Uint32Array;
  paths: string[];
  decode(id: number, offset: number, length: number, path: string): StoredChunk;
  /** Many records are about to be read (returns the release); see manifestRecords.ts. */
  hold?(): () => void;
  /** Release what the records are read from (a reader's open manifest file). */
  close?(): void;
}

export class ChunkTable {
  private readonly added = new Map<number, StoredChunk>();
  private committed: number;

  constructor(private readonly encoded?: EncodedChunks) {
    this.committed = encoded?.ids.length ?? 0;
  }

  static fromMap(chunks: Map<number, StoredChunk>): ChunkTable {
    const t = new ChunkTable();
    for (const [id, c] of chunks) t.added.set(id, c);
    return t;
  }

  get size(): number {
    return this.committed + this.added.size;
  }

  /** Position of a committed chunk in the encoded table, or −1. */
  private position(id: number): number {
    const e = this.encoded;
    if (!e) return -1;
    let lo = 0;
    let hi = e.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = e.ids[mid];
      if (v === id) return e.offsets[mid] === 0 ? -1 : mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(id: number): boolean {
    return this.added.has(id) || this.position(id) >= 0;
  }

  get(id: number): StoredChunk | undefined {
    const c = this.added.get(id);
    if (c) return c;
    const i = this.position(id);
    if (i < 0) return undefined;
    const e = this.encoded!;
    return e.decode(id, e.offsets[i], e.lengths[i], e.paths[e.fileOf[i]]);
  }

  set(id: number, chunk: StoredChunk): void {
    this.delete(id);
    this.added.set(id, chunk);
  }

  delete(id: number): boolean {
    if (this.added.delete(id)) return true;
    const i = this.position(id);
    if (i < 0) return false;
    this.encoded!.offsets[i] = 0;
    this.committed--;
    return true;
  }

  *keys(): IterableIterator<number> {
    const e = this.encoded;
    if (e) for (let i = 0; i < e.ids.length; i++) if (e.offsets[i] !== 0) yield e.ids[i];
    yield* this.added.keys();
  }

  *values(): IterableIterator<StoredChunk> {
    for (const [, c] of this.entries()) yield c;
  }

  *entries(): IterableIterator<[number, StoredChunk]> {
    const e = this.encoded;
    if (e && this.committed > 0) {
      const release = e.hold?.();
      try {
        for (let i = 0; i < e.ids.length; i++) if (e.offsets[i] !== 0) yield [e.ids[i], e.decode(e.ids[i], e.offsets[i], e.lengths[i], e.paths[e.fileOf[i]])];
      } finally {
        release?.();
      }
    }
    yield* this.added.entries();
  }

  /** Every chunk is about to be read: the committed records stay in memory until the returned release is called. */
  hold(): () => void {
    return this.encoded?.hold?.() ?? (() => undefined);
  }

  /** Done with the committed records: a reader's manifest file is closed. */
  close(): void {
    this.encoded?.close?.();
  }

  [Symbol.iterator](): IterableIterator<[number, StoredChunk]> {
    return this.entries();
  }
}
