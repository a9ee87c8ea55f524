// Contract of the store module (implemented in src/core/store/). The pipeline and the facade use only this.
import type { IncompleteRun, LexicalTerms, ModelIdentity, SkipReason, StoredChunk, VectorPrecision } from '../types';
import type { CorpusStats, LexicalDocument, LexicalFields, LexicalOptions } from './lexical';

export type { CorpusStats, LexicalDocument, LexicalFields, LexicalOptions } from './lexical';

export interface FileEntry {
  size: number;
  mtimeMs: number;
  /** sha256 hex of the file's bytes. */
  hash: string;
  /** Ids of the file's chunks, in file order. */
  chunkIds: number[];
  /** The file says it was generated (a "DO NOT EDIT" banner): ranked down. */
  generated?: boolean;
}

export interface ScoredId {
  id: number;
  /** Higher is better: cosine similarity for vectors, BM25 score for lexical. */
  score: number;
}

export interface OpenStoreOptions {
  indexDir: string;
  identity: ModelIdentity;
  /** Where the model was loaded from, recorded in `current.json` on save (see CurrentRecord.modelDir). */
  modelDir?: string;
  precision: VectorPrecision;
  /** Take the single-writer lock (default true). Readers (query) pass false. */
  write?: boolean;
  /** How a new lexical index is built (an index on disk keeps the options it was built with). */
  lexical?: LexicalOptions;
  /** Verify the data files' checksums on open (default true). Only the benchmark turns it off, to measure its cost. */
  verifyChecksums?: boolean;
}

export interface IndexStore {
  readonly indexDir: string;
  readonly identity: ModelIdentity;
  readonly precision: VectorPrecision;
  /** Set when loading found a problem and fell back (last good state, or empty for a rebuild): one user-facing line. */
  readonly message?: string;
  /** The index on disk was damaged (checksum, size or structure) and is not used until a rebuild is saved. */
  readonly damaged: boolean;

  /** A reader loads the writer's latest commit when there is a new one (a stat when there is not). True if it reloaded. */
  refresh(): Promise<boolean>;
  /** A reader becomes the writer if no live process holds the lock (then reloads writable); false if one does. */
  takeOver(): Promise<boolean>;
  /** Whether this store holds the writer lock. */
  readonly writable: boolean;
  /** Swap in a complete index saved in `stagingDir` (a rebuild beside this one) as this folder's new generation. */
  replaceWith(stagingDir: string): Promise<void>;
  /** Set while a full index run has not finished (cancelled, killed or saved mid-way); saved with the index. */
  setIncomplete(run: IncompleteRun | null): void;
  incomplete(): IncompleteRun | null;

  // Manifest
  getFile(path: string): FileEntry | undefined;
  allFiles(): IterableIterator<[string, FileEntry]>;
  fileCount(): number;
  /** Replace a file's entry and chunks. Chunk ids are assigned here; chunks whose hash has a vector (live or cached) reuse it. Returns the new ids and which of them still need a vector. */
  putFile(
    path: string,
    entry: Omit<FileEntry, 'chunkIds'>,
    chunks: (Omit<StoredChunk, 'id'> & { lexical: LexicalFields | LexicalTerms })[],
  ): { ids: number[]; needVector: number[] };
  /** Update size/mtime only (content hash unchanged). */
  touchFile(path: string, size: number, mtimeMs: number): void;
  /** Remove a file and its chunks; their vectors go to the reuse cache. Returns the number of chunks removed. */
  removeFile(path: string): number;
  getChunk(id: number): StoredChunk | undefined;
  chunkCount(): number;
  allChunks(): IterableIterator<StoredChunk>;
  /** Ids of chunks without a vector (e.g. a run was cancelled before embedding them); the pipeline can embed them on the next run. */
  missingVectors?(): number[];

  // Vectors (HNSW, cosine)
  setVector(id: number, vector: Float32Array): void;
  getVector(id: number): Float32Array | undefined;
  vectorCount(): number;
  searchVectors(query: Float32Array, k: number, filter?: (id: number) => boolean): ScoredId[];

  // Lexical (BM25F over the symbol, path and body fields)
  /** Chunk count, field lengths and the df of a query's terms (scoring another store's chunks on this one's scale). */
  lexicalStats(query: string): CorpusStats;
  /** `corpus`: score as a part of that larger corpus (the local overlay under the team snapshot). */
  searchLexical(query: string, k: number, filter?: (id: number) => boolean, corpus?: CorpusStats): ScoredId[];
  /** Every chunk's lexical terms per field and field lengths (publishing to the team store). */
  lexicalDocuments(): Map<number, LexicalDocument>;
  /** Ids of the chunks that define exactly this name (`JsonObject` ~ `json_object`). */
  definers(name: string): number[];

  // Files skipped for their content (minified, binary, not UTF-8, empty), trusted by size and mtime like the manifest's
  /** Why the file was skipped when it last had this size and mtime; undefined: read it. */
  contentSkip?(path: string, size: number, mtimeMs: number): SkipReason | undefined;
  /** What reading a file found (null: it was indexed); only content reasons are remembered. */
  rememberRead?(path: string, size: number, mtimeMs: number, reason: SkipReason | null): void;
  /** A full scan found exactly these files: forget the others. */
  keepContentSkips?(paths: ReadonlySet<string>): void;

  // Skip counts of the last full scan, for `stats`
  setSkipped(skipped: Record<string, number>): void;
  getSkipped(): Record<string, number>;
  lastIndexedAt(): number | null;

  /** Bytes on disk per index file. */
  diskUsage(): Record<string, number>;
  /** Atomically persist everything (temp, fsync, rename; a kill -9 at any point leaves the last good state). */
  save(): Promise<void>;
  /** Release the lock; does not save. */
  close(): Promise<void>;
}
