// One workspace folder's index inside the editor: owns the engine, runs the full pass,
// batches watcher/editor changes into update(), and keeps the folder's state. No vscode
// here, so the whole lifecycle is unit-tested with a fake engine.
import * as fs from 'node:fs/promises';
import type { Engine, EngineMessage, ProgressEvent, SearchOptions, SearchResult } from '../../core/index';
import { errorText } from './errorAdvice';
import { type FolderEvent, type FolderStatus, initialFolderStatus, reduceFolder } from './folderState';
import { PathBatcher } from './pathBatcher';

export interface FolderIndexHooks {
  /** The folder's status changed (status bar, API). */
  onStatus?(status: FolderStatus): void;
  /** A failure the user should hear about once (creation, full pass, update). */
  onError?(err: unknown): void;
  /** Something the engine did on its own that the user should know, e.g. rebuilding a damaged index. */
  onNotice?(text: string): void;
  /** Every engine message (for the log). */
  onEngineMessage?(m: EngineMessage): void;
}

export interface FolderIndexOptions {
  folder: string;
  indexDir: string;
  createEngine(): Promise<Engine>;
  /** Quiet period before watcher/editor changes go to update(). */
  debounceMs?: number;
  hooks?: FolderIndexHooks;
}

export class FolderIndex {
  private engine: Engine | undefined;
  private enginePromise: Promise<Engine> | undefined;
  private statusValue: FolderStatus;
  private readonly batcher: PathBatcher;
  private fullPass: Promise<void> | undefined;
  private firstPassDone!: () => void;
  private readonly firstPass: Promise<void>;
  private pausedByUser = false;
  private disposed = false;
  private unsubscribe: (() => void)[] = [];
  private readonly progressListeners = new Set<(e: ProgressEvent) => void>();

  constructor(private readonly opts: FolderIndexOptions) {
    this.statusValue = initialFolderStatus(opts.folder);
    this.firstPass = new Promise((resolve) => (this.firstPassDone = resolve));
    this.batcher = new PathBatcher({
      debounceMs: opts.debounceMs ?? 300,
      flush: (paths) => this.applyUpdate(paths),
      onError: (err) => opts.hooks?.onError?.(err),
    });
  }

  get folder(): string {
    return this.opts.folder;
  }

  get indexDir(): string {
    return this.opts.indexDir;
  }

  get status(): FolderStatus {
    return this.statusValue;
  }

  get isPaused(): boolean {
    return this.pausedByUser;
  }

  /** The engine, created on first use; rejects (and marks the folder as failed) when it cannot be created. */
  async getEngine(): Promise<Engine> {
    if (this.engine) return this.engine;
    if (!this.enginePromise) {
      this.enginePromise = this.opts.createEngine().then(
        (engine) => {
          if (this.disposed) {
            void engine.close();
            throw new Error('Folder removed');
          }
          this.engine = engine;
          this.unsubscribe.push(
            engine.onProgress((e) => {
              this.emit({ type: 'progress', ...e, at: Date.now() });
              for (const l of this.progressListeners) l(e);
            }),
          );
          this.unsubscribe.push(engine.onMessage((m) => this.opts.hooks?.onEngineMessage?.(m)));
          // The store reports a fallback (damaged index, other model or format) once, at open.
          const notice = engine.status().message;
          if (notice) this.opts.hooks?.onNotice?.(notice);
          if (this.pausedByUser) engine.pause();
          return engine;
        },
        (err) => {
          this.enginePromise = undefined; // a later Reindex (e.g. after fixing the model path) tries again
          this.emit({ type: 'failed', message: errorText(err) });
          this.opts.hooks?.onError?.(err);
          this.firstPassDone();
          throw err;
        },
      );
    }
    return this.enginePromise;
  }

  /** Full incremental pass (the first one after startup, or Reindex). Never throws. */
  index(): Promise<void> {
    if (this.fullPass) return this.fullPass;
    this.fullPass = this.runFullPass().finally(() => {
      this.fullPass = undefined;
      if (!this.pausedByUser) this.batcher.resume();
    });
    return this.fullPass;
  }

  private async runFullPass(): Promise<void> {
    this.batcher.suspend(); // the full pass sees every change made so far
    this.emit({ type: 'started', at: Date.now() });
    try {
      const engine = await this.getEngine();
      const summary = await engine.index();
      const st = engine.status();
      this.emit({ type: 'indexed', files: st.files || summary.files, chunks: st.chunks || summary.chunks, cancelled: summary.cancelled, message: st.message });
    } catch (err) {
      if (!this.engine) return; // creation failed: already reported
      this.emit({ type: 'failed', message: errorText(err) });
      this.opts.hooks?.onError?.(err);
    } finally {
      this.firstPassDone();
    }
  }

  /** Automatic indexing is off: load what is on disk (if anything) without scanning. */
  async openWithoutIndexing(): Promise<void> {
    try {
      const engine = await this.getEngine();
      const st = engine.status();
      this.emit({ type: 'indexed', files: st.files, chunks: st.chunks, message: st.message });
      this.emit({ type: 'disabled' });
    } catch {
      // reported by getEngine
    } finally {
      this.firstPassDone();
    }
  }

  /** Changed, created, deleted or renamed paths (absolute); applied after the quiet period. */
  changed(paths: Iterable<string>): void {
    this.batcher.add(paths);
  }

  private async applyUpdate(paths: string[]): Promise<void> {
    if (!this.engine || this.statusValue.state === 'error' || this.statusValue.state === 'disabled') return;
    const summary = await this.engine.update(paths);
    const st = this.engine.status();
    this.emit({ type: 'indexed', files: st.files || summary.files, chunks: st.chunks || summary.chunks, message: st.message });
  }

  pause(): void {
    this.pausedByUser = true;
    this.batcher.suspend();
    this.engine?.pause();
    this.emit({ type: 'paused' });
  }

  resume(): void {
    this.pausedByUser = false;
    this.engine?.resume();
    this.emit({ type: 'resumed' });
    if (!this.fullPass) this.batcher.resume();
  }

  /** Stops the running full pass; it resolves after saving what is done. */
  cancel(): void {
    this.engine?.cancel();
  }

  /** Throws the index away and builds it again (the fix for a damaged index or a changed model). */
  async rebuild(): Promise<void> {
    this.cancel();
    await this.fullPass?.catch(() => undefined);
    await this.closeEngine();
    await fs.rm(this.opts.indexDir, { recursive: true, force: true });
    this.statusValue = { ...initialFolderStatus(this.opts.folder), state: this.pausedByUser ? 'paused' : 'starting' };
    this.opts.hooks?.onStatus?.(this.statusValue);
    await this.index();
  }

  async search(query: string, opts: SearchOptions): Promise<SearchResult[]> {
    const engine = await this.usableEngine();
    return engine ? engine.search(query, opts) : [];
  }

  /** `text`: the range's current text when the editor holds unsaved changes (the engine would read the file). */
  async similar(file: string, startLine: number, endLine: number, opts: SearchOptions, text?: string): Promise<SearchResult[]> {
    const engine = await this.usableEngine();
    return engine ? engine.similar({ path: file, startLine, endLine, ...(text !== undefined ? { text } : {}) }, opts) : [];
  }

  /** The engine, unless the folder failed; waits for a pending creation. */
  async usableEngine(): Promise<Engine | undefined> {
    if (this.statusValue.state === 'error' && !this.engine) return undefined;
    try {
      return await this.getEngine();
    } catch {
      return undefined;
    }
  }

  /** Progress of whichever engine is current (it is replaced by rebuild()). */
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  whenFirstPass(): Promise<void> {
    return this.firstPass;
  }

  async flushPending(): Promise<void> {
    if (!this.fullPass && !this.pausedByUser) await this.batcher.flushNow();
  }

  async whenIdle(): Promise<void> {
    await this.fullPass;
    await this.batcher.whenIdle();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.batcher.dispose();
    this.cancel();
    await this.fullPass?.catch(() => undefined);
    await this.closeEngine();
    this.firstPassDone();
  }

  private async closeEngine(): Promise<void> {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    const engine = this.engine ?? (await this.enginePromise?.catch(() => undefined));
    this.engine = undefined;
    this.enginePromise = undefined;
    await engine?.close().catch(() => undefined);
  }

  private emit(e: FolderEvent): void {
    const next = reduceFolder(this.statusValue, e);
    if (next === this.statusValue) return;
    this.statusValue = next;
    this.opts.hooks?.onStatus?.(next);
  }
}
