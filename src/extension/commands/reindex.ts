// Reindex: throw every folder's index away and build it again (also the fix for a damaged
// index or after changing the model), with cancellable progress.
import type { ExtensionServices } from '../services';

export async function reindex(s: ExtensionServices): Promise<void> {
  await s.indexing.reindexAll(true);
}
