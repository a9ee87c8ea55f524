// Runs an async handler on batches of keys one call at a time: keys that arrive while a
// call is running are merged and handed to the next call, so calls never overlap.

export interface SerialRunner {
  push(keys: Iterable<string>): void;
  /** Resolves once nothing is running or queued. */
  idle(): Promise<void>;
}

export function createSerialRunner(
  handler: (keys: string[]) => void | Promise<void>,
  onError: (err: unknown) => void,
): SerialRunner {
  const queued = new Set<string>();
  let running: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    while (queued.size > 0) {
      const batch = [...queued].sort();
      queued.clear();
      try {
        await handler(batch);
      } catch (err) {
        // One failed batch must not stop later ones.
        onError(err);
      }
    }
  };

  const start = (): void => {
    running = drain().finally(() => {
      running = null;
      // Keys pushed between the end of the loop and this callback would otherwise wait forever.
      if (queued.size > 0) start();
    });
  };

  return {
    push(keys) {
      for (const k of keys) queued.add(k);
      if (!running && queued.size > 0) start();
    },
    async idle() {
      while (running) await running;
    },
  };
}
