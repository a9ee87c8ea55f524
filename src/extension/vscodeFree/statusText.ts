// What the status bar item says for a set of folders: one line, the most urgent state wins
// (error > indexing > paused > starting > incomplete > ready > disabled).
import type { FolderStatus } from './folderState';

export type StatusKind = 'error' | 'indexing' | 'paused' | 'starting' | 'incomplete' | 'ready' | 'disabled';

export interface StatusView {
  kind: StatusKind;
  /** With codicons, e.g. "$(sync~spin) Indexing 42% · 1m 5s left". */
  text: string;
  tooltip: string;
}

export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The status text as the user sees it: codicon markup removed. */
export function plainText(text: string): string {
  return text.replace(/\$\([^)]*\)\s*/g, '').trim();
}

const ORDER: StatusKind[] = ['error', 'indexing', 'paused', 'starting', 'incomplete', 'ready', 'disabled'];

export function statusView(folders: readonly FolderStatus[]): StatusView {
  if (folders.length === 0) {
    return { kind: 'disabled', text: '$(search) Semantic Search', tooltip: 'Open a folder to index it for semantic search.' };
  }
  const kind = ORDER.find((k) => folders.some((f) => f.state === k)) ?? 'ready';
  const chunks = folders.reduce((n, f) => n + f.chunks, 0);
  const lines = folders.map((f) => `${f.folder}: ${f.state}${f.chunks ? `, ${formatCount(f.chunks)} chunks` : ''}${f.message ? ` — ${f.message}` : ''}`);
  const incomplete = folders.filter((f) => f.state === 'incomplete');
  const tooltip = `${lines.join('\n')}\n${kind === 'incomplete' ? 'Click to resume indexing.' : 'Click for index status.'}`;
  const readOnly = folders.some((f) => f.readOnly) ? ' (read-only)' : '';
  switch (kind) {
    case 'error': {
      const n = folders.filter((f) => f.state === 'error').length;
      return { kind, text: `$(error) Index error${folders.length > 1 ? ` (${n}/${folders.length})` : ''}`, tooltip };
    }
    case 'indexing': {
      const busy = folders.filter((f) => f.state === 'indexing');
      const percent = Math.floor(busy.reduce((n, f) => n + (f.progress?.percent ?? 0), 0) / busy.length);
      const eta = Math.max(0, ...busy.map((f) => f.progress?.etaMs ?? 0));
      return { kind, text: `$(sync~spin) Indexing ${percent}%${eta > 0 ? ` · ${formatDuration(eta)} left` : ''}`, tooltip };
    }
    case 'paused':
      return { kind, text: '$(debug-pause) Indexing paused', tooltip };
    case 'starting':
      return { kind, text: '$(loading~spin) Index starting', tooltip };
    case 'incomplete': {
      const done = incomplete.reduce((n, f) => n + (f.incomplete?.filesDone ?? f.files), 0);
      const total = incomplete.reduce((n, f) => n + (f.incomplete?.filesTotal ?? f.files), 0);
      return { kind, text: `$(debug-continue) Incomplete (${formatCount(done)} of ${formatCount(total)} files) · Resume`, tooltip };
    }
    case 'ready':
      return { kind, text: `$(check) Ready, ${formatCount(chunks)} chunks${readOnly}`, tooltip };
    case 'disabled':
      return { kind, text: '$(circle-slash) Indexing off', tooltip };
  }
}
