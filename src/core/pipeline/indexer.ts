// The indexing pipeline: scan → diff against the manifest → read → chunk → embed → store.
// One code path serves the full pass and watcher updates (a list of paths).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Chunker } from '../chunk';
import { allowedSecrets, readSourceFile, scanWorkspace, toRelative } from '../scan';
import type { Embedder } from '../embed/types';
import { CancelledError } from '../errors';
import type { IndexStore } from '../store/types';
import type { Chunk, IndexSummary, ProgressEvent, ScanOptions, ScannedFile, SkipReason } from '../types';
import { EmbedQueue } from './embedQueue';
import type { PauseGate } from './pauseGate';
import { DEFAULT_SAVE_POLICY, SavePolicy, type SavePolicyOptions } from './savePolicy';
import { estimateEtaMs, workFraction, type EtaClock } from './eta';
import { chunkPreview, ownString } from './preview';
import { lexicalFieldsOf } from '../store/lexical/ofChunk';
import { epochMs, PROFILING } from '../embed/profiling';
import { RunProfile } from './runProfile';

/**
 * Chunks per embedding group handed to the worker; the embedder sorts by length and batches inside a group, so
 * a bigger group pads less (see batching.ts for the measurements).
 */
export const GROUP_SIZE = 256;
/**
 * Files read and chunked ahead of the one being stored, and the most bytes they may hold: the chunking worker
 * then always has work queued while this thread stores (10k chunks, static model: 2 ahead 10.7 s, 8 ahead 9.4 s,
 * 32 ahead 7.4 s).
 */
const READ_AHEAD = 32;
const READ_AHEAD_BYTES = 8 * 2 ** 20;

interface PreparedFile {
  read: Awaited<ReturnType<typeof readSourceFile>>;
  /** Same content as the manifest's: only its size or time moved. */
  unchanged?: boolean;
  chunks?: Chunk[];
}

export interface IndexerDeps {
  store: IndexStore;
  scanOptions: ScanOptions;
  gate: PauseGate;
  chunker: () => Promise<Chunker>;
  embedder: () => Promise<Embedder>;
  /** The path filter of watchers: null when the path is indexable, else why not. */
  checkPath: (relPath: string) => SkipReason | null;
  progress: (e: ProgressEvent) => void;
  warn: (text: string) => void;
  /** The lexical body is the raw text (whole identifiers and parts); false: the identifier-split embedded text. */
  lexicalRawText?: boolean;
  /** When a long run saves its progress (default: every 2,000 new vectors or 15 s, see savePolicy.ts). */
  savePolicy?: SavePolicyOptions;
}

interface RunState {
  summary: IndexSummary;
  filesFound?: number;
  filesTotal: number;
  filesDone: number;
  started: number;
  queue?: EmbedQueue;
  /** A full pass: the indexable files it found (an update of a few paths leaves it unset). */
  scanTotal?: number;
  /** Started at the first work done (scan finished, model loaded), for the ETA. */
  etaClock?: EtaClock;
  /** SEMSEARCH_PROFILE=1: stage timers (summary.profile). */
  profile?: RunProfile;
}

/** Full incremental pass over the whole root. */
export async function indexAll(deps: IndexerDeps, signal?: AbortSignal): Promise<IndexSummary> {
  const state = newRun();
  emit(deps, state, 'scanning');
  const tScan = state.profile ? epochMs() : 0;
  const scan = await scanWorkspace(deps.scanOptions, (found) => {
    state.filesFound = found;
    emit(deps, state, 'scanning');
  });
  state.profile?.add('scan', tScan);
  state.filesFound = scan.files.length;
  const skipped = countReasons(scan.skipped.map((s) => s.reason));
  const seen = new Set(scan.files.map((f) => f.path));
  const gone = [...deps.store.allFiles()].map(([p]) => p).filter((p) => !seen.has(p));
  deps.store.keepContentSkips?.(seen);
  state.scanTotal = scan.files.length;
  await processFiles(deps, state, scan.files, gone, skipped, unfinishedFiles(deps.store), signal);
  deps.store.setSkipped(state.summary.skipped);
  // A cancelled pass is recorded as incomplete (status, Resume); a finished one clears the record.
  deps.store.setIncomplete(state.summary.cancelled ? { filesDone: deps.store.fileCount(), filesTotal: scan.files.length } : null);
  return finish(deps, state);
}

/** Re-check the given paths (files or folders; absolute or relative; created, changed or deleted). */
export async function indexPaths(deps: IndexerDeps, paths: string[], signal?: AbortSignal): Promise<IndexSummary> {
  const root = deps.scanOptions.root;
  const rels = new Set<string>();
  for (const p of paths) {
    const rel = toRelative(root, p);
    if (rel !== undefined) rels.add(rel);
  }
  // A folder or an ignore file changed: the cheap way to be right is a full incremental pass.
  const stats = new Map<string, fs.Stats | undefined>();
  for (const rel of rels) {
    const base = path.posix.basename(rel);
    if (base === '.gitignore' || base === '.ignore' || rel === '') return indexAll(deps, signal);
    const stat = await fs.promises.stat(path.join(root, rel)).catch(() => undefined);
    if (stat?.isDirectory()) return indexAll(deps, signal);
    // A vanished path that was not a known file may have been a folder.
    if (!stat && !deps.store.getFile(rel) && [...deps.store.allFiles()].some(([p]) => p.startsWith(rel + '/'))) {
      return indexAll(deps, signal);
    }
    stats.set(rel, stat);
  }
  const state = newRun();
  const files: ScannedFile[] = [];
  const gone: string[] = [];
  const skipped: Record<string, number> = {};
  for (const [rel, stat] of stats) {
    const abs = path.join(root, rel);
    const reason = stat ? deps.checkPath(rel) : null;
    const tooLarge = stat && stat.size > (deps.scanOptions.maxFileBytes ?? 1_000_000);
    if (!stat || !stat.isFile() || reason || tooLarge) {
      if (reason || tooLarge) skipped[reason ?? 'too-large'] = (skipped[reason ?? 'too-large'] ?? 0) + 1;
      if (deps.store.getFile(rel)) gone.push(rel);
      continue;
    }
    files.push({ path: rel, absPath: abs, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  await processFiles(deps, state, files, gone, skipped, new Set(), signal);
  return finish(deps, state);
}

/** Files with chunks that never got a vector (an earlier run died mid-way): a full pass redoes them. */
function unfinishedFiles(store: IndexStore): Set<string> {
  const paths = new Set<string>();
  for (const id of store.missingVectors?.() ?? []) {
    const chunk = store.getChunk(id);
    if (chunk) paths.add(chunk.path);
  }
  return paths;
}

async function processFiles(
  deps: IndexerDeps,
  state: RunState,
  files: ScannedFile[],
  gone: string[],
  skipped: Record<string, number>,
  unfinished: Set<string>,
  signal?: AbortSignal,
): Promise<void> {
  const { store } = deps;
  state.summary.skipped = skipped;
  for (const p of gone) state.summary.removed += store.removeFile(p);

  // Only files whose size or mtime moved are read; the rest is trusted from the manifest, and so are the files an
  // earlier pass skipped for their content (a minified bundle is not read again until it changes).
  const candidates = files.filter((f) => {
    const known = store.getFile(f.path);
    if (known) return known.size !== f.size || known.mtimeMs !== f.mtimeMs || unfinished.has(f.path);
    const reason = store.contentSkip?.(f.path, f.size, f.mtimeMs);
    if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    return !reason;
  });
  state.filesTotal = candidates.length;
  if (candidates.length === 0) return;

  const prof = state.profile;
  let t = 0;
  // Loaded at the first file that needs chunking: a pass whose candidates all turn out unchanged (touched) or
  // skipped (minified, binary, secrets: read again on every pass) never starts the model (~0.4 s and its memory).
  let chunkerPromise: Promise<Chunker> | undefined;
  let chunker: Chunker | undefined;
  const loadChunker = (): Promise<Chunker> => {
    chunkerPromise ??= (async () => {
      const t0 = prof ? epochMs() : 0;
      chunker = await deps.chunker();
      if (prof) prof.add('load', t0);
      return chunker;
    })();
    return chunkerPromise;
  };
  const secretsAllowed = allowedSecrets(deps.scanOptions.allowSecrets);
  // Read and chunk (a chunking worker) a few files ahead, while this thread stores and embeds the current one.
  const prepare = async (file: ScannedFile): Promise<PreparedFile> => {
    const read = await readSourceFile(file.absPath, { secretsAllowed: secretsAllowed?.(file.path) ?? false, maxBytes: deps.scanOptions.maxFileBytes });
    if (!read.ok) return { read };
    const known = store.getFile(file.path);
    if (known && known.hash === read.hash && !unfinished.has(file.path)) return { read, unchanged: true };
    return { read, chunks: await chunkSafely(await loadChunker(), file.path, read.text, deps.warn) };
  };
  const ahead: Promise<PreparedFile>[] = [];
  let aheadBytes = 0;
  const prepareFrom = (i: number): void => {
    while (ahead.length < READ_AHEAD && i + ahead.length < candidates.length && (ahead.length === 0 || aheadBytes < READ_AHEAD_BYTES)) {
      const file = candidates[i + ahead.length];
      const p = prepare(file);
      p.catch(() => undefined); // surfaced when its turn comes; a cancelled run never awaits it
      ahead.push(p);
      aheadBytes += file.size;
    }
  };
  let queue: EmbedQueue | undefined;
  const savePolicy = new SavePolicy(deps.savePolicy ?? DEFAULT_SAVE_POLICY);
  try {
    for (let i = 0; i < candidates.length; i++) {
      const file = candidates[i];
      await deps.gate.wait(signal);
      if (signal?.aborted) throw new CancelledError();
      if (prof) t = epochMs();
      prepareFrom(i);
      const { read, unchanged, chunks: prepared } = await ahead.shift()!;
      aheadBytes -= file.size;
      if (prof) t = prof.add('chunk', t);
      state.filesDone++;
      store.rememberRead?.(file.path, file.size, file.mtimeMs, read.ok ? null : read.reason);
      if (!read.ok) {
        skipped[read.reason] = (skipped[read.reason] ?? 0) + 1;
        if (store.getFile(file.path)) state.summary.removed += store.removeFile(file.path);
        continue;
      }
      const known = store.getFile(file.path);
      if (unchanged) {
        store.touchFile(file.path, file.size, file.mtimeMs); // touched, not changed
        continue;
      }
      const chunks = prepared ?? [];
      const oldHashes = new Set((known?.chunkIds ?? []).map((id) => store.getChunk(id)?.hash));
      const newHashes = new Set(chunks.map((c) => c.hash));
      for (const h of oldHashes) if (h && !newHashes.has(h)) state.summary.removed++;
      const { ids, needVector } = store.putFile(
        file.path,
        { size: file.size, mtimeMs: file.mtimeMs, hash: read.hash, ...(read.generated ? { generated: true } : {}) },
        chunks.map((c) => ({
          path: c.path,
          startLine: c.startLine,
          endLine: c.endLine,
          kind: c.kind,
          symbol: ownString(c.symbol),
          part: c.part,
          language: c.language,
          hash: c.hash,
          preview: chunkPreview(c.text),
          // Found by a chunking worker, or split here.
          lexical: c.lexicalTerms ?? lexicalFieldsOf(c, deps.lexicalRawText !== false),
        })),
      );
      state.summary.reused += ids.length - needVector.length;
      if (prof) t = prof.add('store', t);
      if (needVector.length > 0) {
        if (!queue) {
          const embedder = await deps.embedder();
          if (prof) t = prof.add('load', t);
          queue = state.queue = new EmbedQueue(embedder, store, GROUP_SIZE, () => emit(deps, state, 'embedding'), signal, prof);
        }
        const chunkById = new Map(ids.map((id, i) => [id, chunks[i]]));
        await queue.push(
          needVector.map((id) => {
            const c = chunkById.get(id);
            return { id, path: file.path, text: c?.embedText ?? '', ...(c?.tokenIds ? { tokenIds: c.tokenIds } : {}) };
          }),
        );
      }
      if (state.filesDone % 50 === 0) emit(deps, state, queue ? 'embedding' : 'chunking');
      if (queue && savePolicy.due(queue.embedded)) {
        const startedAt = Date.now();
        await queue.drain(); // never persist a half-embedded file
        emit(deps, state, 'saving');
        if (state.scanTotal !== undefined) store.setIncomplete({ filesDone: store.fileCount(), filesTotal: state.scanTotal });
        if (prof) t = epochMs();
        await store.save();
        if (prof) prof.add('save', t);
        savePolicy.saved(queue.embedded, startedAt);
      }
    }
    // Parsing is over for this run: a chunking worker's memory goes back before the last vectors and the save.
    await chunker?.release?.();
    await queue?.drain();
  } catch (err) {
    // Cancel or failure: files whose chunks did not all get vectors are taken out again,
    // so the next run sees them as new (their finished vectors stay in the reuse cache).
    if (queue) {
      queue.discardQueued();
      await queue.drain().catch(() => undefined);
      for (const p of queue.incompletePaths()) store.removeFile(p);
    }
    if (err instanceof CancelledError || signal?.aborted || isAbortError(err)) {
      state.summary.cancelled = true;
      return;
    }
    throw err;
  } finally {
    await Promise.allSettled(ahead); // a cancelled run leaves no file being chunked behind it
    await chunker?.release?.().catch(() => undefined);
    if (queue) {
      state.summary.embedded = queue.embedded;
      state.summary.tokens = queue.tokens;
    }
  }
}

async function chunkSafely(chunker: Chunker, relPath: string, text: string, warn: (t: string) => void) {
  try {
    return await chunker.chunkFile(relPath, text);
  } catch (err) {
    warn(`Could not chunk ${relPath}: ${(err as Error).message}`);
    return [];
  }
}

async function finish(deps: IndexerDeps, state: RunState): Promise<IndexSummary> {
  emit(deps, state, 'saving');
  const t = state.profile ? epochMs() : 0;
  await deps.store.save();
  state.profile?.add('save', t);
  state.summary.files = deps.store.fileCount();
  state.summary.chunks = deps.store.chunkCount();
  state.summary.ms = Date.now() - state.started;
  if (state.profile) state.summary.profile = state.profile.finish();
  emit(deps, state, 'idle');
  return state.summary;
}

function newRun(): RunState {
  return {
    summary: { files: 0, chunks: 0, embedded: 0, reused: 0, removed: 0, tokens: 0, skipped: {}, ms: 0 },
    filesTotal: 0,
    filesDone: 0,
    started: Date.now(),
    ...(PROFILING ? { profile: new RunProfile() } : {}),
  };
}

function emit(deps: IndexerDeps, state: RunState, phase: ProgressEvent['phase']): void {
  const embedded = state.queue?.embedded ?? 0;
  const pending = state.queue?.queued ?? 0;
  const now = Date.now();
  const fraction = workFraction({ filesDone: state.filesDone, filesTotal: state.filesTotal, chunksEmbedded: embedded, chunksPending: pending });
  if (!state.etaClock && fraction > 0 && phase !== 'scanning') state.etaClock = { startedAt: now, fractionAtStart: fraction };
  const etaMs = phase === 'idle' || phase === 'scanning' ? undefined : estimateEtaMs(state.etaClock, fraction, now);
  deps.progress({
    phase,
    ...(state.filesFound !== undefined ? { filesFound: state.filesFound } : {}),
    filesDone: state.filesDone,
    filesTotal: state.filesTotal,
    chunksEmbedded: embedded,
    chunksPending: pending,
    etaMs,
    paused: deps.gate.paused,
  });
}

function countReasons(reasons: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reasons) out[r] = (out[r] ?? 0) + 1;
  return out;
}

function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || /abort/i.test(err.message));
}
