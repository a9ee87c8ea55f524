// Query path: embed the query (unless lexical), ask both retrievers of the store, fuse and rank, collapse, cut to k.
// The store is reached only through VectorStore, so the embedded index and the team store rank alike.
import { collapseOverlaps, createResultFilter, hybridSearch } from '../search';
import { analyzeQuery, rank, type RankSources } from '../search/rank';
import type { ScoredId } from '../store/types';
import type { ChunkRow, KeepChunk } from '../store/vectorStore';
import type { SearchOptions, SearchResult, StoredChunk } from '../types';
import type { QueryContext } from './context';
import { describeResults } from './describe';
import { toResult } from './toResult';

/** How many candidates each list contributes before fusion and collapsing. */
export function candidateCount(k: number): number {
  return Math.max(50, k * 5);
}

export function keepFilter(opts: SearchOptions): KeepChunk | undefined {
  return createResultFilter(opts);
}

export async function runSearch(ctx: QueryContext, query: string, opts: SearchOptions = {}): Promise<SearchResult[]> {
  const k = opts.k ?? 10;
  const mode = opts.mode ?? 'hybrid';
  const store = ctx.vectors;
  if (query.trim() === '' || (await store.isEmpty())) return [];
  const n = candidateCount(k);
  const keep = keepFilter(opts);
  let semantic: ScoredId[] = [];
  let lexical: ScoredId[] = [];
  if (mode !== 'lexical') {
    const vector = await (await ctx.embedder()).embedQuery(query);
    semantic = await store.semantic(vector, n, keep);
  }
  if (mode !== 'semantic') lexical = await store.lexical(query, n, keep);
  const { semanticWeight } = opts;
  let results: SearchResult[];
  if (ctx.ablated?.has(RANKING_OFF)) {
    const fused = hybridSearch({ semantic, lexical, mode, k: n, semanticWeight });
    results = rankedResults(ctx, fused, k, await store.rows(fused.map((s) => s.id)));
  } else {
    // The ranking stage is synchronous: fetch what it may ask for (definers of the queried name, candidate rows) first.
    const names = analyzeQuery(query).names;
    const definers = names.length > 0 ? await store.definers(names) : new Map<string, number[]>();
    const ids = new Set<number>([...semantic, ...lexical].map((s) => s.id));
    for (const list of definers.values()) for (const id of list) ids.add(id);
    const rows = await store.rows(ids);
    results = rankedResults(ctx, rank({ query, mode, semantic, lexical, semanticWeight, off: ctx.ablated }, rankSources(rows, definers, keep)), k, rows);
  }
  return opts.describe ? describeResults(ctx, results, query) : results;
}

/** Ablation switch: no ranking stage at all, only the fusion of the two lists. */
export const RANKING_OFF = 'rank-all';
/** Ablation switch: identical chunks in several files are all listed. */
export const DUPLICATES_KEPT = 'rank-duplicates';

function rankSources(rows: Map<number, ChunkRow>, definers: Map<string, number[]>, keep: KeepChunk | undefined): RankSources {
  const generated = new Map<string, boolean>();
  for (const row of rows.values()) generated.set(row.path, row.generated);
  return {
    chunk: (id) => rows.get(id),
    generated: (path) => generated.get(path) === true,
    definers: (name) => definers.get(name) ?? [],
    accepts: keep
      ? (id) => {
          const row = rows.get(id);
          return row !== undefined && keep(row);
        }
      : undefined,
  };
}

/**
 * Scored ids → results: drop ids that vanished, and copies of a chunk already listed (the same text in another
 * file: vendored copies, versioned docs), collapse overlapping ranges, keep k.
 */
export function rankedResults(
  ctx: QueryContext,
  ranked: ScoredId[],
  k: number,
  rows: Map<number, StoredChunk>,
  exclude?: (c: StoredChunk) => boolean,
): SearchResult[] {
  const out: SearchResult[] = [];
  const seen = ctx.ablated?.has(DUPLICATES_KEPT) ? undefined : new Set<string>();
  for (const { id, score } of ranked) {
    const chunk = rows.get(id);
    if (!chunk || exclude?.(chunk)) continue;
    if (seen) {
      if (seen.has(chunk.hash)) continue;
      seen.add(chunk.hash);
    }
    out.push(toResult(chunk, score, ctx.root));
  }
  return collapseOverlaps(out).slice(0, k);
}
