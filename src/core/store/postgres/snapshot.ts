// Which snapshot a machine searches: the newest complete one of the repository for this model.
import type { PgConnection } from './connection';

export interface SnapshotInfo {
  id: number;
  repo: string;
  commit: string;
  createdAt: Date;
  chunks: number;
  /** Total terms per field over the snapshot's chunks (BM25F length normalisation). */
  lens: [number, number, number];
}

export async function latestSnapshot(conn: PgConnection, repo: string, modelSha: string, signal?: AbortSignal): Promise<SnapshotInfo | undefined> {
  const rows = await conn.query<{ id: string; commit: string; created_at: Date; chunks: string; len_symbol: string; len_path: string; len_body: string }>(
    `SELECT id, commit, created_at, chunks, len_symbol, len_path, len_body FROM semsearch_snapshot
     WHERE repo = $1 AND model_sha256 = $2 AND complete ORDER BY created_at DESC, id DESC LIMIT 1`,
    [repo, modelSha],
    signal,
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: Number(r.id),
    repo,
    commit: r.commit,
    createdAt: new Date(r.created_at),
    chunks: Number(r.chunks),
    lens: [Number(r.len_symbol), Number(r.len_path), Number(r.len_body)],
  };
}

/** path → sha256 of the file, as published. */
export async function snapshotFiles(conn: PgConnection, snapshotId: number, signal?: AbortSignal): Promise<Map<string, string>> {
  const rows = await conn.query<{ path: string; hash: string }>(`SELECT path, hash FROM semsearch_file WHERE snapshot_id = $1`, [snapshotId], signal);
  return new Map(rows.map((r) => [r.path, r.hash]));
}
