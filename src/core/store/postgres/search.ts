// The team store as a VectorStore: HNSW cosine kNN in pgvector, and BM25F scored in SQL over our own postings with
// the embedded index's parameters and formula, so both stores rank alike. Paths masked by the local overlay (files
// that differ on this machine) never come back. Every statement is parameterized.
import { DEFAULT_BM25F, exactNameTerm, indexTerms, queryNameTerms } from '../lexical';
import type { CorpusStats, ScoredId } from '../types';
import type { ChunkRow, KeepChunk, VectorStore } from '../vectorStore';
import type { PgConnection } from './connection';
import { validateRow, type RawChunkRow } from './rows';
import type { SnapshotInfo } from './snapshot';
import { toVectorLiteral } from './vectorText';

/** The lexical index's query terms: words (stemmed, stop words out) and exact-name terms. */
function queryTerms(query: string): string[] {
  return [...new Set([...indexTerms(query, true), ...queryNameTerms(query)])];
}

/** With a filter, fetch this many times k and filter the rows here. */
const FILTER_OVERFETCH = 4;
const MAX_EF_SEARCH = 1000;

export class PostgresVectorStore implements VectorStore {
  readonly kind = 'postgres';
  /** Rows the server sent that failed validation (path outside the workspace, huge text…). */
  rejected = 0;
  private readonly cache = new Map<number, ChunkRow>();
  private visibleStats?: Promise<{ n: number; lens: [number, number, number] }>;

  constructor(
    private readonly conn: PgConnection,
    readonly snapshot: SnapshotInfo,
    /** Relative paths whose team chunks are hidden (the overlay has them, or they were deleted here). */
    private readonly masked: ReadonlySet<string> = new Set(),
    private readonly signal?: AbortSignal,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.visible()).n === 0;
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

  /** The snapshot's BM25F statistics for a query's terms, hidden files left out (the local overlay is scored alike). */
  async corpusStats(query: string): Promise<CorpusStats> {
    const terms = queryTerms(query);
    const rows = terms.length === 0 ? [] : await this.conn.query<{ term: string; df: string }>(
      `SELECT t.term, count(*) AS df FROM semsearch_term t
       JOIN semsearch_placement pl ON pl.chunk_id = t.chunk_id AND pl.snapshot_id = $1
       JOIN semsearch_chunk c ON c.id = t.chunk_id
       WHERE t.term = ANY($2::text[]) AND NOT (c.path = ANY($3::text[])) GROUP BY t.term`,
      [this.snapshot.id, terms, [...this.masked]],
      this.signal,
    );
    const df = new Map(rows.map((r) => [r.term, Number(r.df)]));
    const { n, lens } = await this.visible();
    return { n, totalLen: lens, df: (t) => df.get(t) ?? 0 };
  }

  /** BM25F in SQL, the embedded formula; `corpus`: the overlay's chunks count in n, lengths and df. */
  async lexical(query: string, k: number, keep?: KeepChunk, corpus?: CorpusStats): Promise<ScoredId[]> {
    const terms = queryTerms(query);
    const visible = await this.visible();
    const n = visible.n + (corpus?.n ?? 0);
    if (terms.length === 0 || visible.n === 0) return [];
    const { k1, weight: w, b } = DEFAULT_BM25F;
    const avg = visible.lens.map((t, f) => (t + (corpus?.totalLen[f] ?? 0)) / n || 1);
    const rows = await this.conn.query<{ id: string; score: number }>(
      `WITH p AS (
         SELECT t.term, t.chunk_id,
           $5::float8 * t.tf_symbol / (1 - $8::float8 + $8::float8 * c.len_symbol / $11::float8)
         + $6::float8 * t.tf_path / (1 - $9::float8 + $9::float8 * c.len_path / $12::float8)
         + $7::float8 * t.tf_body / (1 - $10::float8 + $10::float8 * c.len_body / $13::float8) AS tf
         FROM semsearch_term t
         JOIN semsearch_placement pl ON pl.chunk_id = t.chunk_id AND pl.snapshot_id = $1
         JOIN semsearch_chunk c ON c.id = t.chunk_id
         WHERE t.term = ANY($2::text[]) AND NOT (c.path = ANY($14::text[]))),
       x AS (SELECT * FROM unnest($2::text[], $16::float8[]) AS x(term, extra)),
       d AS (SELECT p.term, count(*)::float8 + max(x.extra) AS df FROM p JOIN x ON x.term = p.term GROUP BY p.term)
       SELECT p.chunk_id AS id, sum(ln(1 + ($3::float8 - d.df + 0.5) / (d.df + 0.5)) * p.tf * ($4::float8 + 1) / (p.tf + $4::float8)) AS score
       FROM p JOIN d USING (term)
       GROUP BY p.chunk_id ORDER BY score DESC, p.chunk_id LIMIT $15`,
      [
        this.snapshot.id, terms, n, k1, w.symbol, w.path, w.body, b.symbol, b.path, b.body, avg[0], avg[1], avg[2], [...this.masked],
        keep ? k * FILTER_OVERFETCH : k, terms.map((t) => corpus?.df(t) ?? 0),
      ],
      this.signal,
    );
    return this.kept(rows.map((r) => ({ id: Number(r.id), score: Number(r.score) })), k, keep);
  }

  /** Chunks and field lengths of the snapshot without the hidden files (computed once per search). */
  private visible(): Promise<{ n: number; lens: [number, number, number] }> {
    this.visibleStats ??= (async () => {
      const { chunks, lens } = this.snapshot;
      if (this.masked.size === 0) return { n: chunks, lens };
      const [h] = await this.conn.query<{ n: string; ls: string; lp: string; lb: string }>(
        `SELECT count(*) AS n, coalesce(sum(c.len_symbol), 0) AS ls, coalesce(sum(c.len_path), 0) AS lp, coalesce(sum(c.len_body), 0) AS lb
         FROM semsearch_chunk c JOIN semsearch_placement pl ON pl.chunk_id = c.id AND pl.snapshot_id = $1 WHERE c.path = ANY($2::text[])`,
        [this.snapshot.id, [...this.masked]],
        this.signal,
      );
      return { n: chunks - Number(h.n), lens: [lens[0] - Number(h.ls), lens[1] - Number(h.lp), lens[2] - Number(h.lb)] as [number, number, number] };
    })();
    return this.visibleStats;
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
