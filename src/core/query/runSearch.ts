// Query path: embed the query (unless lexical), ask both indexes, fuse, collapse, cut to k.
import { collapseOverlaps, createResultFilter, hybridSearch } from '../search';
import { rank, type RankSources } from '../search/rank';
import type { ScoredId } from '../store/types';
import type { SearchOptions, SearchResult, StoredChunk } from '../types';
import type { QueryContext } from './context';
import { describeResults } from './describe';
import { toResult } from './toResult';

/** How many candidates each list contributes before fusion and collapsing. */
export function candidateCount(k: number): number {
  return Math.max(50, k * 5);
}

export function idFilter(ctx: QueryContext, opts: SearchOptions): ((id: number) => boolean) | undefined {
  const keep = createResultFilter(opts);
  if (!keep) return undefined;
  return (id) => {
    const chunk = ctx.store.getChunk(id);
    return chunk !== undefined && keep(chunk);
  };
}

export async function runSearch(ctx: QueryContext, query: string, opts: SearchOptions = {}): Promise<SearchResult[]> {
  const k = opts.k ?? 10;
  const mode = opts.mode ?? 'hybrid';
  if (query.trim() === '' || ctx.store.chunkCount() === 0) return [];
  const n = candidateCount(k);
  const filter = idFilter(ctx, opts);
  let semantic: ScoredId[] = [];
  let lexical: ScoredId[] = [];
  if (mode !== 'lexical') {
    const vector = await (await ctx.embedder()).embedQuery(query);
    semantic = ctx.store.searchVectors(vector, n, filter);
  }
  if (mode !== 'semantic') lexical = ctx.store.searchLexical(query, n, filter);
  const { semanticWeight } = opts;
  const results = ctx.ablated?.has(RANKING_OFF)
    ? rankedResults(ctx, hybridSearch({ semantic, lexical, mode, k: n, semanticWeight }), k)
    : rankedResults(ctx, rank({ query, mode, semantic, lexical, semanticWeight, off: ctx.ablated }, rankSources(ctx, filter)), k);
  return opts.describe ? describeResults(ctx, results, query) : results;
}

/** Ablation switch: no ranking stage at all, only the fusion of the two lists. */
export const RANKING_OFF = 'rank-all';
/** Ablation switch: identical chunks in several files are all listed. */
export const DUPLICATES_KEPT = 'rank-duplicates';

function rankSources(ctx: QueryContext, filter: ((id: number) => boolean) | undefined): RankSources {
  return {
    chunk: (id) => ctx.store.getChunk(id),
    generated: (path) => ctx.store.getFile(path)?.generated === true,
    definers: (name) => ctx.store.definers(name),
    accepts: filter,
  };
}

/**
 * Scored ids → results: drop ids that vanished, and copies of a chunk already listed (the same text in another
 * file: vendored copies, versioned docs), collapse overlapping ranges, keep k.
 */
export function rankedResults(ctx: QueryContext, ranked: ScoredId[], k: number, exclude?: (c: StoredChunk) => boolean): SearchResult[] {
  const rows: SearchResult[] = [];
  const seen = ctx.ablated?.has(DUPLICATES_KEPT) ? undefined : new Set<string>();
  for (const { id, score } of ranked) {
    const chunk = ctx.store.getChunk(id);
    if (!chunk || exclude?.(chunk)) continue;
    if (seen) {
      if (seen.has(chunk.hash)) continue;
      seen.add(chunk.hash);
    }
    rows.push(toResult(chunk, score, ctx.root));
  }
  return collapseOverlaps(rows).slice(0, k);
}
