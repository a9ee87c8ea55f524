// The index store: manifest + vectors + lexical index + reuse cache in one folder, saved as
// generation-numbered files that `current.json` (renamed into place last) names as a set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelIdentity, StoredChunk, VectorPrecision } from '../types';
import { fileSize, isEnoent } from './files';
import { commitGeneration, committedFiles, nextGeneration, removeOtherGenerations, removeTempFiles, writeDataFiles, type GenerationFiles } from './generations';
import { CURRENT_FILE, FORMAT_VERSION, dataFileName, type CurrentRecord, type DataName } from './layout';
import { LexicalIndex } from './lexical';
import { WriterLock } from './lock';
import { decodeManifest, encodeManifest } from './manifest';
import { encodeRow, i8ToRow, rowToI8, type Row } from './quantize';
import { ReuseCache } from './reuseCache';
import type { FileEntry, IndexStore, OpenStoreOptions, ScoredId } from './types';
import { CONNECTIVITY, VectorIndex } from './vectors';

const PREVIEW_MAX = 200;

/** Read `current.json` only (cheap: for status displays). Null when missing or unreadable. */
export function readCurrentRecord(indexDir: string): CurrentRecord | null {
  try {
    const rec = JSON.parse(fs.readFileSync(path.join(indexDir, CURRENT_FILE), 'utf8')) as CurrentRecord;
    return rec && typeof rec === 'object' && typeof rec.generation === 'number' ? rec : null;
  } catch {
    return null;
  }
}

function describeModel(m: ModelIdentity | undefined): string {
  if (!m || typeof m !== 'object') return 'an unknown model';
  return `${m.name} (${m.dimensions} dims, sha256 ${String(m.sha256).slice(0, 12)})`;
}

function sameIdentity(a: ModelIdentity, b: ModelIdentity): boolean {
  return a.name === b.name && a.sha256 === b.sha256 && a.dimensions === b.dimensions;
}

const PRECISION_RANK: Record<VectorPrecision, number> = { i8: 1, f16: 2, f32: 3 };

class LoadProblem extends Error {}

interface Loaded {
  generation: number;
  nextId: number;
  files: Map<string, FileEntry>;
  chunks: Map<number, StoredChunk>;
  vectors: VectorIndex;
  lexical: LexicalIndex;
  reuse: ReuseCache;
  skipped: Record<string, number>;
  savedAt: number | null;
  sizes: Record<string, number>;
  message?: string;
}

class Store implements IndexStore {
  readonly indexDir: string;
  readonly identity: ModelIdentity;
  readonly precision: VectorPrecision;
  message?: string;

  private readonly write: boolean;
  private writerLock: WriterLock | null = null;
  private generation = 0;
  private nextId = 0;
  private files = new Map<string, FileEntry>();
  private chunks = new Map<number, StoredChunk>();
  /** Live chunk ids by content hash. */
  private byHash = new Map<string, number | number[]>();
  private vectors: VectorIndex;
  private lexical = new LexicalIndex();
  private reuse: ReuseCache;
  private skipped: Record<string, number> = {};
  private savedAt: number | null = null;
  private sizes: Record<string, number> = {};
  private dirty = false;
  private closed = false;

  constructor(opts: OpenStoreOptions) {
    this.indexDir = path.resolve(opts.indexDir);
    this.identity = { name: opts.identity.name, sha256: opts.identity.sha256, dimensions: opts.identity.dimensions };
    this.precision = opts.precision;
    this.write = opts.write !== false;
    this.vectors = new VectorIndex(this.identity.dimensions, this.precision);
    this.reuse = new ReuseCache(this.identity.dimensions);
  }

  // ---------------------------------------------------------------- open / lock / load

  async open(): Promise<void> {
    if (!['i8', 'f16', 'f32'].includes(this.precision)) throw new Error(`Unknown vector precision ${this.precision}`);
    if (!(Number.isInteger(this.identity.dimensions) && this.identity.dimensions > 0)) throw new Error('Model dimensions must be a positive integer');
    if (this.write) {
      await fs.promises.mkdir(this.indexDir, { recursive: true });
      this.writerLock = await WriterLock.acquire(this.indexDir);
      try {
        await removeTempFiles(this.indexDir);
      } catch {
        // Leftovers are harmless; the next save removes them.
      }
    }
    let loaded: Loaded | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        loaded = this.load();
        break;
      } catch (err) {
        // A reader can race a writer that replaced the generation between our reads: retry.
        if (!this.write && attempt < 3 && (isEnoent(err) || err instanceof LoadProblem)) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        this.message = `The index in ${this.indexDir} could not be read (${(err as Error).message}); rebuilding it.`;
        break;
      }
    }
    if (loaded) this.adopt(loaded);
  }

  /** Load the generation `current.json` names. Null for a fresh folder; throws on damage. */
  private load(): Loaded | null {
    const curPath = path.join(this.indexDir, CURRENT_FILE);
    let text: string;
    try {
      text = fs.readFileSync(curPath, 'utf8');
    } catch (err) {
      if (isEnoent(err)) return null;
      throw err;
    }
    let rec: CurrentRecord;
    try {
      rec = JSON.parse(text) as CurrentRecord;
    } catch {
      throw new Error(`${CURRENT_FILE} is not valid JSON`);
    }
    if (!rec || typeof rec !== 'object') throw new Error(`${CURRENT_FILE} is malformed`);
    if (rec.format !== FORMAT_VERSION) {
      this.message = `Index format ${String(rec.format)} is not the current format ${FORMAT_VERSION}; rebuilding the index.`;
      return null;
    }
    if (!rec.identity || !sameIdentity(rec.identity, this.identity)) {
      this.message = `Index was built with model ${describeModel(rec.identity)}; rebuilding for model ${describeModel(this.identity)}.`;
      return null;
    }
    const stored = rec.precision;
    if (!(stored in PRECISION_RANK)) throw new Error(`${CURRENT_FILE} names an unknown precision`);
    if (stored !== this.precision && PRECISION_RANK[stored] < PRECISION_RANK[this.precision]) {
      this.message = `Index vectors were stored at ${stored}; rebuilding them at ${this.precision}.`;
      return null;
    }
    const sizes: Record<string, number> = {};
    const pathOf = (name: DataName): string => {
      const f = rec.files?.[name];
      if (!f || typeof f.name !== 'string' || f.name !== dataFileName(name, rec.generation)) throw new Error(`${CURRENT_FILE} does not name the ${name} file`);
      const p = path.join(this.indexDir, f.name);
      const size = fileSize(p);
      if (size < 0) throw new LoadProblem(`${f.name} is missing`);
      if (size !== f.bytes) throw new Error(`${f.name} has ${size} bytes, expected ${f.bytes}`);
      sizes[name] = size;
      return p;
    };
    const manifest = decodeManifest(fs.readFileSync(pathOf('manifest'), 'utf8'));
    let vectors = VectorIndex.load(pathOf('vectors'), this.identity.dimensions, stored, { view: !this.write && stored === this.precision });
    const lexical = LexicalIndex.decode(fs.readFileSync(pathOf('lexical')));
    const reuse = ReuseCache.decode(fs.readFileSync(pathOf('reuse')), this.identity.dimensions);
    sizes.current = Buffer.byteLength(text);

    // The files must agree with each other.
    for (const id of vectors.ids()) if (!manifest.chunks.has(id)) throw new Error(`vector ${id} has no chunk`);
    if (lexical.size !== manifest.chunks.size) throw new Error('lexical index and manifest disagree');
    for (const id of manifest.chunks.keys()) if (!lexical.has(id)) throw new Error(`chunk ${id} is missing from the lexical index`);
    if (typeof rec.chunks === 'number' && rec.chunks !== manifest.chunks.size) throw new Error('chunk count differs from the commit record');
    if (typeof rec.vectors === 'number' && rec.vectors !== vectors.size) throw new Error('vector count differs from the commit record');

    let message: string | undefined;
    if (stored !== this.precision) {
      // Lower precision requested: convert in place, no embedding needed.
      const converted = new VectorIndex(this.identity.dimensions, this.precision);
      for (const id of [...vectors.ids()]) converted.setRow(id, encodeRow(vectors.get(id)!, this.precision));
      vectors = converted;
      message = `Index vectors converted from ${stored} to ${this.precision}.`;
    }
    return {
      generation: rec.generation,
      nextId: manifest.nextId,
      files: manifest.files,
      chunks: manifest.chunks,
      vectors,
      lexical,
      reuse,
      skipped: rec.skipped && typeof rec.skipped === 'object' ? { ...rec.skipped } : {},
      savedAt: typeof rec.savedAt === 'number' ? rec.savedAt : null,
      sizes,
      message,
    };
  }

  private adopt(l: Loaded): void {
    this.generation = l.generation;
    this.nextId = l.nextId;
    this.files = l.files;
    this.chunks = l.chunks;
    this.vectors = l.vectors;
    this.lexical = l.lexical;
    this.reuse = l.reuse;
    this.skipped = l.skipped;
    this.savedAt = l.savedAt;
    this.sizes = l.sizes;
    this.byHash.clear();
    for (const c of this.chunks.values()) this.addHash(c.hash, c.id);
    if (l.message) {
      this.message = l.message;
      this.dirty = true;
    }
  }

  // ---------------------------------------------------------------- hash bookkeeping

  private addHash(hash: string, id: number): void {
    const cur = this.byHash.get(hash);
    if (cur === undefined) this.byHash.set(hash, id);
    else if (typeof cur === 'number') this.byHash.set(hash, [cur, id]);
    else cur.push(id);
  }

  private removeHash(hash: string, id: number): void {
    const cur = this.byHash.get(hash);
    if (cur === undefined) return;
    if (typeof cur === 'number') {
      if (cur === id) this.byHash.delete(hash);
      return;
    }
    const i = cur.indexOf(id);
    if (i >= 0) cur.splice(i, 1);
    if (cur.length === 1) this.byHash.set(hash, cur[0]);
    else if (cur.length === 0) this.byHash.delete(hash);
  }

  private idsOf(hash: string): number[] {
    const cur = this.byHash.get(hash);
    return cur === undefined ? [] : typeof cur === 'number' ? [cur] : cur;
  }

  /** A copy of a live vector row for this hash, if any chunk with it has one. */
  private liveRow(hash: string, except?: number): Row | undefined {
    for (const id of this.idsOf(hash)) {
      if (id === except) continue;
      const row = this.vectors.getRow(id);
      if (row) return row.slice();
    }
    return undefined;
  }

  // ---------------------------------------------------------------- manifest

  getFile(p: string): FileEntry | undefined {
    return this.files.get(p);
  }

  allFiles(): IterableIterator<[string, FileEntry]> {
    return this.files.entries();
  }

  fileCount(): number {
    return this.files.size;
  }

  putFile(
    p: string,
    entry: Omit<FileEntry, 'chunkIds'>,
    chunks: (Omit<StoredChunk, 'id'> & { lexicalText: string })[],
  ): { ids: number[]; needVector: number[] } {
    const stash = new Map<string, Row>();
    if (this.files.has(p)) this.removeInternal(p, stash);
    const ids: number[] = [];
    const needVector: number[] = [];
    for (const c of chunks) {
      const id = this.nextId++;
      const stored: StoredChunk = {
        id,
        path: p,
        startLine: c.startLine,
        endLine: c.endLine,
        kind: c.kind,
        symbol: c.symbol,
        language: c.language,
        hash: c.hash,
        preview: c.preview.length > PREVIEW_MAX ? c.preview.slice(0, PREVIEW_MAX) : c.preview,
      };
      let row: Row | undefined = stash.get(c.hash) ?? this.liveRow(c.hash);
      if (!row) {
        const cached = this.reuse.take(c.hash);
        if (cached) row = i8ToRow(cached, this.precision);
      }
      this.chunks.set(id, stored);
      this.addHash(c.hash, id);
      this.lexical.add(id, c.lexicalText);
      if (row) this.vectors.setRow(id, row);
      else needVector.push(id);
      ids.push(id);
    }
    for (const [hash, row] of stash) if (this.idsOf(hash).length === 0) this.reuse.put(hash, rowToI8(row));
    this.files.set(p, { size: entry.size, mtimeMs: entry.mtimeMs, hash: entry.hash, chunkIds: ids });
    this.dirty = true;
    return { ids, needVector };
  }

  touchFile(p: string, size: number, mtimeMs: number): void {
    const f = this.files.get(p);
    if (!f) return;
    f.size = size;
    f.mtimeMs = mtimeMs;
    this.dirty = true;
  }

  removeFile(p: string): number {
    const n = this.removeInternal(p);
    if (n >= 0) this.dirty = true;
    return Math.max(0, n);
  }

  /** Remove a file's chunks; vectors whose hash no longer occurs go to `stash` or the reuse cache. -1 when unknown. */
  private removeInternal(p: string, stash?: Map<string, Row>): number {
    const f = this.files.get(p);
    if (!f) return -1;
    for (const id of f.chunkIds) {
      const c = this.chunks.get(id);
      this.chunks.delete(id);
      this.lexical.remove(id);
      const row = this.vectors.getRow(id);
      if (c) this.removeHash(c.hash, id);
      if (row && c) {
        const stillLive = this.idsOf(c.hash).some((other) => this.vectors.has(other));
        if (!stillLive) {
          if (stash) stash.set(c.hash, row.slice());
          else this.reuse.put(c.hash, rowToI8(row));
        }
      }
      if (row) this.vectors.delete(id);
    }
    this.files.delete(p);
    return f.chunkIds.length;
  }

  getChunk(id: number): StoredChunk | undefined {
    return this.chunks.get(id);
  }

  chunkCount(): number {
    return this.chunks.size;
  }

  allChunks(): IterableIterator<StoredChunk> {
    return this.chunks.values();
  }

  /** Ids of chunks that have no vector yet (e.g. an indexing run was cancelled before embedding them). */
  missingVectors(): number[] {
    const out: number[] = [];
    for (const id of this.chunks.keys()) if (!this.vectors.has(id)) out.push(id);
    return out;
  }

  // ---------------------------------------------------------------- vectors

  setVector(id: number, vector: Float32Array): void {
    if (vector.length !== this.identity.dimensions) {
      throw new Error(`Vector has ${vector.length} dimensions; the model ${this.identity.name} has ${this.identity.dimensions}`);
    }
    const c = this.chunks.get(id);
    if (!c) return; // The chunk was removed while its vector was computed.
    this.vectors.setFloat(id, vector);
    // Chunks with the same content that still wait for a vector get it too.
    for (const other of this.idsOf(c.hash)) {
      if (other !== id && !this.vectors.has(other)) this.vectors.setRow(other, this.vectors.getRow(id)!.slice());
    }
    this.dirty = true;
  }

  getVector(id: number): Float32Array | undefined {
    return this.vectors.get(id);
  }

  vectorCount(): number {
    return this.vectors.size;
  }

  searchVectors(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[] {
    if (query.length !== this.identity.dimensions) throw new Error(`Query vector has ${query.length} dimensions, expected ${this.identity.dimensions}`);
    return this.vectors.search(query, k, filter);
  }

  searchLexical(query: string, k: number, filter?: (id: number) => boolean): ScoredId[] {
    return this.lexical.search(query, k, filter);
  }

  // ---------------------------------------------------------------- stats

  setSkipped(skipped: Record<string, number>): void {
    this.skipped = { ...skipped };
  }

  getSkipped(): Record<string, number> {
    return { ...this.skipped };
  }

  lastIndexedAt(): number | null {
    return this.savedAt;
  }

  diskUsage(): Record<string, number> {
    return { ...this.sizes };
  }

  // ---------------------------------------------------------------- save / close

  async save(): Promise<void> {
    if (!this.write) throw new Error('This index store was opened read-only');
    if (this.closed) throw new Error('This index store is closed');
    await fs.promises.mkdir(this.indexDir, { recursive: true });
    const savedAt = Date.now();
    let generation = this.generation;
    let files: GenerationFiles;
    if (this.dirty || generation === 0) {
      generation = nextGeneration(this.indexDir, this.generation);
      files = await writeDataFiles(this.indexDir, generation, {
        manifest: { encode: () => encodeManifest({ nextId: this.nextId, files: this.files, chunks: this.chunks }) },
        vectors: { saveTo: (tmp) => this.vectors.save(tmp) },
        lexical: { encode: () => this.lexical.encode() },
        reuse: { encode: () => this.reuse.encode() },
      });
    } else {
      // Nothing changed since the last save: commit the same data files again with the new record.
      files = committedFiles(generation, this.sizes);
    }
    this.sizes = await commitGeneration(this.indexDir, {
      format: FORMAT_VERSION,
      generation,
      identity: this.identity,
      precision: this.precision,
      connectivity: CONNECTIVITY,
      savedAt,
      skipped: this.skipped,
      chunks: this.chunks.size,
      vectors: this.vectors.size,
      files,
    });
    this.generation = generation;
    this.savedAt = savedAt;
    this.dirty = false;
    await removeOtherGenerations(this.indexDir, generation);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writerLock?.release();
  }

  /** Set when the writer lock was lost (e.g. the process stalled past the stale limit). */
  lockLost(): Error | null {
    return this.writerLock?.lost ?? null;
  }
}

/**
 * Open (or create) the index in `opts.indexDir`. Writers (default) take the single-writer lock
 * and throw IndexLockedError when another live process holds it; readers (`write: false`) never
 * lock and never write. A damaged, foreign or outdated index opens empty with `message` set.
 */
export async function openIndexStore(opts: OpenStoreOptions): Promise<IndexStore> {
  const store = new Store(opts);
  await store.open();
  return store;
}
