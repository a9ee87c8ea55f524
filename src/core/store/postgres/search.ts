// The team store as a VectorStore: HNSW cosine kNN in pgvector, and BM25F scored in SQL over our own postings with
// the embedded index's parameters and formula, so both stores rank alike. Paths masked by the local overlay (files
// that differ on this machine) never come back. Every statement is parameterized.
import { DEFAULT_BM25F, exactNameTerm, indexTerms, queryNameTerms } from '../lexical';
import type { ScoredId } from '../types';
import type { ChunkRow, KeepChunk, VectorStore } from '../vectorStore';
import type { PgConnection } from './connection';
import { validateRow, type RawChunkRow } from './rows';
import type { SnapshotInfo } from './snapshot';
import { toVectorLiteral } from './vectorText';

/** With a filter, fetch this many times k and filter the rows here. */
const FILTER_OVERFETCH = 4;
const MAX_EF_SEARCH = 1000;

export class PostgresVectorStore implements VectorStore {
  readonly kind = 'postgres';
  /** Rows the server sent that failed validation (path outside the workspace, huge text…). */
  rejected = 0;
  private readonly cache = new Map<number, ChunkRow>();

  constructor(
    private readonly conn: PgConnection,
    readonly snapshot: SnapshotInfo,
    /** Relative paths whose team chunks are hidden (the overlay has them, or they were deleted here). */
    private readonly masked: ReadonlySet<string> = new Set(),
    private readonly signal?: AbortSignal,
  ) {}

  async isEmpty(): Promise<boolean> {
    return this.snapshot.chunks === 0;
  }

  async semantic(vector: Float32Array, k: number, keep?: KeepChunk): Promise<ScoredId[]> {
    const limit = keep ? k * FILTER_OVERFETCH : k;
    const rows = await this.conn.transaction(async () => {
      // Iterative scans keep an HNSW search going until enough rows pass the snapshot filter (pgvector ≥ 0.8).
      await this.conn.query(`SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`, [
        String(Math.min(MAX_EF_SEARCH, Math.max(40, limit))),
      ]);
      return this.conn.query<{ id: string; score: number }>(
        `SELECT c.id, 1 - (c.embedding <=> $1::vector) AS score FROM semsearch_chunk c
         WHERE EXISTS (SELECT 1 FROM semsearch_placement p WHERE p.chunk_id = c.id AND p.snapshot_id = $2) AND NOT (c.path = ANY($3::text[]))
         ORDER BY c.embedding <=> $1::vector LIMIT $4`,
        [toVectorLiteral(vector), this.snapshot.id, [...this.masked], limit],
        this.signal,
      );
    });
    const list = rows.map((r) => ({ id: Number(r.id), score: Number(r.score) })).sort((a, b) => b.score - a.score || a.id - b.id);
    return this.kept(list, k, keep);
  }

  async lexical(query: string, k: number, keep?: KeepChunk): Promise<ScoredId[]> {
    const terms = [...new Set([...indexTerms(query, true), ...queryNameTerms(query)])];
    const n = this.snapshot.chunks;
    if (terms.length === 0 || n === 0) return [];
    const { k1, weight: w, b } = DEFAULT_BM25F;
    const avg = this.snapshot.lens.map((t) => t / n || 1);
    const rows = await this.conn.query<{ id: string; score: number }>(
      `WITH p AS (
         SELECT t.term, t.chunk_id, c.path,
           $5::float8 * t.tf_symbol / (1 - $8::float8 + $8::float8 * c.len_symbol / $11::float8)
         + $6::float8 * t.tf_path / (1 - $9::float8 + $9::float8 * c.len_path / $12::float8)
         + $7::float8 * t.tf_body / (1 - $10::float8 + $10::float8 * c.len_body / $13::float8) AS tf
         FROM semsearch_term t
         JOIN semsearch_placement pl ON pl.chunk_id = t.chunk_id AND pl.snapshot_id = $1
         JOIN semsearch_chunk c ON c.id = t.chunk_id
         WHERE t.term = ANY($2::text[])),
       d AS (SELECT term, count(*)::float8 AS df FROM p GROUP BY term)
       SELECT p.chunk_id AS id, sum(ln(1 + ($3::float8 - d.df + 0.5) / (d.df + 0.5)) * p.tf * ($4::float8 + 1) / (p.tf + $4::float8)) AS score
       FROM p JOIN d USING (term) WHERE NOT (p.path = ANY($14::text[]))
       GROUP BY p.chunk_id ORDER BY score DESC, p.chunk_id LIMIT $15`,
      [this.snapshot.id, terms, n, k1, w.symbol, w.path, w.body, b.symbol, b.path, b.body, avg[0], avg[1], avg[2], [...this.masked], keep ? k * FILTER_OVERFETCH : k],
      this.signal,
    );
    return this.kept(rows.map((r) => ({ id: Number(r.id), score: Number(r.score) })), k, keep);
  }

  async definers(names: string[]): Promise<Map<string, number[]>> {
    const termOf = new Map<string, string>();
    for (const name of names) {
      const t = exactNameTerm(name);
      if (t) termOf.set(name, t);
    }
    const out = new Map<string, number[]>(names.map((n) => [n, []]));
    if (termOf.size === 0) return out;
    const rows = await this.conn.query<{ term: string; id: string }>(
      `SELECT t.term, t.chunk_id AS id FROM semsearch_term t
       JOIN semsearch_placement pl ON pl.chunk_id = t.chunk_id AND pl.snapshot_id = $1
       JOIN semsearch_chunk c ON c.id = t.chunk_id
       WHERE t.term = ANY($2::text[]) AND t.tf_symbol > 0 AND NOT (c.path = ANY($3::text[])) ORDER BY t.chunk_id LIMIT 5000`,
      [this.snapshot.id, [...new Set(termOf.values())], [...this.masked]],
      this.signal,
    );
    for (const [name, term] of termOf) out.set(name, rows.filter((r) => r.term === term).map((r) => Number(r.id)));
    return out;
  }

  async rows(ids: Iterable<number>): Promise<Map<number, ChunkRow>> {
    const out = new Map<number, ChunkRow>();
    const wanted: number[] = [];
    for (const id of ids) {
      const hit = this.cache.get(id);
      if (hit) out.set(id, hit);
      else if (id > 0) wanted.push(id);
    }
    if (wanted.length === 0) return out;
    const raw = await this.conn.query<RawChunkRow>(
      `SELECT c.id, c.path, p.start_line, p.end_line, c.kind, c.symbol, c.part, c.language, c.hash, c.preview, c.generated
       FROM semsearch_chunk c JOIN semsearch_placement p ON p.chunk_id = c.id AND p.snapshot_id = $1
       WHERE c.id = ANY($2::bigint[])`,
      [this.snapshot.id, [...new Set(wanted)]],
      this.signal,
    );
    for (const r of raw) {
      const row = validateRow(r);
      if (!row) {
        this.rejected++;
        continue;
      }
      if (this.masked.has(row.path)) continue;
      this.cache.set(row.id, row);
      out.set(row.id, row);
    }
    return out;
  }

  private async kept(list: ScoredId[], k: number, keep?: KeepChunk): Promise<ScoredId[]> {
    if (!keep) return list.slice(0, k);
    const rows = await this.rows(list.map((s) => s.id));
    return list.filter((s) => {
      const row = rows.get(s.id);
      return row !== undefined && keep(row);
    }).slice(0, k);
  }
}
