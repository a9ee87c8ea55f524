// Publish an embedded index to the team store as the snapshot of one commit. Chunks are keyed by content, so only
// chunks the server lacks are uploaded; each batch (chunk rows + their postings) is one transaction, so a dropped
// connection loses at most the batch in flight and a re-run resumes where it stopped, without duplicates.
import { createHash } from 'node:crypto';
import type { IndexStore } from '../types';
import type { PgConnection } from './connection';
import { ensureSchema } from './schema';
import { toVectorLiteral } from './vectorText';

export interface PublishOptions {
  repo: string;
  /** Git commit (HEAD) or a content-hash snapshot id for a folder without git. */
  commit: string;
  /** Chunk rows per statement (default 500). */
  batchSize?: number;
  /** Complete snapshots kept per repository (default 3); older ones and their orphaned chunks are deleted. */
  keepSnapshots?: number;
  signal?: AbortSignal;
  /** After each uploaded batch (tests drop the connection here). */
  onBatch?: (uploadedSoFar: number) => void;
}

export interface PublishSummary {
  snapshotId: number;
  commit: string;
  files: number;
  chunks: number;
  /** Chunk rows (with vectors and postings) sent in this run. */
  uploaded: number;
  /** Chunks the server already had (earlier commits, or an interrupted run of this one). */
  reused: number;
  /** The snapshot was already complete: nothing was sent. */
  alreadyPublished: boolean;
  snapshotsRemoved: number;
  chunksRemoved: number;
  ms: number;
}

interface Upload {
  key: string;
  id: number;
  startLine: number;
  endLine: number;
}

export async function publishSnapshot(conn: PgConnection, store: IndexStore, opts: PublishOptions): Promise<PublishSummary> {
  const started = Date.now();
  const batch = Math.max(1, opts.batchSize ?? 500);
  const { identity } = store;
  await ensureSchema(conn, identity.dimensions);
  const [{ now }] = await conn.query<{ now: Date }>('SELECT now() AS now');
  const [snap] = await conn.query<{ id: string; complete: boolean }>(
    `INSERT INTO semsearch_snapshot (repo, commit, model_sha256, model_name, dims) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (repo, commit, model_sha256) DO UPDATE SET model_name = EXCLUDED.model_name RETURNING id, complete`,
    [opts.repo, opts.commit, identity.sha256, identity.name, identity.dimensions],
  );
  const snapshotId = Number(snap.id);
  const base = { snapshotId, commit: opts.commit, snapshotsRemoved: 0, chunksRemoved: 0 };
  if (snap.complete) {
    const [{ chunks, files }] = await conn.query<{ chunks: string; files: string }>(
      `SELECT (SELECT count(*) FROM semsearch_placement WHERE snapshot_id = $1) AS chunks, (SELECT count(*) FROM semsearch_file WHERE snapshot_id = $1) AS files`,
      [snapshotId],
    );
    return { ...base, files: Number(files), chunks: Number(chunks), uploaded: 0, reused: Number(chunks), alreadyPublished: true, ms: Date.now() - started };
  }

  const docs = store.lexicalDocuments();
  const plan: Upload[] = [];
  const byKey = new Map<string, { chunkId: number; upload: Upload }>();
  const files: { path: string; hash: string }[] = [];
  for (const [path, entry] of store.allFiles()) {
    files.push({ path, hash: entry.hash });
    const seen = new Map<string, number>();
    for (const id of entry.chunkIds) {
      const c = store.getChunk(id);
      if (!c || !store.getVector(id) || !docs.has(id)) continue;
      const occurrence = seen.get(c.hash) ?? 0;
      seen.set(c.hash, occurrence + 1);
      const key = createHash('sha256').update(`${identity.sha256}\0${path}\0${c.hash}\0${occurrence}`).digest('hex');
      const upload = { key, id: 0, startLine: c.startLine, endLine: c.endLine };
      plan.push(upload);
      byKey.set(key, { chunkId: id, upload });
    }
  }

  // What the server already has (an earlier commit, or the part of this one sent before a dropped connection).
  await resolveIds(conn, plan, batch * 10, opts.signal);
  const missing = plan.filter((u) => u.id === 0);
  let uploaded = 0;
  for (let i = 0; i < missing.length; i += batch) {
    if (opts.signal?.aborted) throw new Error('Publishing cancelled');
    const part = missing.slice(i, i + batch);
    await conn.transaction(async () => {
      const cols = columns(part, store, byKey, docs);
      const inserted = await conn.query<{ id: string; key: string }>(
        `INSERT INTO semsearch_chunk (key, path, hash, kind, symbol, part, language, preview, generated, len_symbol, len_path, len_body, embedding)
         SELECT k, p, h, kd, s, pt, l, pv, g, ls, lp, lb, e::vector
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[],
                     $10::int[], $11::int[], $12::int[], $13::text[]) AS u(k, p, h, kd, s, pt, l, pv, g, ls, lp, lb, e)
         ON CONFLICT (key) DO NOTHING RETURNING id, key`,
        cols,
        opts.signal,
      );
      const term: string[] = [];
      const chunk: number[] = [];
      const tf: [number[], number[], number[]] = [[], [], []];
      for (const row of inserted) {
        const doc = docs.get(byKey.get(row.key)!.chunkId)!;
        for (const [t, f] of doc.terms) {
          term.push(t);
          chunk.push(Number(row.id));
          for (let x = 0; x < 3; x++) tf[x].push(f[x]);
        }
      }
      if (term.length > 0) {
        await conn.query(
          `INSERT INTO semsearch_term (term, chunk_id, tf_symbol, tf_path, tf_body)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::smallint[], $5::smallint[]) ON CONFLICT DO NOTHING`,
          [term, chunk, ...tf],
          opts.signal,
        );
      }
      uploaded += inserted.length;
    });
    opts.onBatch?.(uploaded);
  }
  await resolveIds(conn, missing, batch * 10, opts.signal);
  if (missing.some((u) => u.id === 0)) throw new Error('Some chunks did not reach the team store (removed by a concurrent clean-up?): run the publish again');

  // The snapshot: where each chunk sits in this commit, and each file's hash (the overlay compares against these).
  for (let i = 0; i < plan.length; i += batch * 10) {
    const part = plan.slice(i, i + batch * 10);
    await conn.query(
      `INSERT INTO semsearch_placement (snapshot_id, chunk_id, start_line, end_line)
       SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::int[]) ON CONFLICT DO NOTHING`,
      [snapshotId, part.map((u) => u.id), part.map((u) => u.startLine), part.map((u) => u.endLine)],
      opts.signal,
    );
  }
  for (let i = 0; i < files.length; i += batch * 10) {
    const part = files.slice(i, i + batch * 10);
    await conn.query(
      `INSERT INTO semsearch_file (snapshot_id, path, hash) SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [snapshotId, part.map((f) => f.path), part.map((f) => f.hash)],
      opts.signal,
    );
  }
  await conn.query(
    `UPDATE semsearch_snapshot s SET complete = true, created_at = now(), chunks = a.n, len_symbol = a.ls, len_path = a.lp, len_body = a.lb
     FROM (SELECT count(*) AS n, coalesce(sum(c.len_symbol), 0) AS ls, coalesce(sum(c.len_path), 0) AS lp, coalesce(sum(c.len_body), 0) AS lb
           FROM semsearch_placement p JOIN semsearch_chunk c ON c.id = p.chunk_id WHERE p.snapshot_id = $1) a
     WHERE s.id = $1`,
    [snapshotId],
  );
  // Fresh planner statistics: the snapshot filter and the term joins are planned on them.
  await conn.query('ANALYZE semsearch_chunk, semsearch_term, semsearch_placement, semsearch_file');
  const gc = await collectGarbage(conn, opts.repo, identity.sha256, opts.keepSnapshots ?? 3, now);
  return { ...base, ...gc, files: files.length, chunks: plan.length, uploaded, reused: plan.length - uploaded, alreadyPublished: false, ms: Date.now() - started };
}

async function resolveIds(conn: PgConnection, uploads: Upload[], batch: number, signal?: AbortSignal): Promise<void> {
  for (let i = 0; i < uploads.length; i += batch) {
    const part = uploads.slice(i, i + batch);
    const rows = await conn.query<{ id: string; key: string }>(`SELECT id, key FROM semsearch_chunk WHERE key = ANY($1::text[])`, [part.map((u) => u.key)], signal);
    const ids = new Map(rows.map((r) => [r.key, Number(r.id)]));
    for (const u of part) u.id = ids.get(u.key) ?? 0;
  }
}

function columns(part: Upload[], store: IndexStore, byKey: Map<string, { chunkId: number }>, docs: ReturnType<IndexStore['lexicalDocuments']>): unknown[] {
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const u of part) {
    const id = byKey.get(u.key)!.chunkId;
    const c = store.getChunk(id)!;
    const doc = docs.get(id)!;
    const values = [u.key, c.path, c.hash, c.kind, c.symbol, c.part, c.language, c.preview, store.getFile(c.path)?.generated === true, ...doc.lens, toVectorLiteral(store.getVector(id)!)];
    values.forEach((v, i) => cols[i].push(v));
  }
  return cols;
}

/** Keeps the newest `keep` complete snapshots of the repository; drops chunks no snapshot uses any more. */
async function collectGarbage(conn: PgConnection, repo: string, modelSha: string, keep: number, publishStart: Date): Promise<{ snapshotsRemoved: number; chunksRemoved: number }> {
  const old = await conn.query<{ id: string }>(
    `DELETE FROM semsearch_snapshot WHERE id IN (
       SELECT id FROM semsearch_snapshot WHERE repo = $1 AND model_sha256 = $2 AND complete ORDER BY created_at DESC, id DESC OFFSET $3
     ) OR (repo = $1 AND NOT complete AND created_at < now() - interval '1 day') RETURNING id`,
    [repo, modelSha, Math.max(1, keep)],
  );
  // Only chunks older than this run: a concurrent publish's fresh chunks are not yet placed.
  const chunks = await conn.query<{ id: string }>(
    `DELETE FROM semsearch_chunk c WHERE c.created_at < $1 AND NOT EXISTS (SELECT 1 FROM semsearch_placement p WHERE p.chunk_id = c.id) RETURNING id`,
    [publishStart],
  );
  return { snapshotsRemoved: old.length, chunksRemoved: chunks.length };
}
