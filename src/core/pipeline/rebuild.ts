// A rebuild: the whole index built again from nothing in `<index>/rebuild`, beside the index in use (which keeps
// answering searches), and swapped in as its new generation only when complete. A cancel leaves it untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openIndexStore } from '../store';
import type { OpenStoreOptions } from '../store/types';
import type { IndexSummary } from '../types';
import { indexAll, type IndexerDeps } from './indexer';

const REBUILD_DIR = 'rebuild';

export async function rebuildBeside(deps: IndexerDeps, storeOptions: OpenStoreOptions, signal?: AbortSignal): Promise<IndexSummary> {
  const stagingDir = path.join(storeOptions.indexDir, REBUILD_DIR);
  await fs.promises.rm(stagingDir, { recursive: true, force: true });
  const staging = await openIndexStore({ ...storeOptions, indexDir: stagingDir, write: true });
  let summary: IndexSummary;
  try {
    summary = await indexAll({ ...deps, store: staging }, signal);
  } finally {
    await staging.close();
  }
  if (!summary.cancelled) await deps.store.replaceWith(stagingDir);
  await fs.promises.rm(stagingDir, { recursive: true, force: true });
  return summary;
}
