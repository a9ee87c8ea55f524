// Collects changed paths from the file watcher and editor events and hands them to the
// engine's update() in one batch after a quiet period. Batches never overlap: paths that
// arrive while an update runs wait for the next one. whenIdle() is what tests await.

export interface PathBatcherOptions {
  debounceMs: number;
  /** Applies one batch (engine.update). Errors are reported through onError and never thrown. */
  flush(paths: string[]): Promise<void>;
  onError?(err: unknown): void;
  /** Upper bound on waiting while events keep coming (default 4 × debounceMs). */
  maxWaitMs?: number;
}

export class PathBatcher {
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private suspended = false;
  private disposed = false;

  constructor(private readonly opts: PathBatcherOptions) {}

  add(paths: Iterable<string>): void {
    if (this.disposed) return;
    let added = false;
    for (const p of paths) {
      if (!this.pending.size) this.firstPendingAt = Date.now();
      this.pending.add(p);
      added = true;
    }
    if (added) this.schedule();
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Hold batches back (indexing paused, or a full pass is running); paths keep collecting. */
  suspend(): void {
    this.suspended = true;
    this.clearTimer();
  }

  resume(): void {
    this.suspended = false;
    if (this.pending.size) this.schedule();
    else this.notifyIfIdle();
  }

  /** Applies what is pending now, without waiting for the quiet period. */
  async flushNow(): Promise<void> {
    this.clearTimer();
    await this.drain();
  }

  /** Resolves when nothing is pending or running (a suspended batcher with pending paths counts as idle). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.pending.clear();
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return !this.running && (this.pending.size === 0 || this.suspended || this.disposed);
  }

  private schedule(): void {
    if (this.suspended || this.disposed) return;
    this.clearTimer();
    const maxWait = this.opts.maxWaitMs ?? this.opts.debounceMs * 4;
    const waited = Date.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.opts.debounceMs, maxWait - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    if (this.running) {
      await this.running;
      return this.drain();
    }
    if (!this.pending.size || this.suspended || this.disposed) {
      this.notifyIfIdle();
      return;
    }
    const batch = [...this.pending];
    this.pending.clear();
    this.running = this.opts.flush(batch).catch((err) => this.opts.onError?.(err));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    if (this.pending.size && !this.suspended) this.schedule();
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() || this.timer) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
