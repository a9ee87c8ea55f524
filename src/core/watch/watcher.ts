// Watches a workspace folder with chokidar and reports changed paths in debounced,
// de-duplicated, serialized batches: the feed for Engine.update(paths).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { SkipReason } from '../types';
import { BUILTIN_EXCLUDED_DIRS } from '../scan/builtins';
import { IGNORE_FILE_NAMES } from '../scan/ignoreFiles';
import { Debouncer } from './debouncer';
import { createSerialRunner } from './serialRunner';

/** The part of a scan PathFilter the watcher needs. */
export interface WatchFilter {
  check(relPath: string, isDir?: boolean): SkipReason | null;
  invalidate?(relDir?: string): void;
}

export interface DebouncedWatcherOptions {
  root: string;
  /** Paths it rejects are neither watched nor reported. */
  filter?: WatchFilter;
  debounceMs?: number;
  /** Upper bound on how long a change waits under a constant stream of events (default 10 × debounceMs). */
  maxWaitMs?: number;
  /** Absolute index folder: never watched, also when the filter does not know it. */
  indexDir?: string;
  /** Relative paths (forward slashes, sorted) of files and folders added, changed or removed. */
  onChange: (relPaths: string[]) => void | Promise<void>;
  onError?: (err: unknown) => void;
}

export interface DebouncedWatcher {
  /** Resolves when the initial crawl is done and events are being delivered. */
  readonly ready: Promise<void>;
  /** Hands over pending paths now instead of waiting for the quiet period. */
  flush(): void;
  /** Stops watching; pending (not yet flushed) paths are dropped, a running onChange is awaited. */
  close(): Promise<void>;
}

const WATCHED_EVENTS = new Set(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

export function createDebouncedWatcher(opts: DebouncedWatcherOptions): DebouncedWatcher {
  const root = path.resolve(opts.root);
  const debounceMs = opts.debounceMs ?? 300;
  const onError = opts.onError ?? (() => undefined);
  const indexDir = opts.indexDir ? path.resolve(opts.indexDir) : undefined;

  const toRel = (abs: string): string | null => {
    const rel = path.relative(root, abs);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/');
  };

  const isIgnored = (abs: string, stats?: fs.Stats): boolean => {
    if (indexDir && (abs === indexDir || abs.startsWith(indexDir + path.sep))) return true;
    const rel = toRel(abs);
    if (rel === null) return true;
    if (rel === '') return false;
    // chokidar asks once without stats before it stats the path; links are not followed, hence lstat.
    const isDir = stats ? stats.isDirectory() : (fs.lstatSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false);
    // Name check first, so chokidar never descends into these, even without a filter.
    if (isDir && BUILTIN_EXCLUDED_DIRS.has(path.basename(abs))) return true;
    return opts.filter ? opts.filter.check(rel, isDir) !== null : false;
  };

  const runner = createSerialRunner(opts.onChange, onError);
  const debouncer = new Debouncer({
    delayMs: debounceMs,
    maxWaitMs: opts.maxWaitMs ?? debounceMs * 10,
    onFlush: (keys) => runner.push(keys),
  });

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Links are not followed: a link to outside the root or back up would be watched forever.
    followSymlinks: false,
    ignored: isIgnored,
  });

  watcher.on('all', (event, abs) => {
    if (!WATCHED_EVENTS.has(event) || typeof abs !== 'string') return;
    const rel = toRel(abs);
    if (rel === null || rel === '') return;
    // Changed ignore rules change what the filter says about everything below them.
    if (IGNORE_FILE_NAMES.includes(path.basename(rel))) {
      const dir = path.posix.dirname(rel);
      opts.filter?.invalidate?.(dir === '.' ? '' : dir);
    }
    debouncer.add(rel);
  });
  watcher.on('error', onError);

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    flush: () => debouncer.flush(),
    async close() {
      debouncer.dispose();
      await watcher.close();
      await runner.idle();
    },
  };
}
