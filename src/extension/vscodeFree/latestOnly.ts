// Drops stale answers: when the user keeps typing, only the answer to the newest request
// is delivered; older ones resolve to undefined however late they arrive.
export class LatestOnly {
  private generation = 0;

  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    const mine = ++this.generation;
    const value = await work();
    return mine === this.generation ? value : undefined;
  }

  /** Makes every request in flight stale (e.g. the QuickPick closed). */
  invalidate(): void {
    this.generation++;
  }
}

/** A trailing-edge debounce with cancel(): only the last call in a burst runs. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
