// Watches a workspace folder with chokidar and reports each changed path (relative, forward
// slashes) as it happens; the engine's ChangeQueue batches them for Engine.update(paths).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { SkipReason } from '../types';
import { BUILTIN_EXCLUDED_DIRS } from '../scan/builtins';
import { IGNORE_FILE_NAMES } from '../scan/ignoreFiles';
import { toRelative } from '../scan/relativePath';

/** The part of a scan PathFilter the watcher needs. */
export interface WatchFilter {
  check(relPath: string, isDir?: boolean): SkipReason | null;
  invalidate?(relDir?: string): void;
}

export interface FileWatcherOptions {
  root: string;
  /** Paths it rejects are neither watched nor reported. */
  filter?: WatchFilter;
  /** Absolute index folder: never watched, also when the filter does not know it. */
  indexDir?: string;
  /** A relative path (forward slashes) of a file or folder added, changed or removed. */
  onPath: (relPath: string) => void;
  onError?: (err: unknown) => void;
}

export interface FileWatcher {
  /** Resolves when the initial crawl is done and events are being delivered. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const WATCHED_EVENTS = new Set(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

export function watchFolder(opts: FileWatcherOptions): FileWatcher {
  const root = path.resolve(opts.root);
  const onError = opts.onError ?? (() => undefined);
  const indexDir = opts.indexDir ? path.resolve(opts.indexDir) : undefined;

  const isIgnored = (abs: string, stats?: fs.Stats): boolean => {
    if (indexDir && (abs === indexDir || abs.startsWith(indexDir + path.sep))) return true;
    const rel = toRelative(root, abs);
    if (rel === undefined) return true;
    if (rel === '') return false;
    // chokidar asks once without stats before it stats the path; links are not followed, hence lstat.
    const isDir = stats ? stats.isDirectory() : (fs.lstatSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false);
    // Name check first, so chokidar never descends into these, even without a filter.
    if (isDir && BUILTIN_EXCLUDED_DIRS.has(path.basename(abs))) return true;
    return opts.filter ? opts.filter.check(rel, isDir) !== null : false;
  };

  // chokidar is loaded when a watch starts: a CLI run that never watches skips it (~13 ms of its start).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { watch } = require('chokidar') as typeof import('chokidar');
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Links are not followed: a link to outside the root or back up would be watched forever.
    followSymlinks: false,
    ignored: isIgnored,
  });

  watcher.on('all', (event, abs) => {
    if (!WATCHED_EVENTS.has(event) || typeof abs !== 'string') return;
    const rel = toRelative(root, abs);
    if (rel === undefined || rel === '') return;
    // Changed ignore rules change what the filter says about everything below them.
    if (IGNORE_FILE_NAMES.includes(path.basename(rel))) {
      const dir = path.posix.dirname(rel);
      opts.filter?.invalidate?.(dir === '.' ? '' : dir);
    }
    opts.onPath(rel);
  });
  watcher.on('error', onError);

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return { ready, close: () => watcher.close() };
}
