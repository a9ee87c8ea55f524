// Collects keys (paths) and hands them over once things have been quiet for a while.
// maxWaitMs caps the delay, so a steady stream of events still gets flushed.
// Timers only (no clock reads), so tests can drive it with fake timers.

export interface DebouncerOptions {
  /** Quiet period after the last add before flushing. */
  delayMs: number;
  /** Flush at the latest this long after the first add of a batch (default: no cap). */
  maxWaitMs?: number;
  /** Receives the distinct keys of the batch, in the order they first arrived. */
  onFlush: (keys: string[]) => void;
}

export class Debouncer {
  private readonly keys = new Set<string>();
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private capTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly opts: DebouncerOptions) {}

  /** Number of keys waiting for the next flush. */
  get pending(): number {
    return this.keys.size;
  }

  add(key: string | Iterable<string>): void {
    if (this.disposed) return;
    if (typeof key === 'string') this.keys.add(key);
    else for (const k of key) this.keys.add(k);
    if (this.keys.size === 0) return;

    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), this.opts.delayMs);
    if (this.capTimer === undefined && this.opts.maxWaitMs !== undefined) {
      this.capTimer = setTimeout(() => this.flush(), this.opts.maxWaitMs);
    }
  }

  /** Hands over what is pending now (nothing happens when the batch is empty). */
  flush(): void {
    this.clearTimers();
    if (this.keys.size === 0) return;
    const batch = [...this.keys];
    this.keys.clear();
    this.opts.onFlush(batch);
  }

  /** Drops pending keys without flushing. */
  cancel(): void {
    this.clearTimers();
    this.keys.clear();
  }

  /** Cancels and ignores any later add. */
  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private clearTimers(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.capTimer);
    this.quietTimer = undefined;
    this.capTimer = undefined;
  }
}
