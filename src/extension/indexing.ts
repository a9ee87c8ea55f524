// Keeps one FolderIndex per workspace folder in step with the workspace: creates them (index
// in the extension's workspace storage), runs the first pass in the background, follows
// folder and settings changes, and reports state to the status bar and failures to the user.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineFactory } from './engineFactory';
import { FolderIndex } from './vscodeFree/folderIndex';
import { progressPercent } from './vscodeFree/folderState';
import { formatDuration } from './vscodeFree/statusText';
import type { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';
import type { Notifier } from './notifier';
import { affectsEngines, currentSettings } from './settings';
import type { IndexStatusBar } from './statusBar';

/** One quiet period for watcher and editor events before the engine's update(). */
const UPDATE_DEBOUNCE_MS = 200;

export class IndexingController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private paused = false;
  private readonly statusListeners = new Set<() => void>();

  constructor(
    private readonly factory: EngineFactory,
    readonly indexes: WorkspaceIndexes,
    private readonly statusBar: IndexStatusBar,
    private readonly notifier: Notifier,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsEngines(e) || e.affectsConfiguration('semanticSearch.autoIndex')) void this.restartAll();
      }),
    );
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Adds indexes for new folders, disposes those of removed ones. */
  async syncFolders(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    for (const root of this.indexes.roots) {
      if (!folders.includes(root)) await this.indexes.remove(root);
    }
    for (const root of folders) if (!this.indexes.get(root)) this.startFolder(root);
    this.refreshStatus();
  }

  private startFolder(root: string): void {
    const settings = currentSettings(vscode.Uri.file(root));
    const name = path.basename(root);
    const folder = new FolderIndex({
      folder: root,
      watch: settings.autoIndex,
      debounceMs: UPDATE_DEBOUNCE_MS,
      createEngine: (o) => this.factory.create(settings, root, o?.readOnly === true),
      hooks: {
        onStatus: () => this.refreshStatus(),
        onError: (err) => this.notifier.failure(err, name),
        onNotice: (text) => this.notifier.notice(text, name),
        onEngineMessage: (m) => (m.topic === 'team-store' ? this.notifier.teamStore(m.text, name) : this.log[m.level](`[${name}] ${m.text}`)),
      },
    });
    this.indexes.add(folder);
    if (this.paused) folder.pause();
    if (!settings.autoIndex) {
      void folder.openWithoutIndexing();
      return;
    }
    void this.firstPass(folder, name);
  }

  /** The first pass: in the background; a folder with no index yet shows cancellable progress. */
  private async firstPass(folder: FolderIndex, name: string): Promise<void> {
    const engine = await folder.usableEngine();
    if (!engine) {
      await folder.index(); // reports the failure and settles whenIndexed()
      return;
    }
    const st = engine.status();
    const fresh = st.writable && (st.chunks === 0 || st.incomplete !== undefined);
    if (fresh) await this.withProgress(folder, `Semantic Search: indexing ${name}`);
    else await folder.index();
  }

  private withProgress(folder: FolderIndex, title: string, run: () => Promise<void> = () => folder.index()): Thenable<void> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let reported = 0;
      const stop = folder.onProgress((e) => {
        const percent = progressPercent(e);
        const etaMs = folder.status.progress?.etaMs ?? e.etaMs;
        const eta = etaMs ? ` · about ${formatDuration(etaMs)} left` : '';
        progress.report({ increment: Math.max(0, percent - reported), message: `${e.filesDone}/${e.filesTotal} files, ${e.chunksEmbedded} chunks embedded${eta}` });
        reported = Math.max(reported, percent);
      });
      token.onCancellationRequested(() => folder.cancel());
      try {
        await run();
      } finally {
        stop();
      }
    });
  }

  refreshStatus(): void {
    this.statusBar.update(this.indexes.all.map((f) => f.status));
    for (const listener of this.statusListeners) listener();
  }

  /** Called on every change of a folder's index state (after the status bar has it). */
  onDidChangeStatus(listener: () => void): vscode.Disposable {
    this.statusListeners.add(listener);
    return new vscode.Disposable(() => this.statusListeners.delete(listener));
  }

  pause(): void {
    this.paused = true;
    for (const f of this.indexes.all) f.pause();
  }

  /** Un-pause, and finish every index whose last full pass did not complete (Incomplete → Resume). */
  resume(): void {
    this.paused = false;
    for (const f of this.indexes.all) {
      f.resume();
      if (f.status.state === 'incomplete' && !f.status.running) void this.withProgress(f, `Semantic Search: resuming ${path.basename(f.folder)}`);
    }
  }

  /** Reindex: throw the indexes away and build them again, with progress (rebuild = false: just run the pass again). */
  async reindexAll(rebuild = true): Promise<void> {
    this.notifier.reset();
    if (this.paused) this.resume();
    await Promise.all(
      this.indexes.all.map((f) =>
        this.withProgress(f, `Semantic Search: reindexing ${path.basename(f.folder)}`, () => (rebuild ? f.rebuild() : f.index())),
      ),
    );
  }

  /** Settings that change the index itself: new engines with the new options. */
  async restartAll(): Promise<void> {
    this.notifier.reset();
    for (const root of this.indexes.roots) await this.indexes.remove(root);
    await this.factory.close();
    await this.syncFolders();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
