// Pause / Resume indexing (the running pass stops at the next batch; watcher changes keep
// collecting and are applied on resume).
import type { ExtensionServices } from '../services';

export function pauseIndexing(s: ExtensionServices): void {
  s.indexing.pause();
}

export function resumeIndexing(s: ExtensionServices): void {
  s.indexing.resume();
}
