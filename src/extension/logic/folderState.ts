// The state of one workspace folder's index, as a small reducer, so that the status bar,
// the API and the tests all agree on what "indexing", "paused" or "error" mean.
import type { FolderState, IndexStateName } from '../../shared/extensionApi';

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
}

export type FolderEvent =
  | { type: 'started' }
  | { type: 'progress'; filesDone: number; filesTotal: number; chunksEmbedded: number; chunksPending: number; phase: string; etaMs?: number }
  | { type: 'indexed'; files: number; chunks: number; cancelled?: boolean; message?: string }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'failed'; message: string }
  | { type: 'disabled' };

export function initialFolderStatus(folder: string): FolderStatus {
  return { folder, state: 'starting', files: 0, chunks: 0, firstPass: true, running: false };
}

/** Percent done: chunk counts once embedding is under way, file counts before that. */
export function progressPercent(e: { filesDone: number; filesTotal: number; chunksEmbedded: number; chunksPending: number; phase: string }): number {
  const chunkTotal = e.chunksEmbedded + e.chunksPending;
  let ratio: number;
  if (e.phase === 'saving' || e.phase === 'idle') ratio = 1;
  else if (chunkTotal > 0) ratio = 0.1 + 0.9 * (e.chunksEmbedded / chunkTotal); // scanning is the first ~10 %
  else if (e.filesTotal > 0) ratio = 0.1 * (e.filesDone / e.filesTotal);
  else ratio = 0;
  return Math.max(0, Math.min(100, Math.floor(ratio * 100)));
}

export function reduceFolder(s: FolderStatus, e: FolderEvent): FolderStatus {
  switch (e.type) {
    case 'started':
      if (s.state === 'disabled') return s;
      return { ...s, state: s.state === 'paused' ? 'paused' : 'indexing', message: undefined, progress: { percent: 0 }, running: true };
    case 'progress': {
      if (!s.running || s.state === 'disabled' || s.state === 'error') return s;
      const progress = { percent: progressPercent(e), etaMs: e.etaMs };
      return { ...s, state: s.state === 'paused' ? 'paused' : 'indexing', progress };
    }
    case 'indexed':
      if (s.state === 'disabled') return s;
      return {
        ...s,
        // A cancelled first pass still leaves a usable (partial) index.
        state: s.state === 'paused' ? 'paused' : 'ready',
        files: e.files,
        chunks: e.chunks,
        message: e.message,
        progress: undefined,
        firstPass: false,
        running: false,
      };
    case 'paused':
      return s.state === 'disabled' || s.state === 'error' ? s : { ...s, state: 'paused' };
    case 'resumed':
      if (s.state !== 'paused') return s;
      return { ...s, state: s.running ? 'indexing' : s.firstPass ? 'starting' : 'ready' };
    case 'failed':
      return { ...s, state: 'error', message: e.message, progress: undefined, firstPass: false, running: false };
    case 'disabled':
      return { ...s, state: 'disabled', progress: undefined, firstPass: false, running: false };
  }
}

export function isSettled(state: IndexStateName): boolean {
  return state === 'ready' || state === 'error' || state === 'disabled';
}
