// The state of one workspace folder's index, as a small reducer, so that the status bar,
// the API and the tests all agree on what "indexing", "paused" or "error" mean.
import type { FolderState, IncompleteRun, IndexStateName } from '../../shared/extensionApi';

export interface FolderProgress {
  /** 0..100 */
  percent: number;
  etaMs?: number;
}

export interface FolderStatus extends FolderState {
  progress?: FolderProgress;
  /** True while the first pass of this session has not finished. */
  firstPass: boolean;
  /** A full pass is running (progress events outside one, e.g. from a quick update, are not shown). */
  running: boolean;
  /** When the running pass started (ms), for the ETA. */
  startedAt?: number;
  /** The error's code while `error` (e.g. MODEL_NOT_FOUND), so the UI can offer the fix. */
  errorCode?: string;
  /** What was damaged in the index on disk, while it is being rebuilt. */
  problem?: string;
}

export type FolderEvent =
  | { type: 'started'; at?: number }
  | { type: 'progress'; filesDone: number; filesTotal: number; chunksEmbedded: number; chunksPending: number; phase: string; etaMs?: number; at?: number }
  | { type: 'indexed'; files: number; chunks: number; cancelled?: boolean; message?: string; incomplete?: IncompleteRun; readOnly?: boolean }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'damaged'; problem: string }
  | { type: 'disabled' };

export function initialFolderStatus(folder: string): FolderStatus {
  return { folder, state: 'starting', files: 0, chunks: 0, firstPass: true, running: false };
}

/**
 * Percent done. Files are read ahead of the model by a bounded queue, so the embedded share of
 * the chunks expected for all files (chunks seen so far, extrapolated by the file ratio) is the
 * honest measure; without any embedding (everything reused) the file ratio is. 100 only when idle.
 */
export function progressPercent(e: { filesDone: number; filesTotal: number; chunksEmbedded: number; chunksPending: number; phase: string }): number {
  if (e.phase === 'idle') return 100;
  const fileRatio = e.filesTotal > 0 ? Math.min(1, e.filesDone / e.filesTotal) : 0;
  const seen = e.chunksEmbedded + e.chunksPending;
  const ratio = seen > 0 && fileRatio > 0 ? (e.chunksEmbedded / seen) * fileRatio : fileRatio;
  return Math.max(0, Math.min(99, Math.floor(ratio * 100)));
}

/** Time left from the elapsed time and our percent (the engine's own ETA counts files read, which run ahead). */
export function estimateEta(percent: number, startedAt: number | undefined, now: number | undefined): number | undefined {
  if (startedAt === undefined || now === undefined || percent < 3 || percent >= 100) return undefined;
  const elapsed = now - startedAt;
  return Math.round((elapsed * (100 - percent)) / percent);
}

export function reduceFolder(s: FolderStatus, e: FolderEvent): FolderStatus {
  switch (e.type) {
    case 'started':
      if (s.state === 'disabled') return s;
      return { ...s, state: s.state === 'paused' ? 'paused' : 'indexing', message: undefined, progress: { percent: 0 }, running: true, startedAt: e.at };
    case 'progress': {
      if (!s.running || s.state === 'disabled' || s.state === 'error') return s;
      const percent = progressPercent(e);
      const progress = { percent, etaMs: estimateEta(percent, s.startedAt, e.at) ?? e.etaMs };
      return { ...s, state: s.state === 'paused' ? 'paused' : 'indexing', progress };
    }
    case 'indexed':
      if (s.state === 'disabled') return s;
      return {
        ...s,
        // A cancelled or interrupted full pass leaves a usable but partial index: incomplete, until resumed.
        state: s.state === 'paused' ? 'paused' : e.incomplete ? 'incomplete' : 'ready',
        files: e.files,
        chunks: e.chunks,
        message: e.message,
        incomplete: e.incomplete,
        readOnly: e.readOnly,
        problem: undefined,
        errorCode: undefined,
        progress: undefined,
        firstPass: false,
        running: false,
      };
    case 'paused':
      return s.state === 'disabled' || s.state === 'error' ? s : { ...s, state: 'paused' };
    case 'resumed':
      if (s.state !== 'paused') return s;
      return { ...s, state: s.running ? 'indexing' : s.firstPass ? 'starting' : s.incomplete ? 'incomplete' : 'ready' };
    case 'failed':
      return { ...s, state: 'error', message: e.message, errorCode: e.code, progress: undefined, firstPass: false, running: false };
    case 'damaged':
      return { ...s, problem: e.problem };
    case 'disabled':
      return { ...s, state: 'disabled', progress: undefined, firstPass: false, running: false };
  }
}

export function isSettled(state: IndexStateName): boolean {
  return state === 'ready' || state === 'incomplete' || state === 'error' || state === 'disabled';
}
