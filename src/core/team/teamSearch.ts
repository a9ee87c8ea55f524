// A search through the team store: refresh the local overlay (files that differ from the snapshot), hide their
// team chunks, search both. If the store cannot answer — before or during the query — the same search runs on the
// local index and the user is told; nothing waits longer than the connect and statement timeouts.
import { StoreUnavailableError } from '../store/postgres/connection';
import { PostgresVectorStore } from '../store/postgres/search';
import type { IndexStore } from '../store/types';
import { embeddedVectorStore, type VectorStore } from '../store/vectorStore';
import type { IndexSummary, ScanOptions } from '../types';
import { LayeredVectorStore } from './layered';
import { diffAgainstSnapshot, saveHashCache } from './overlay';
import type { TeamSession } from './session';

export interface TeamSearchDeps {
  session: TeamSession;
  scanOptions: ScanOptions;
  /** The overlay: an ordinary embedded index holding only the files that differ. */
  overlay: IndexStore;
  /** Re-index these paths into the overlay (the engine's incremental update). */
  update(paths: string[]): Promise<IndexSummary>;
  /** The local index to use when the store is unreachable, and how to name it in the message. */
  fallback(): Promise<{ vectors: VectorStore; what: string }>;
  warn(text: string): void;
  rejected?(n: number): void;
}

export async function withTeamStore<T>(deps: TeamSearchDeps, run: (vectors: VectorStore) => Promise<T>, signal?: AbortSignal): Promise<T> {
  let team: PostgresVectorStore | undefined;
  try {
    team = await teamVectors(deps, signal);
    const out = await run(new LayeredVectorStore(team, embeddedVectorStore(deps.overlay)));
    if (team.rejected > 0) deps.warn(`The team store sent ${team.rejected} malformed result row(s) (a path outside the workspace or oversized text); they were left out.`);
    return out;
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    await deps.session.failed(err);
    const fb = await deps.fallback();
    deps.warn(`${err.message} — searching ${fb.what} instead.`);
    return run(fb.vectors);
  }
}

async function teamVectors(deps: TeamSearchDeps, signal?: AbortSignal): Promise<PostgresVectorStore> {
  const { link, touched } = await refreshOverlay(deps, signal);
  return new PostgresVectorStore(link.conn, link.snapshot, touched, signal);
}

/**
 * Brings the overlay up to date with the disk: the files that differ from the snapshot (and those it held before) are
 * re-indexed locally. Returns the paths whose team chunks must be hidden. StoreUnavailableError when the store is away.
 */
export async function refreshOverlay(deps: Pick<TeamSearchDeps, 'session' | 'scanOptions' | 'overlay' | 'update'>, signal?: AbortSignal) {
  const link = await deps.session.open(signal);
  const diff = await diffAgainstSnapshot(deps.scanOptions, link.files, deps.session.hashes, signal);
  if (diff.hashed > 0 && deps.session.hashFile) await saveHashCache(deps.session.hashFile, deps.session.hashes).catch(() => undefined);
  // Files once in the overlay are refreshed too (edited back, or edited again), so the overlay always matches the disk.
  const touched = new Set([...diff.changed, ...diff.deleted, ...[...deps.overlay.allFiles()].map(([p]) => p)]);
  const summary = touched.size > 0 ? await deps.update([...touched]) : undefined;
  deps.session.overlayFiles = diff.changed.length + diff.deleted.length;
  return { link, touched, summary };
}
