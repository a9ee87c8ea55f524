// The watch module: file changes, from chokidar or an editor, as batches for Engine.update().
export { ChangeQueue, type ChangeQueueOptions } from './changeQueue';
export { watchFolder, type FileWatcher, type FileWatcherOptions, type WatchFilter } from './fileWatcher';
export { WatchSet, DEFAULT_WATCH_DEBOUNCE_MS, type EngineWatchDeps } from './engineWatch';
