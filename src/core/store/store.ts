// The index store: manifest + vectors + lexical index + reuse cache of one index folder, in memory.
// It owns the chunks and their vectors; the folder itself is handled by its neighbours: the writer
// lock (lock.ts), loading a committed generation (load.ts) and committing a new one (generations.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncompleteRun, LexicalTerms, ModelIdentity, SkipReason, StoredChunk, VectorPrecision } from '../types';
import { ContentSkips } from './contentSkips';
import { assertIndexFolderUsable } from './files';
import { commitGeneration, commitStagedGeneration, nextGeneration, removeOtherGenerations, removeTempFiles, writeDataFiles, type GenerationFiles } from './generations';
import { ChunkTable } from './chunkTable';
import { IdsByHash } from './idsByHash';
import { FORMAT_VERSION } from './layout';
import { LexicalIndex, type CorpusStats, type LexicalDocument } from './lexical';
import { LazyLexical } from './lexical/lazy';
import { loadIndex, readCurrentRecord, type LoadedIndex } from './load';
import { WriterLock, commitStamp } from './lock';
import { IndexLockedError } from '../errors';
import { streamManifest } from './manifest';
import { i8ToRow, rowToI8, type Row } from './quantize';
import { ReuseCache } from './reuseCache';
import type { FileEntry, IndexStore, LexicalFields, OpenStoreOptions, ScoredId } from './types';
import { CONNECTIVITY, VectorIndex } from './vectors';

const PREVIEW_MAX = 200;

export class Store implements IndexStore {
  readonly indexDir: string;
  readonly identity: ModelIdentity;
  /** As asked for; a reader's becomes the stored precision on load (it searches the vectors as they are). */
  precision: VectorPrecision;
  private readonly modelDir?: string;
  message?: string;
  /** The index on disk was damaged and is not used; cleared by the first successful save (the rebuild). */
  damaged = false;

  private write: boolean;
  /** Which commit the data in memory came from (see commitStamp): a reader reloads when it changes. */
  private loadedStamp: string | null = null;
  private readonly verifyChecksums: boolean;
  private writerLock: WriterLock | null = null;
  private generation = 0;
  private nextId = 0;
  private files = new Map<string, FileEntry>();
  private chunks = new ChunkTable();
  /** A writer's live chunk ids by content hash, built on first use (see `hashes`). */
  private byHash: IdsByHash | undefined;
  private vectors: VectorIndex;
  private lexical: LazyLexical;
  private reuse: ReuseCache;
  private skipped: Record<string, number> = {};
  private contentSkips = new ContentSkips();
  private incompleteRun: IncompleteRun | null = null;
  private savedAt: number | null = null;
  private sizes: Record<string, number> = {};
  /** The data files of the committed generation (names, sizes, checksums). */
  private committed: GenerationFiles | null = null;
  private dirty = false;
  /** Counts changes to files, chunks and the lexical index (see `settle`). */
  private changes = 0;
  private closed = false;

  constructor(opts: OpenStoreOptions) {
    this.indexDir = path.resolve(opts.indexDir);
    this.identity = { name: opts.identity.name, sha256: opts.identity.sha256, dimensions: opts.identity.dimensions };
    this.precision = opts.precision;
    this.modelDir = opts.modelDir;
    this.write = opts.write !== false;
    this.verifyChecksums = opts.verifyChecksums !== false;
    this.vectors = new VectorIndex(this.identity.dimensions, this.precision);
    this.reuse = new ReuseCache(this.identity.dimensions);
    this.lexical = LazyLexical.of(new LexicalIndex(opts.lexical));
  }

  // ---------------------------------------------------------------- open

  async open(): Promise<void> {
    if (!['i8', 'f16', 'f32', 'b1'].includes(this.precision)) throw new Error(`Unknown vector precision ${this.precision}`);
    if (!(Number.isInteger(this.identity.dimensions) && this.identity.dimensions > 0)) throw new Error('Model dimensions must be a positive integer');
    assertIndexFolderUsable(this.indexDir);
    if (this.write) {
      await fs.promises.mkdir(this.indexDir, { recursive: true });
      this.writerLock = await WriterLock.acquire(this.indexDir);
      // Leftovers are harmless if they cannot be removed: the next save removes them.
      await removeTempFiles(this.indexDir).catch(() => undefined);
    }
    try {
      await this.load();
    } catch (err) {
      // An index that cannot be opened must not keep the folder locked for others.
      await this.writerLock?.release().catch(() => undefined);
      this.writerLock = null;
      throw err;
    }
  }

  get writable(): boolean {
    return this.write;
  }

  private async load(): Promise<void> {
    const stamp = commitStamp(this.indexDir);
    const { index, message, damaged } = await loadIndex({ indexDir: this.indexDir, identity: this.identity, precision: this.precision, write: this.write, verifyChecksums: this.verifyChecksums });
    this.loadedStamp = stamp;
    this.message = message;
    this.damaged = damaged === true;
    if (index) this.adopt(index);
  }

  async refresh(): Promise<boolean> {
    if (this.write || this.closed || commitStamp(this.indexDir) === this.loadedStamp) return false;
    await this.load();
    return true;
  }

  async takeOver(): Promise<boolean> {
    if (this.write) return true;
    if (this.closed) return false;
    try {
      this.writerLock = await WriterLock.acquire(this.indexDir);
    } catch (err) {
      if (err instanceof IndexLockedError) return false;
      throw err;
    }
    this.write = true;
    await removeTempFiles(this.indexDir).catch(() => undefined);
    // A reader's vectors are a read-only view of the file: load them again, writable.
    this.loadedStamp = null;
    await this.load();
    return true;
  }

  private adopt(l: LoadedIndex): void {
    this.generation = l.generation;
    this.nextId = l.nextId;
    this.files = l.files;
    if (this.chunks !== l.chunks) this.chunks.close();
    this.chunks = l.chunks;
    if (this.vectors !== l.vectors) this.vectors.close();
    this.vectors = l.vectors;
    this.precision = l.vectors.precision;
    if (this.lexical !== l.lexical) this.lexical.close();
    this.lexical = l.lexical;
    this.reuse = l.reuse;
    this.skipped = l.skipped;
    this.contentSkips = l.contentSkips;
    this.incompleteRun = l.incomplete;
    this.savedAt = l.savedAt;
    this.sizes = l.sizes;
    this.committed = l.committed;
    this.byHash = undefined;
    if (l.changed) this.dirty = true;
  }

  // ---------------------------------------------------------------- vector reuse

  /** Chunk ids by content hash (only a writer reuses vectors), built when a change first needs it. */
  private hashes(): IdsByHash {
    if (!this.byHash) {
      const byHash = new IdsByHash((id) => this.chunks.get(id)?.hash);
      for (const c of this.chunks.values()) byHash.add(c.hash, c.id);
      this.byHash = byHash;
    }
    return this.byHash;
  }

  /** A copy of a live vector row for this hash, if any chunk with it has one. */
  private liveRow(hash: string, except?: number): Row | undefined {
    for (const id of this.hashes().ids(hash)) {
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
    chunks: (Omit<StoredChunk, 'id'> & { lexical: LexicalFields | LexicalTerms })[],
  ): { ids: number[]; needVector: number[] } {
    // Taken before the first change: the committed lexical documents are checked against the chunks as loaded.
    const lex = this.lexical.edits();
    const stash = new Map<string, Row>();
    if (this.files.has(p)) this.removeInternal(p, stash);
    const ids: number[] = [];
    const needVector: number[] = [];
    for (const c of chunks) {
      const id = this.nextId++;
      const { lexical, ...fields } = c;
      const preview = c.preview.length > PREVIEW_MAX ? c.preview.slice(0, PREVIEW_MAX) : c.preview;
      const stored: StoredChunk = { ...fields, id, path: p, preview };
      let row: Row | undefined = stash.get(c.hash) ?? this.liveRow(c.hash);
      if (!row) {
        const cached = this.reuse.take(c.hash);
        if (cached) row = i8ToRow(cached, this.precision);
      }
      this.chunks.set(id, stored);
      this.hashes().add(c.hash, id);
      lex.add(id, lexical);
      if (row) this.vectors.setRow(id, row);
      else needVector.push(id);
      ids.push(id);
    }
    for (const [hash, row] of stash) if (this.hashes().ids(hash).length === 0) this.reuse.put(hash, rowToI8(row));
    const file: FileEntry = { size: entry.size, mtimeMs: entry.mtimeMs, hash: entry.hash, chunkIds: ids };
    if (entry.generated) file.generated = true;
    this.files.set(p, file);
    this.dirty = true;
    this.changes++;
    return { ids, needVector };
  }

  touchFile(p: string, size: number, mtimeMs: number): void {
    const f = this.files.get(p);
    if (!f) return;
    f.size = size;
    f.mtimeMs = mtimeMs;
    this.dirty = true;
    this.changes++;
  }

  removeFile(p: string): number {
    const n = this.removeInternal(p);
    if (n >= 0) {
      this.dirty = true;
      this.changes++;
    }
    return Math.max(0, n);
  }

  /** Remove a file's chunks; vectors whose hash no longer occurs go to `stash` or the reuse cache. -1 when unknown. */
  private removeInternal(p: string, stash?: Map<string, Row>): number {
    const f = this.files.get(p);
    if (!f) return -1;
    const lex = this.lexical.edits();
    for (const id of f.chunkIds) {
      const c = this.chunks.get(id);
      this.chunks.delete(id);
      lex.remove(id);
      const row = this.vectors.getRow(id);
      if (c) this.hashes().remove(c.hash, id);
      if (row && c) {
        const stillLive = this.hashes().ids(c.hash).some((other) => this.vectors.has(other));
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
    for (const other of this.hashes().ids(c.hash)) {
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

  lexicalDocuments(): Map<number, LexicalDocument> {
    return this.lexical.get().documents();
  }

  lexicalStats(query: string): CorpusStats {
    return this.lexical.get().corpusStats(query);
  }

  searchLexical(query: string, k: number, filter?: (id: number) => boolean, corpus?: CorpusStats): ScoredId[] {
    return this.lexical.get().search(query, k, filter, corpus);
  }

  definers(name: string): number[] {
    return this.lexical.get().definers(name);
  }

  // ---------------------------------------------------------------- stats

  setSkipped(skipped: Record<string, number>): void {
    this.skipped = { ...skipped };
  }

  getSkipped(): Record<string, number> {
    return { ...this.skipped };
  }

  contentSkip(path: string, size: number, mtimeMs: number): SkipReason | undefined {
    return this.contentSkips.get(path, size, mtimeMs);
  }

  rememberRead(path: string, size: number, mtimeMs: number, reason: SkipReason | null): void {
    this.contentSkips.set(path, size, mtimeMs, reason);
  }

  keepContentSkips(paths: ReadonlySet<string>): void {
    this.contentSkips.retain(paths);
  }

  setIncomplete(run: IncompleteRun | null): void {
    this.incompleteRun = run ? { ...run } : null;
  }

  incomplete(): IncompleteRun | null {
    return this.incompleteRun ? { ...this.incompleteRun } : null;
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
    // Another process may have taken the folder over (this one stalled past the stale limit): never write over it.
    if (this.writerLock?.lost) throw new Error(`Lost the writer lock of ${this.indexDir} (${this.writerLock.lost.message}); not saving over another writer.`);
    if (this.closed) throw new Error('This index store is closed');
    await fs.promises.mkdir(this.indexDir, { recursive: true });
    const savedAt = Date.now();
    let generation = this.generation;
    let files: GenerationFiles;
    let written: { changes: number; chunkTable?: (file: string) => ChunkTable } | undefined;
    if (this.dirty || !this.committed) {
      generation = nextGeneration(this.indexDir, this.generation);
      const w: { changes: number; chunkTable?: (file: string) => ChunkTable } = (written = { changes: this.changes });
      // The manifest and the lexical file go to disk in pieces as they are encoded: a save never holds either whole
      // (at a million chunks they are ~120 and ~100 MB, and were the peak of an index run).
      files = await writeDataFiles(this.indexDir, generation, {
        manifest: { stream: (write) => (w.chunkTable = this.streamManifest(write)) },
        vectors: { saveTo: (tmp) => this.vectors.save(tmp) },
        lexical: { stream: (write) => this.lexical.stream(write) },
        reuse: { encode: () => this.reuse.encode() },
      });
    } else {
      // Nothing changed since the last save: commit the same data files again with the new record.
      files = this.committed!;
    }
    this.sizes = await commitGeneration(this.indexDir, {
      format: FORMAT_VERSION,
      generation,
      identity: this.identity,
      ...(this.modelDir ? { modelDir: this.modelDir } : {}),
      precision: this.precision,
      connectivity: CONNECTIVITY,
      savedAt,
      skipped: this.skipped,
      ...(this.contentSkips.size > 0 ? { contentSkips: this.contentSkips.toRecord() } : {}),
      ...(this.incompleteRun ? { incomplete: this.incompleteRun } : {}),
      chunks: this.chunks.size,
      vectors: this.vectors.size,
      files,
    });
    this.committed = files;
    this.damaged = false;
    this.generation = generation;
    this.savedAt = savedAt;
    this.dirty = false;
    if (written?.chunkTable) this.settle(written.changes, path.join(this.indexDir, files.manifest.name), written.chunkTable, files.lexical);
    await removeOtherGenerations(this.indexDir, generation);
  }

  private streamManifest(write: (piece: Buffer) => void): (file: string) => ChunkTable {
    // Every chunk is read: committed records read from the file are held for the walk, not read one by one.
    const release = this.chunks.hold();
    try {
      return streamManifest({ nextId: this.nextId, files: this.files, chunks: this.chunks }, write);
    } finally {
      release();
    }
  }

  /**
   * After a save, the chunks and the lexical index are left in the files just written: a chunk is read from the
   * manifest when asked for (where each record went is known from writing it: the file is not read back), the
   * lexical index's next changes kept beside its file until a save merges them (lexical/merge.ts). What a long index
   * run holds stays near what it added since its last save, not every chunk as objects nor both files' bytes. Skipped
   * when anything changed while the save was writing.
   */
  private settle(changes: number, manifestPath: string, chunkTable: (file: string) => ChunkTable, lexical: GenerationFiles['lexical']): void {
    if (changes !== this.changes) return;
    const chunks = chunkTable(manifestPath);
    if (chunks.size !== this.chunks.size) {
      chunks.close();
      return;
    }
    const old = this.chunks;
    this.chunks = chunks;
    old.close();
    this.lexical.close();
    this.lexical = LazyLexical.fromFile(path.join(this.indexDir, lexical.name), lexical.sha256, chunks.size);
  }

  /**
   * Swap in a complete index built beside this one (a rebuild in `stagingDir`, saved and closed): its data
   * files move into this folder as a new generation, `current.json` commits them, and this store loads them.
   * Until the commit, this folder's last generation stays in use; after it, the staging folder is empty.
   */
  async replaceWith(stagingDir: string): Promise<void> {
    if (!this.write) throw new Error('This index store was opened read-only');
    const rec = readCurrentRecord(stagingDir);
    if (!rec) throw new Error(`No saved index in ${stagingDir} to swap in`);
    await commitStagedGeneration(this.indexDir, stagingDir, rec, nextGeneration(this.indexDir, this.generation));
    const { index, message } = await loadIndex({ indexDir: this.indexDir, identity: this.identity, precision: this.precision, write: true });
    if (!index) throw new Error(message ?? 'The rebuilt index did not load');
    this.adopt(index);
    this.damaged = false;
    this.message = undefined;
    this.dirty = false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.vectors.close();
    this.chunks.close();
    this.lexical.close();
    await this.writerLock?.release();
  }
}
