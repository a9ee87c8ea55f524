// What the search list says about the index when its results may not be the whole story: a row of its own,
// above the results, with the action that helps. (A QuickPick's placeholder disappears as soon as the user
// types, so it cannot carry this.)
import type { FolderStatus } from './folderState';

export interface SearchNotice {
  /** With a codicon, e.g. "$(sync~spin) Index 42% built — results are partial". */
  label: string;
  detail?: string;
  /** The command that helps, run when the row is picked. */
  command?: string;
  args?: unknown[];
}

export const NOTICE_COMMANDS = {
  resume: 'semanticSearch.resume',
  status: 'semanticSearch.showStatus',
  settings: 'workbench.action.openSettings',
} as const;

/** Notices for these folders, most useful first; `resultCount` is what the query found. */
export function searchNotices(folders: readonly FolderStatus[], query: string, resultCount: number): SearchNotice[] {
  const out: SearchNotice[] = [];
  const names = (fs: readonly FolderStatus[]) => fs.map((f) => baseName(f.folder)).join(', ');
  const modelMissing = folders.filter((f) => f.state === 'error' && f.errorCode === 'MODEL_NOT_FOUND');
  if (modelMissing.length) {
    out.push({
      label: '$(error) No embedding model — Set Model Path',
      detail: modelMissing[0].message,
      command: NOTICE_COMMANDS.settings,
      args: ['semanticSearch.modelPath'],
    });
  }
  const failed = folders.filter((f) => f.state === 'error' && f.errorCode !== 'MODEL_NOT_FOUND');
  if (failed.length) out.push({ label: `$(error) Index error in ${names(failed)} — Show Index Status`, detail: failed[0].message, command: NOTICE_COMMANDS.status });
  const damaged = folders.filter((f) => f.problem && f.running);
  if (damaged.length) out.push({ label: `$(sync~spin) The index of ${names(damaged)} was damaged — rebuilding; results are partial`, detail: damaged[0].problem });
  const building = folders.filter((f) => !f.problem && (f.state === 'indexing' || f.state === 'starting'));
  if (building.length) {
    const percent = Math.floor(building.reduce((n, f) => n + (f.progress?.percent ?? 0), 0) / building.length);
    out.push({ label: `$(sync~spin) Index ${percent}% built — results are partial`, command: NOTICE_COMMANDS.status });
  }
  const incomplete = folders.filter((f) => f.state === 'incomplete');
  for (const f of incomplete) {
    const n = f.incomplete;
    out.push({
      label: `$(debug-continue) Index of ${baseName(f.folder)} incomplete${n ? ` (${n.filesDone.toLocaleString('en-US')} of ${n.filesTotal.toLocaleString('en-US')} files)` : ''} — Resume`,
      detail: 'Results come from the part that is indexed.',
      command: NOTICE_COMMANDS.resume,
    });
  }
  const paused = folders.filter((f) => f.state === 'paused');
  if (paused.length) out.push({ label: '$(debug-pause) Indexing is paused — Resume', command: NOTICE_COMMANDS.resume });
  if (resultCount === 0 && query.trim()) {
    const nothingIndexed = folders.every((f) => f.chunks === 0);
    out.push(
      nothingIndexed
        ? { label: '$(info) Nothing is indexed yet', detail: 'Search answers once the first files are indexed.', command: NOTICE_COMMANDS.status }
        : { label: `$(info) Nothing matched "${query.trim()}"`, detail: 'Try other words, or another mode (the buttons above).' },
    );
  }
  return out;
}

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

/** The index notices as plain sentences (no codicons, no "nothing matched": the view says that itself), for the view. */
export function plainNotices(folders: readonly FolderStatus[]): string[] {
  return searchNotices(folders, '', 0).map((n) => n.label.replace(/\$\([^)]*\)\s*/g, '').trim());
}

/** Whether any folder's index is being written (a full pass or an update): the view searches again when none is. */
export function anyRunning(folders: readonly FolderStatus[]): boolean {
  return folders.some((f) => f.running);
}
