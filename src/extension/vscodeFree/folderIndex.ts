// One workspace folder's index inside the editor: owns the engine, runs the full pass, starts
// the engine's watch (editor events join its queue), and keeps the folder's state. No vscode
// here, so the whole lifecycle is unit-tested with a fake engine.
import type { Engine, EngineMessage, EngineWatch, ProgressEvent, SearchOptions, SearchResult } from '../../core/index';
import { errorCode, userErrorText } from './errorAdvice';
import { type FolderEvent, type FolderStatus, initialFolderStatus, reduceFolder } from './folderState';

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
  /** `readOnly`: open the index without the writer lock (another window or process is writing it). */
  createEngine(opts?: { readOnly?: boolean }): Promise<Engine>;
  /** How often a read-only folder looks for the writer's commits and tries to take over writing (ms). */
  followMs?: number;
  /** Keep the index fresh (the autoIndex setting): the engine watches the folder from the first full pass on. */
  watch?: boolean;
  /** Quiet period before watcher/editor changes go to update(). */
  debounceMs?: number;
  hooks?: FolderIndexHooks;
}

export class FolderIndex {
  private engine: Engine | undefined;
  private enginePromise: Promise<Engine> | undefined;
  private statusValue: FolderStatus;
  private watching: EngineWatch | undefined;
  private fullPass: Promise<void> | undefined;
  private firstPassDone!: () => void;
  private readonly firstPass: Promise<void>;
  private pausedByUser = false;
  private follower: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private unsubscribe: (() => void)[] = [];
  private readonly progressListeners = new Set<(e: ProgressEvent) => void>();

  constructor(private readonly opts: FolderIndexOptions) {
    this.statusValue = initialFolderStatus(opts.folder);
    this.firstPass = new Promise((resolve) => (this.firstPassDone = resolve));
  }

  get folder(): string {
    return this.opts.folder;
  }

  /** Known once the engine exists (it depends on the model); empty before. */
  get indexDir(): string {
    return this.engine?.indexDir ?? '';
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
      this.enginePromise = this.createWriterOrReader().then(
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
          const st = engine.status();
          if (st.message) this.opts.hooks?.onNotice?.(st.message);
          if (st.state === 'damaged' && st.problem) this.emit({ type: 'damaged', problem: st.problem });
          if (this.pausedByUser) engine.pause();
          return engine;
        },
        (err) => {
          this.enginePromise = undefined; // a later Reindex (e.g. after fixing the model path) tries again
          this.emit({ type: 'failed', message: userErrorText(err), code: errorCode(err) });
          this.opts.hooks?.onError?.(err);
          this.firstPassDone();
          throw err;
        },
      );
    }
    return this.enginePromise;
  }

  /** The writer; when another window holds the lock, a reader that follows its commits until it can take over. */
  private async createWriterOrReader(): Promise<Engine> {
    try {
      return await this.opts.createEngine();
    } catch (err) {
      if ((err as { code?: unknown })?.code !== 'INDEX_LOCKED') throw err;
      const reader = await this.opts.createEngine({ readOnly: true });
      this.startFollowing(reader);
      return reader;
    }
  }

  private startFollowing(reader: Engine): void {
    const tick = async (): Promise<void> => {
      if (this.disposed || this.engine !== reader) return this.stopFollowing();
      if (await reader.refresh().catch(() => false)) this.emitIndexed(reader);
      if (!(await reader.takeOver().catch(() => false))) return;
      // The writer went away: this window writes from now on (and catches up on what changed meanwhile).
      this.stopFollowing();
      this.opts.hooks?.onEngineMessage?.({ level: 'info', text: 'The window that was indexing this folder has gone; this window indexes it now.' });
      if (this.opts.watch) void this.index();
      else this.emitIndexed(reader);
    };
    this.follower = setInterval(() => void tick(), this.opts.followMs ?? 3_000);
    this.follower.unref?.();
  }

  private stopFollowing(): void {
    if (this.follower) clearInterval(this.follower);
    this.follower = undefined;
  }

  private emitIndexed(engine: Engine, cancelled?: boolean): void {
    const st = engine.status();
    const readOnly = !st.writable;
    this.emit({
      type: 'indexed',
      files: st.files,
      chunks: st.chunks,
      cancelled,
      message: readOnly ? 'Another window is indexing this folder; searching its index (read-only).' : st.message,
      incomplete: st.incomplete,
      readOnly,
    });
  }

  /** Full incremental pass (the first one after startup, or Reindex). Never throws. */
  index(rebuild = false): Promise<void> {
    if (this.fullPass) return this.fullPass;
    this.fullPass = this.runFullPass(rebuild).finally(() => {
      this.fullPass = undefined;
    });
    return this.fullPass;
  }

  private async runFullPass(rebuild: boolean): Promise<void> {
    this.emit({ type: 'started', at: Date.now() });
    try {
      const engine = await this.getEngine();
      if (!engine.status().writable) {
        this.emitIndexed(engine); // another window writes; this one searches what it commits
        return;
      }
      // Before the pass: the engine holds changes made during it, then applies them.
      if (this.opts.watch) this.watching ??= this.startWatching(engine);
      const summary = rebuild ? await engine.rebuild() : await engine.index();
      this.emitIndexed(engine, summary.cancelled);
    } catch (err) {
      if (!this.engine) return; // creation failed: already reported
      // No updates on top of a failed pass; Reindex starts over (and watching again).
      await this.stopWatching();
      this.emit({ type: 'failed', message: userErrorText(err), code: errorCode(err) });
      this.opts.hooks?.onError?.(err);
    } finally {
      this.firstPassDone();
    }
  }

  /** Automatic indexing is off: load what is on disk (if anything) without scanning. */
  async openWithoutIndexing(): Promise<void> {
    try {
      this.emitIndexed(await this.getEngine());
      this.emit({ type: 'disabled' });
    } catch {
      // reported by getEngine
    } finally {
      this.firstPassDone();
    }
  }

  /** Changed, created, deleted or renamed paths (absolute) from the editor: the engine's watch queue. */
  changed(paths: Iterable<string>): void {
    this.watching?.changed(paths);
  }

  private startWatching(engine: Engine): EngineWatch {
    return engine.watch({
      debounceMs: this.opts.debounceMs,
      onUpdate: () => this.emitIndexed(engine),
      // A failed update is the user's business; the watcher's own hiccups (it keeps running) go to the log.
      onError: (err, source) =>
        source === 'update' ? this.opts.hooks?.onError?.(err) : this.opts.hooks?.onEngineMessage?.({ level: 'warn', text: `watcher: ${String(err)}` }),
    });
  }

  private async stopWatching(): Promise<void> {
    const watching = this.watching;
    this.watching = undefined;
    await watching?.dispose().catch(() => undefined);
  }

  pause(): void {
    this.pausedByUser = true;
    this.engine?.pause(); // also holds the watch queue
    this.emit({ type: 'paused' });
  }

  resume(): void {
    this.pausedByUser = false;
    this.engine?.resume();
    this.emit({ type: 'resumed' });
  }

  /** Stops the running full pass; it resolves after saving what is done. */
  cancel(): void {
    this.engine?.cancel();
  }

  /**
   * Builds the index again from nothing, beside the one in use (searches keep working), and swaps it in when
   * complete; a cancel keeps the previous index. A folder whose engine could not be created tries again first.
   */
  async rebuild(): Promise<void> {
    this.cancel();
    await this.fullPass?.catch(() => undefined);
    await this.index(true);
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
    await this.watching?.flush();
  }

  async whenIdle(): Promise<void> {
    await this.fullPass;
    await this.watching?.idle();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    await this.fullPass?.catch(() => undefined);
    await this.closeEngine();
    this.firstPassDone();
  }

  private async closeEngine(): Promise<void> {
    this.stopFollowing();
    await this.stopWatching();
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
