// Tables of the team store. Chunks are keyed by content (path + embedded text hash + occurrence + model), so a
// new commit uploads only chunks it has not seen; a snapshot is the list of chunk placements (lines) of one commit.
// Lexical data is our own BM25F postings (term → frequency per field), scored by SQL exactly like the embedded index.
import type { PgConnection } from './connection';

export const SCHEMA_VERSION = 1;

export function schemaSql(dims: number): string[] {
  if (!Number.isInteger(dims) || dims <= 0 || dims > 16000) throw new Error(`Bad vector dimensions: ${dims}`);
  return [
    `CREATE EXTENSION IF NOT EXISTS vector`,
    `CREATE TABLE IF NOT EXISTS semsearch_meta (key text PRIMARY KEY, value text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS semsearch_snapshot (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      repo text NOT NULL,
      commit text NOT NULL,
      model_sha256 text NOT NULL,
      model_name text NOT NULL,
      dims int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      complete boolean NOT NULL DEFAULT false,
      chunks bigint NOT NULL DEFAULT 0,
      len_symbol bigint NOT NULL DEFAULT 0,
      len_path bigint NOT NULL DEFAULT 0,
      len_body bigint NOT NULL DEFAULT 0,
      UNIQUE (repo, commit, model_sha256))`,
    `CREATE TABLE IF NOT EXISTS semsearch_chunk (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key text NOT NULL UNIQUE,
      path text NOT NULL,
      hash text NOT NULL,
      kind text NOT NULL,
      symbol text NOT NULL,
      part text NOT NULL,
      language text NOT NULL,
      preview text NOT NULL,
      generated boolean NOT NULL,
      len_symbol int NOT NULL,
      len_path int NOT NULL,
      len_body int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      embedding vector(${dims}) NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS semsearch_chunk_path ON semsearch_chunk (path)`,
    `CREATE INDEX IF NOT EXISTS semsearch_chunk_embedding ON semsearch_chunk USING hnsw (embedding vector_cosine_ops)`,
    `CREATE TABLE IF NOT EXISTS semsearch_term (
      term text NOT NULL,
      chunk_id bigint NOT NULL REFERENCES semsearch_chunk(id) ON DELETE CASCADE,
      tf_symbol smallint NOT NULL,
      tf_path smallint NOT NULL,
      tf_body smallint NOT NULL,
      PRIMARY KEY (term, chunk_id))`,
    `CREATE INDEX IF NOT EXISTS semsearch_term_chunk ON semsearch_term (chunk_id)`,
    `CREATE TABLE IF NOT EXISTS semsearch_placement (
      snapshot_id bigint NOT NULL REFERENCES semsearch_snapshot(id) ON DELETE CASCADE,
      chunk_id bigint NOT NULL REFERENCES semsearch_chunk(id),
      start_line int NOT NULL,
      end_line int NOT NULL,
      PRIMARY KEY (snapshot_id, chunk_id))`,
    `CREATE INDEX IF NOT EXISTS semsearch_placement_chunk ON semsearch_placement (chunk_id)`,
    `CREATE TABLE IF NOT EXISTS semsearch_file (
      snapshot_id bigint NOT NULL REFERENCES semsearch_snapshot(id) ON DELETE CASCADE,
      path text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (snapshot_id, path))`,
    `INSERT INTO semsearch_meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING`,
  ];
}

/** Creates the tables when missing (the writer role runs this on publish). */
export async function ensureSchema(conn: PgConnection, dims: number): Promise<void> {
  const rows = await conn.query<{ ok: boolean }>(`SELECT to_regclass('semsearch_meta') IS NOT NULL AS ok`);
  if (rows[0]?.ok) {
    const v = await conn.query<{ value: string }>(`SELECT value FROM semsearch_meta WHERE key = 'schema_version'`);
    if (v[0] && Number(v[0].value) !== SCHEMA_VERSION) {
      throw new Error(`The team store has schema version ${v[0].value}; this semsearch writes version ${SCHEMA_VERSION}`);
    }
  }
  for (const sql of schemaSql(dims)) await conn.query(sql);
}
