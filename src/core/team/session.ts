// One engine's link to the team store: the connection (re-opened after a failure), the newest snapshot of the
// repository for this model, its file hashes (for the overlay), and what `stats` shows about it.
import type { ModelIdentity } from '../types';
import { PgConnection, redactUrl, StoreUnavailableError } from '../store/postgres/connection';
import { latestSnapshot, snapshotFiles, type SnapshotInfo } from '../store/postgres/snapshot';
import { loadHashCache, type HashCache } from './overlay';
import { defaultRepoName } from './snapshotId';

export interface TeamOptions {
  /** postgres://… (the password from the URL, PGPASSWORD, or the extension's SecretStorage). */
  url: string;
  /** The repository's name in the store (default: the origin remote, else the folder's name). */
  repo?: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export interface TeamStatus {
  /** The store's URL without its password. */
  store: string;
  repo: string;
  /** `unreachable`: the last attempt failed and searches use the local index. */
  state: 'connected' | 'unreachable' | 'no-snapshot' | 'not-checked';
  commit?: string;
  /** When the snapshot was published (ms since the epoch). */
  publishedAt?: number;
  snapshotChunks?: number;
  /** Files of this machine that differ from the snapshot (edited, new, deleted) and are searched locally. */
  overlayFiles: number;
  message?: string;
}

export interface TeamLink {
  conn: PgConnection;
  snapshot: SnapshotInfo;
  files: ReadonlyMap<string, string>;
}

export class TeamSession {
  readonly hashes: HashCache;
  overlayFiles = 0;
  private conn?: PgConnection;
  /** The connection being opened: concurrent searches (and the status view) share it instead of each opening one. */
  private connecting?: Promise<PgConnection>;
  private files?: { snapshotId: number; map: Map<string, string> };
  private state: TeamStatus['state'] = 'not-checked';
  private snapshot?: SnapshotInfo;
  private repo?: string;
  private lastMessage?: string;

  constructor(
    readonly opts: TeamOptions,
    private readonly root: string,
    private readonly identity: ModelIdentity,
    /** Where the file hashes of this checkout are kept between runs (in the overlay's folder). */
    readonly hashFile?: string,
  ) {
    this.hashes = hashFile ? loadHashCache(hashFile) : new Map();
  }

  /** Connects if needed and looks up the newest snapshot; StoreUnavailableError when the store cannot answer. */
  async open(signal?: AbortSignal): Promise<TeamLink> {
    this.repo ??= this.opts.repo ?? (await defaultRepoName(this.root));
    try {
      this.conn ??= await this.connect(signal);
      const snapshot = await latestSnapshot(this.conn, this.repo, this.identity.sha256, signal);
      if (!snapshot) {
        this.state = 'no-snapshot';
        throw new StoreUnavailableError(`The team store ${redactUrl(this.opts.url)} has no snapshot of ${this.repo} for model ${this.identity.name}: publish one with \`semsearch index <dir> --store …\``);
      }
      if (this.files?.snapshotId !== snapshot.id) this.files = { snapshotId: snapshot.id, map: await snapshotFiles(this.conn, snapshot.id, signal) };
      this.snapshot = snapshot;
      this.state = 'connected';
      this.lastMessage = undefined;
      return { conn: this.conn, snapshot, files: this.files.map };
    } catch (err) {
      if (this.state !== 'no-snapshot') this.state = 'unreachable';
      this.lastMessage = (err as Error).message;
      // A broken connection is not reused: the next search connects again.
      await this.conn?.close();
      this.conn = undefined;
      if (err instanceof StoreUnavailableError) throw err;
      throw new StoreUnavailableError((err as Error).message, err);
    }
  }

  private async connect(signal?: AbortSignal): Promise<PgConnection> {
    this.connecting ??= PgConnection.open({ url: this.opts.url, connectTimeoutMs: this.opts.connectTimeoutMs, statementTimeoutMs: this.opts.statementTimeoutMs, signal });
    try {
      return await this.connecting;
    } finally {
      this.connecting = undefined;
    }
  }

  /** The query failed on the server side after open(): drop the connection, remember why. */
  async failed(err: Error): Promise<void> {
    this.state = 'unreachable';
    this.lastMessage = err.message;
    await this.conn?.close();
    this.conn = undefined;
  }

  status(): TeamStatus {
    return {
      store: redactUrl(this.opts.url),
      repo: this.repo ?? this.opts.repo ?? '',
      state: this.state,
      ...(this.snapshot
        ? { commit: this.snapshot.commit, publishedAt: this.snapshot.createdAt.getTime(), snapshotChunks: this.snapshot.chunks }
        : {}),
      overlayFiles: this.overlayFiles,
      ...(this.lastMessage ? { message: this.lastMessage } : {}),
    };
  }

  async close(): Promise<void> {
    const pending = this.connecting;
    await this.conn?.close();
    this.conn = undefined;
    // A connection still being opened is closed as soon as it is there.
    await (await pending?.catch(() => undefined))?.close();
  }
}
