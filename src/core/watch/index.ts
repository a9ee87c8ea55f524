// The watch module: file changes, from chokidar or an editor, as batches for Engine.update().
export { ChangeQueue, type ChangeQueueOptions } from './changeQueue';
export { WatchSet, type EngineWatchDeps } from './engineWatch';
export type { WatchFilter } from './fileWatcher';
