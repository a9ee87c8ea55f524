// Shared data types of the engine. Every module imports its contracts from here,
// so the modules stay leaves that only meet in the pipeline and the facade.

/** Why a file was not indexed. `stats` reports counts per reason. */
export type SkipReason =
  | 'ignored' // .gitignore / .ignore / user exclude globs / not matched by include globs
  | 'builtin-exclude' // .git, node_modules, build output, lock files, the index folder
  | 'binary' // NUL byte in the first 8 KiB
  | 'too-large' // over maxFileBytes
  | 'minified' // very long lines (minified or generated)
  | 'invalid-utf8'
  | 'unreadable' // permission denied, vanished, I/O error
  | 'symlink-loop' // a symlink that points back into an ancestor (never followed)
  | 'symlink-outside' // a symlink leading outside the root (not followed)
  | 'secret' // credentials and keys by name or folder, or a private-key block in the content
  | 'empty';

export interface ScanOptions {
  /** Absolute path of the workspace folder. */
  root: string;
  /** Globs (relative to root) a file must match to be indexed; empty = everything. */
  include?: string[];
  /** Globs (relative to root) of files to leave out, on top of ignore files and built-ins. */
  exclude?: string[];
  /** Files larger than this are skipped as 'too-large'. Default 1 MB (1_000_000). */
  maxFileBytes?: number;
  /** Absolute path of the index folder: never scanned when it lies inside root. */
  indexDir?: string;
  /** Globs (relative) of secret-looking files or folders to index anyway (`.env.test`, `config/dev.key`). */
  allowSecrets?: string[];
}

export interface ScannedFile {
  /** Relative to the root, forward slashes. */
  path: string;
  absPath: string;
  size: number;
  mtimeMs: number;
}

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  detail?: string;
}

export interface ScanResult {
  files: ScannedFile[];
  skipped: SkippedFile[];
}

export type ChunkKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'module'
  | 'block' // top-level statements or a piece of a large node
  | 'imports' // the file preamble: imports, requires, includes, package clauses
  | 'section' // Markdown heading section
  | 'text'; // line window of a plain text file

export interface Chunk {
  /** Relative to the root, forward slashes. */
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  /** 1-based, inclusive. */
  endLine: number;
  kind: ChunkKind;
  /** Qualified symbol, e.g. `Class.method`; '' when there is none. */
  symbol: string;
  /**
   * Which part of a definition too large for one chunk this is: '' for a whole chunk, else `i/n`, followed by the
   * name of the first inner definition it holds (`3/5 fetch`). Only part 1 holds the definition's own line.
   */
  part: string;
  /** Language id, e.g. 'typescript', 'python', 'markdown', 'text'. */
  language: string;
  /** The source text of the lines, as shown to the user. */
  text: string;
  /** What is embedded: identifiers split into words, with context; fits the model's token limit. */
  embedText: string;
  /**
   * Short names of the definitions whose own line is in this chunk (`findUser` for `UserRepository.findUser`; a
   * Markdown section's heading): the symbol field of the lexical index, and what the chunk "defines" for ranking.
   */
  names: string[];
  /** Raw context the lines lack, for the lexical body: the enclosing container, a fragment's signature line. */
  context: string;
  /** sha256 hex of embedText: the key of the vector cache. */
  hash: string;
  /** Word-piece ids of embedText, when the chunker tokenized it already (a chunking worker): not tokenized again. */
  tokenIds?: Int32Array;
  /** The chunk's lexical terms, when a chunking worker found them (the main thread does not split the text again). */
  lexicalTerms?: LexicalTerms;
}

/**
 * One chunk's terms for the lexical index, per field (symbol, path, body): each distinct term once, in order of first
 * occurrence, with its frequency, and each field's length in terms. `stemming` and `fields` are the options they were
 * found with: an index with other options cannot use them.
 */
export interface LexicalTerms {
  stemming: boolean;
  fields: boolean;
  terms: [string[], string[], string[]];
  tf: [number[], number[], number[]];
  lens: [number, number, number];
}

/** A chunk as kept in the index (without its full text, which is read from disk when shown). */
export interface StoredChunk {
  id: number;
  path: string;
  startLine: number;
  endLine: number;
  kind: ChunkKind;
  symbol: string;
  /** See {@link Chunk.part}. */
  part: string;
  language: string;
  hash: string;
  /** First non-blank line of the chunk, trimmed to 200 characters. */
  preview: string;
}

/** How vectors are stored: i8 / f16 / f32 rows in the HNSW graph, or `b1`: a sign-bit graph for candidates, rescored against i8 rows. */
export type VectorPrecision = 'i8' | 'f16' | 'f32' | 'b1';

/** The identity of the embedding model: vectors of different identities never mix. */
export interface ModelIdentity {
  name: string;
  /** sha256 hex of the ONNX file. */
  sha256: string;
  dimensions: number;
}

export type SearchMode = 'semantic' | 'lexical' | 'hybrid';

/** What a file holds, for search filters: tests (and their fixtures), prose documentation, or code. */
export type ContentType = 'code' | 'docs' | 'tests';

export interface SearchOptions {
  k?: number;
  mode?: SearchMode;
  /** Only results whose path matches one of these globs. */
  include?: string[];
  /** Leave out results whose path matches one of these globs. */
  exclude?: string[];
  /** Only these languages (chunk language ids). */
  languages?: string[];
  /** Only these kinds of content (`code`, `docs`, `tests`; see core/search/contentType.ts). Empty or absent: all. */
  contentTypes?: ContentType[];
  /** Weight of the semantic list in hybrid fusion, 0..1 (default 0.4). */
  semanticWeight?: number;
  /** Only these chunks, by path and start line (the members of a cluster on the map). Empty: nothing matches. */
  within?: { path: string; startLine: number }[];
  /** Add `display` (name, kind word, matching lines with highlights) to each returned result; reads their files. */
  describe?: boolean;
}

/** A line of a result as shown to the user. */
export interface ResultLine {
  /** 1-based line number in the file. */
  line: number;
  /** The line, indentation removed, long lines cut around the first match (marked with `…`). */
  text: string;
  /** Sorted, non-overlapping [start, end) offsets in `text` of the words the query matched. */
  highlights: [number, number][];
}

/** What a result is in a word the UI maps to an icon (`code`: top-level statements or a piece of a large node). */
export type DisplayKind = 'function' | 'method' | 'class' | 'interface' | 'type' | 'enum' | 'module' | 'code' | 'imports' | 'section' | 'text';

/** A result in a user's terms (see core/search/preview.ts). */
export interface ResultDisplay {
  /** `Class.method`; a split part by its inner function (`factory › fetch`) or lines; a Markdown heading path (`Install › npm`). */
  name: string;
  kind: DisplayKind;
  /** The lines sharing the most query words, else the definition line; at most a few. */
  lines: ResultLine[];
}

/** One hit, the same shape from the engine to every front end (each maps it once for its display). */
export interface SearchResult {
  /** Relative to the workspace root, forward slashes. */
  path: string;
  /** Absolute path of the file. */
  file: string;
  /** Absolute path of the workspace root the result belongs to (multi-root front ends). */
  root: string;
  startLine: number;
  endLine: number;
  score: number;
  kind: ChunkKind;
  symbol: string;
  preview: string;
  language: string;
  /** Readable form, when asked for (`SearchOptions.describe`). */
  display?: ResultDisplay;
}

export interface ClusterPoint {
  chunkId: number;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  kind: ChunkKind;
  x: number;
  y: number;
  cluster: number;
  /** From a file the ranking stage demotes as a generated list (changelog, contributors, licence, generated code): drawn fainter, never names a cluster. */
  demoted: boolean;
}

export interface ClusterInfo {
  id: number;
  label: string;
  terms: string[];
  /** The folder or file most members share (`store/postgres`), when one does; it leads the label. */
  place?: string;
  size: number;
  /** Center on the 2-D map. */
  x: number;
  y: number;
  representatives: { path: string; startLine: number; endLine: number; symbol: string }[];
}

export interface ClusterMap {
  k: number;
  silhouette: number;
  layout: 'umap' | 'pca';
  clusters: ClusterInfo[];
  points: ClusterPoint[];
  /** Where the layout came from: `stored` (kept from the index folder, new points placed near their neighbours) or `computed`. */
  stability?: MapStability;
}

export interface MapStability {
  source: 'stored' | 'computed';
  /** Points placed near their stored neighbours in this call (stored), or 0. */
  placed: number;
  /** Stored points whose chunks are gone (stored), or 0. */
  removed: number;
  /** Why it was computed: no stored layout, another cluster count, or too much changed. */
  reason?: string;
}

export interface IndexSummary {
  files: number;
  chunks: number;
  embedded: number;
  reused: number;
  removed: number;
  tokens: number;
  skipped: Record<string, number>;
  ms: number;
  cancelled?: boolean;
  /** SEMSEARCH_PROFILE=1 only: where the run's time went (src/core/profile.ts). */
  profile?: IndexProfile;
}

export type IndexPhase = 'scanning' | 'chunking' | 'embedding' | 'saving' | 'idle';

export interface ProgressEvent {
  phase: IndexPhase;
  /** Files found so far by the scan (candidates, before the unchanged ones are set aside). */
  filesFound?: number;
  /** Files processed so far in this run. */
  filesDone: number;
  filesTotal: number;
  chunksEmbedded: number;
  /** Chunks still waiting for the model in this run (estimate). */
  chunksPending: number;
  /** Estimated milliseconds left: only once enough work is done to estimate it (core/pipeline/eta.ts). */
  etaMs?: number;
  paused: boolean;
}

/** How far an unfinished full index run got (cancelled, killed, or saved mid-way). */
export interface IncompleteRun {
  /** Files whose chunks are all indexed. */
  filesDone: number;
  /** Indexable files the run found. */
  filesTotal: number;
}

export interface IndexStatus {
  root: string;
  indexDir: string;
  files: number;
  chunks: number;
  vectors: number;
  model: ModelIdentity | null;
  precision: VectorPrecision;
  skipped: Record<string, number>;
  /** Bytes on disk of the index folder, by file. */
  diskBytes: Record<string, number>;
  lastIndexedAt: number | null;
  /** `damaged`: the index on disk failed its checks (see `problem`) and nothing usable is loaded until it is rebuilt. */
  /** `incomplete`: the last full run did not finish (see `incomplete`); searches answer from what is indexed. */
  state: 'empty' | 'ready' | 'indexing' | 'paused' | 'error' | 'damaged' | 'incomplete';
  /** This engine holds the writer lock (false: a reader following another process's commits). */
  writable: boolean;
  /** Set while the last full run has not finished: how far it got. `index()` resumes it. */
  incomplete?: IncompleteRun;
  /** Set when the index was rebuilt or is unusable: a one-line, user-facing message. */
  message?: string;
  /** What is wrong with the index on disk (a damaged file), while it is. */
  problem?: string;
}

/** One embedding job as the model session saw it (epoch ms; durations in ms). */
export interface JobTiming {
  /** When the job reached the session. */
  arrivedAt: number;
  /** When the session last had nothing to do before this job arrived (absent: it was busy, or never ran). */
  idleFrom?: number;
  /** Tokenizing (texts the main thread did not count already) and planning batches. */
  tokenizeMs: number;
  /** Building input tensors. */
  tensorMs: number;
  /** session.run: the model busy. */
  runMs: number;
  /** Mean pooling and normalisation. */
  poolMs: number;
  batches: number;
  firstRunAt: number;
  lastRunEnd: number;
  doneAt: number;
}

export type MainStage = 'scan' | 'load' | 'read' | 'chunk' | 'store' | 'save' | 'embedWait';

/** The `profile` of an index summary: ms, rounded. Stages of one thread add up; the two threads overlap. */
export interface IndexProfile {
  totalMs: number;
  /**
   * Main thread. `load`: the chunker and the model (the chunker waits for the model's tokenizer, and the
   * worker for its session). `chunk` excludes `tokenize` (the chunker's token counting, timed apart).
   * `read` and `chunk` are awaits: callbacks that ran meanwhile (storing a finished group's vectors) are
   * inside them too and also in `store`. `embedWait`: blocked on the worker (two groups there, the next ready).
   */
  main: Record<MainStage | 'tokenize' | 'other', number>;
  /** The thread that owns the model session, over the run's wall clock. */
  model: {
    jobs: number;
    batches: number;
    /** session.run. */
    busyMs: number;
    /** Work of that thread around the model: tokenize, tensors, pool. */
    tokenizeMs: number;
    tensorMs: number;
    poolMs: number;
    /** Run start → first job reached the session (scan, model load, the first group read and chunked). */
    beforeFirstJobMs: number;
    /** Between jobs: the session had nothing queued (waiting for the main thread). */
    waitingMs: number;
    /** Last job done → run end (final save). */
    afterLastJobMs: number;
    /** The rest: messages, event-loop turns, timer error. */
    otherMs: number;
    /** totalMs − busyMs. */
    idleMs: number;
  };
}
