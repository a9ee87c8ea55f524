// The one queue between changed paths and Engine.update(): paths collect (deduplicated) until
// things have been quiet for debounceMs (at most maxWaitMs after the first one), then go to
// `apply` as one sorted batch. Batches never overlap: paths that arrive meanwhile wait for the
// next one. While held (a full pass runs, indexing is paused) paths keep collecting unapplied.
// Timers only (no clock reads), so tests can drive it with fake timers.

export interface ChangeQueueOptions {
  /** Quiet period after the last add before applying. */
  debounceMs: number;
  /** Apply at the latest this long after the first add of a batch (default 10 × debounceMs). */
  maxWaitMs?: number;
  /** Applies one batch (Engine.update). A rejection goes to onError; later batches still run. */
  apply(paths: string[]): Promise<void>;
  onError?(err: unknown): void;
}

export class ChangeQueue {
  private readonly pending = new Set<string>();
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private capTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private holds = 0;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: ChangeQueueOptions) {}

  /** Paths waiting for the next batch. */
  get pendingCount(): number {
    return this.pending.size;
  }

  add(paths: Iterable<string>): void {
    if (this.disposed) return;
    const before = this.pending.size;
    for (const p of paths) this.pending.add(p);
    if (this.pending.size > before) this.schedule();
  }

  /** Holds batches back until the matching release(); holds nest. */
  hold(): void {
    this.holds++;
    this.clearTimers();
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds === 0) this.schedule();
    this.notifyIfIdle();
  }

  /** Applies what is collected now instead of after the quiet period (nothing while held). */
  async flush(): Promise<void> {
    this.clearTimers();
    await this.drain();
  }

  /** Resolves when nothing runs and nothing is due (paths collected while held do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops collected paths and ignores later ones; resolves after a running batch. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearTimers();
    this.pending.clear();
    await this.running;
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return !this.running && (this.pending.size === 0 || this.holds > 0 || this.disposed);
  }

  private schedule(): void {
    if (this.holds > 0 || this.disposed || this.pending.size === 0) return;
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => void this.drain(), this.opts.debounceMs);
    this.capTimer ??= setTimeout(() => void this.drain(), this.opts.maxWaitMs ?? this.opts.debounceMs * 10);
  }

  private async drain(): Promise<void> {
    this.clearTimers();
    while (this.running) await this.running;
    if (this.pending.size === 0 || this.holds > 0 || this.disposed) return this.notifyIfIdle();
    const batch = [...this.pending].sort();
    this.pending.clear();
    this.running = this.opts
      .apply(batch)
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => (this.running = undefined));
    await this.running;
    this.schedule(); // paths that arrived during the batch
    this.notifyIfIdle();
  }

  private clearTimers(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.capTimer);
    this.quietTimer = undefined;
    this.capTimer = undefined;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
