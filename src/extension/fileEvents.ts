// Feeds file changes into the indexes: a chokidar watcher per folder (the engine's debounced
// watcher, which also sees changes made outside the editor) plus the editor's own save,
// create, delete and rename events, which arrive sooner and cost nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createDebouncedWatcher, createPathFilter } from '../core/index';
import type { ExtensionSettings } from './vscodeFree/settingsModel';
import type { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';

const WATCH_DEBOUNCE_MS = 200;

type DebouncedWatcher = ReturnType<typeof createDebouncedWatcher>;

export class FileEvents implements vscode.Disposable {
  private readonly watchers = new Map<string, DebouncedWatcher>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly indexes: WorkspaceIndexes, private readonly onError: (err: unknown, folder: string) => void) {
    const files = (uris: readonly vscode.Uri[]) => uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((d) => this.indexes.changed(files([d.uri]))),
      vscode.workspace.onDidCreateFiles((e) => this.indexes.changed(files(e.files))),
      vscode.workspace.onDidDeleteFiles((e) => this.indexes.changed(files(e.files))),
      vscode.workspace.onDidRenameFiles((e) => this.indexes.changed(files(e.files.flatMap((f) => [f.oldUri, f.newUri])))),
    );
  }

  watch(folder: string, indexDir: string, settings: ExtensionSettings): void {
    this.unwatch(folder);
    try {
      const filter = createPathFilter({ root: folder, include: settings.include, exclude: settings.exclude, maxFileBytes: settings.maxFileSizeKB * 1000, indexDir });
      const watcher = createDebouncedWatcher({
        root: folder,
        filter,
        indexDir,
        debounceMs: WATCH_DEBOUNCE_MS,
        onChange: (rel) => this.indexes.changed(rel.map((r) => path.join(folder, r))),
        onError: (err) => this.onError(err, folder),
      });
      this.watchers.set(folder, watcher);
    } catch (err) {
      // No watcher (e.g. too many files for the OS): editor events still keep the index fresh.
      this.onError(err, folder);
    }
  }

  unwatch(folder: string): void {
    const w = this.watchers.get(folder);
    this.watchers.delete(folder);
    void w?.close().catch(() => undefined);
  }

  /** Hands pending watcher events over now (used by whenIdle). */
  flush(): void {
    for (const w of this.watchers.values()) w.flush();
  }

  dispose(): void {
    for (const folder of [...this.watchers.keys()]) this.unwatch(folder);
    for (const s of this.subscriptions) s.dispose();
  }
}
