// Public entry of the store module.
export type { FileEntry, IndexStore, OpenStoreOptions, ScoredId } from './types';
export { openIndexStore } from './open';
export { FORMAT_VERSION, CURRENT_FILE, DATA_FILES, dataFileName, type CurrentRecord } from './layout';
export { readCurrentRecord } from './load';
export { splitTerms } from './lexical';
export { CONNECTIVITY, BRUTE_FORCE_MAX } from './vectors';
export { REUSE_CACHE_MAX } from './reuseCache';
export { MAP_LAYOUT_FILE, readMapLayout, writeMapLayout, type StoredMapLayout } from './mapLayout';
