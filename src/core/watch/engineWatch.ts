// Engine.watch(): chokidar events and the paths an editor reports go into one ChangeQueue,
// whose batches are applied by Engine.update(). The engine's WatchSet holds every queue while
// a full pass runs (it sees those changes anyway) or indexing is paused.
import type { EngineWatch, WatchOptions } from '../api';
import { toRelative } from '../scan/relativePath';
import type { IndexSummary } from '../types';
import { ChangeQueue } from './changeQueue';
import { watchFolder, type WatchFilter } from './fileWatcher';

export interface EngineWatchDeps {
  root: string;
  indexDir: string;
  filter: WatchFilter;
  update(paths: string[]): Promise<IndexSummary>;
}

const DEFAULT_WATCH_DEBOUNCE_MS = 300;

/** The watches of one engine, held and released together. */
export class WatchSet {
  private readonly watches = new Map<ChangeQueue, EngineWatch>();
  private holds = 0;

  constructor(private readonly deps: EngineWatchDeps) {}

  create(opts: WatchOptions = {}): EngineWatch {
    const { watch, queue } = createEngineWatch(this.deps, opts, () => this.watches.delete(queue));
    for (let i = 0; i < this.holds; i++) queue.hold();
    this.watches.set(queue, watch);
    return watch;
  }

  /** Holds every batch (present and future watches) until the matching release(). */
  hold(): void {
    this.holds++;
    for (const q of this.watches.keys()) q.hold();
  }

  release(): void {
    if (this.holds === 0) return;
    this.holds--;
    for (const q of this.watches.keys()) q.release();
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.watches.values()].map((w) => w.dispose()));
  }
}

function createEngineWatch(deps: EngineWatchDeps, opts: WatchOptions, onDispose: () => void): { watch: EngineWatch; queue: ChangeQueue } {
  const onError = opts.onError ?? (() => undefined);
  const queue = new ChangeQueue({
    debounceMs: opts.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS,
    maxWaitMs: opts.maxWaitMs,
    apply: async (paths) => {
      const summary = await deps.update(paths);
      opts.onUpdate?.(summary, paths);
    },
    onError: (err) => onError(err, 'update'),
  });
  const files =
    opts.files === false
      ? undefined
      : watchFolder({ root: deps.root, filter: deps.filter, indexDir: deps.indexDir, onPath: (rel) => queue.add([rel]), onError: (err) => onError(err, 'watcher') });
  let disposed: Promise<void> | undefined;
  const watch: EngineWatch = {
    ready: files?.ready ?? Promise.resolve(),
    changed(paths) {
      // Relative paths, like chokidar's, so that an editor event and a watcher event for one file are one entry.
      const rels: string[] = [];
      for (const p of paths) {
        const rel = toRelative(deps.root, p);
        if (rel) rels.push(rel);
      }
      queue.add(rels);
    },
    flush: () => queue.flush(),
    idle: () => queue.idle(),
    dispose() {
      disposed ??= (async () => {
        await files?.close().catch((err: unknown) => onError(err, 'watcher'));
        await queue.dispose();
        onDispose();
      })();
      return disposed;
    },
  };
  return { watch, queue };
}
