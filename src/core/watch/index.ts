// The watch module: file system changes as debounced batches of relative paths.
export { Debouncer, type DebouncerOptions } from './debouncer';
export { createSerialRunner, type SerialRunner } from './serialRunner';
export {
  createDebouncedWatcher,
  type DebouncedWatcher,
  type DebouncedWatcherOptions,
  type WatchFilter,
} from './watcher';
