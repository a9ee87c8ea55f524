// A tiny bounded-concurrency work queue whose jobs may enqueue more jobs: the walker
// adds a job per directory and per stat, and waits until everything has drained.

export type Job = () => Promise<void>;

export interface WorkQueue {
  push(job: Job): void;
  /** Resolves when no job is queued or running; rejects with the first job error. */
  drained(): Promise<void>;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  const queue: Job[] = [];
  let active = 0;
  let failed: unknown = undefined;
  let hasFailed = false;
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  const settle = (): void => {
    if (!hasFailed && (active > 0 || queue.length > 0)) return;
    const ws = waiters;
    waiters = [];
    for (const w of ws) (hasFailed ? w.reject(failed) : w.resolve());
  };

  const pump = (): void => {
    while (!hasFailed && active < concurrency && queue.length > 0) {
      // LIFO keeps the walk depth-first, so the queue stays small on wide trees.
      const job = queue.pop()!;
      active++;
      job().then(
        () => {
          active--;
          pump();
          settle();
        },
        (err: unknown) => {
          active--;
          if (!hasFailed) {
            hasFailed = true;
            failed = err;
          }
          settle();
        },
      );
    }
  };

  return {
    push(job) {
      queue.push(job);
      pump();
    },
    drained() {
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        settle();
      });
    },
  };
}
