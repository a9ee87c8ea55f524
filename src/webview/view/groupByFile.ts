// Results grouped by file, like VS Code's Search view: files in the order of their best result, each file's
// results in rank order. Pure (no DOM), unit-tested.
import type { PanelResult } from '../../shared/messages';

export interface FileGroup {
  file: string;
  path: string;
  folderName: string;
  results: PanelResult[];
}

export function groupByFile(results: readonly PanelResult[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  for (const r of results) {
    let g = groups.get(r.file);
    if (!g) groups.set(r.file, (g = { file: r.file, path: r.path, folderName: r.folderName, results: [] }));
    g.results.push(r);
  }
  return [...groups.values()];
}
