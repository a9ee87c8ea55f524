// An engine in team mode: searches go to the team snapshot plus this machine's overlay (the files that differ),
// or to the local index with a warning when the server cannot answer; index() refreshes only the overlay.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishRequest } from '../api';
import { openIndexStore } from '../store';
import { PgConnection, publishSnapshot, StoreUnavailableError, type PublishSummary } from '../store/postgres';
import type { IndexStore } from '../store/types';
import { embeddedVectorStore, type VectorStore } from '../store/vectorStore';
import type { IndexSummary, ScanOptions } from '../types';
import type { TeamSession, TeamStatus } from './session';
import { defaultRepoName, snapshotCommit } from './snapshotId';
import { refreshOverlay, withTeamStore } from './teamSearch';

export interface TeamModeDeps {
  root: string;
  indexDir: string;
  /** The overlay: an ordinary embedded index of the files that differ from the snapshot. */
  store: IndexStore;
  scanOptions: ScanOptions;
  update(paths: string[], signal?: AbortSignal): Promise<IndexSummary>;
  warn(text: string): void;
}

export class TeamMode {
  private fallbackStore?: Promise<IndexStore | undefined>;

  constructor(
    private readonly session: TeamSession,
    private readonly d: TeamModeDeps,
  ) {}

  async status(): Promise<TeamStatus> {
    await this.run(async () => undefined).catch(() => undefined);
    return this.session.status();
  }

  async refreshOverlay(signal?: AbortSignal): Promise<IndexSummary> {
    const started = Date.now();
    const { store } = this.d;
    const unchanged = (): IndexSummary => ({ files: store.fileCount(), chunks: store.chunkCount(), embedded: 0, reused: 0, removed: 0, tokens: 0, skipped: {}, ms: Date.now() - started });
    try {
      const { summary } = await refreshOverlay({ session: this.session, scanOptions: this.d.scanOptions, overlay: store, update: (paths) => this.d.update(paths, signal) }, signal);
      return summary ?? unchanged();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      await this.session.failed(err);
      this.d.warn(`${err.message} — the overlay was not refreshed; searches use the local index until the store answers.`);
      return unchanged();
    }
  }

  /** The snapshot plus the overlay, or the local index (with a warning) when the store cannot answer. */
  run<T>(fn: (vectors: VectorStore) => Promise<T>): Promise<T> {
    return withTeamStore(
      {
        session: this.session,
        scanOptions: this.d.scanOptions,
        overlay: this.d.store,
        update: (paths) => this.d.update(paths),
        fallback: () => this.fallbackVectors(),
        warn: (text) => this.d.warn(text),
      },
      fn,
    );
  }

  async close(): Promise<void> {
    await this.session.close();
    await (await this.fallbackStore)?.close();
  }

  /** The folder's full local index (`<root>/.semsearch`) when there is one, else only the overlay. */
  private async fallbackVectors(): Promise<{ vectors: VectorStore; what: string }> {
    const { root, store, indexDir } = this.d;
    const dir = path.join(root, '.semsearch');
    this.fallbackStore ??= fs.existsSync(path.join(dir, 'current.json')) && path.resolve(dir) !== indexDir
      ? openIndexStore({ indexDir: dir, identity: store.identity, precision: store.precision, write: false }).catch(() => undefined)
      : Promise.resolve(undefined);
    const full = await this.fallbackStore;
    if (full && full.chunkCount() > 0) return { vectors: embeddedVectorStore(full), what: `the local index (${full.chunkCount()} chunks)` };
    return { vectors: embeddedVectorStore(store), what: `only the locally changed files (${store.fileCount()}; no full local index: run \`semsearch index ${root}\`)` };
  }
}

/** Publishes `store` (the folder's complete local index) to a team store as the snapshot of the folder's commit. */
export async function publishIndex(root: string, store: IndexStore, req: PublishRequest): Promise<PublishSummary> {
  const conn = await PgConnection.open({ url: req.url, connectTimeoutMs: req.connectTimeoutMs, statementTimeoutMs: req.statementTimeoutMs ?? 120_000, signal: req.signal });
  try {
    return await publishSnapshot(conn, store, {
      repo: req.repo ?? (await defaultRepoName(root)),
      commit: req.commit ?? (await snapshotCommit(root, store.allFiles())),
      batchSize: req.batchSize,
      keepSnapshots: req.keepSnapshots,
      signal: req.signal,
      onBatch: req.onBatch,
    });
  } finally {
    await conn.close();
  }
}
