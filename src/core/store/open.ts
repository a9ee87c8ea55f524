// The store module's way in: an IndexStore opened on an index folder.
import { Store } from './store';
import type { IndexStore, OpenStoreOptions } from './types';

/**
 * Open (or create) the index in `opts.indexDir`. Writers (default) take the single-writer lock
 * and throw IndexLockedError when another live process holds it; readers (`write: false`) never
 * lock and never write. A damaged, foreign or outdated index opens empty with `message` set.
 */
export async function openIndexStore(opts: OpenStoreOptions): Promise<IndexStore> {
  const store = new Store(opts);
  await store.open();
  return store;
}
