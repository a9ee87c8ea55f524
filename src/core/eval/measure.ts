// Runs the mined queries through the same ranking stage as a search, on the masked corpus, and scores the answers.
import type { QueryContext } from '../query/context';
import { RANKING_OFF, candidateCount, rankedResults } from '../query/runSearch';
import { embeddedVectorStore } from '../store/vectorStore';
import { hybridSearch } from '../search';
import { rank } from '../search/rank';
import type { ScoredId } from '../store/types';
import type { SearchMode, SearchResult, StoredChunk } from '../types';
import { throwIfAborted, type EvalDeps, type MaskedCorpus } from './corpus';
import { metricsOf } from './metrics';
import type { EvalPair, EvalProgress, MetricsByMode, PairSet } from './types';

export interface MeasureOptions {
  modes: SearchMode[];
  /** Applied to each query embedding (the query adapter), or none. */
  adaptQuery?: (v: Float32Array) => Float32Array;
  signal?: AbortSignal;
  progress?: (p: EvalProgress) => void;
}

export interface Measured {
  overall: MetricsByMode;
  byLanguage: Record<string, MetricsByMode>;
  bySet: Partial<Record<PairSet, MetricsByMode>>;
  /** Per mode, each pair's 1-based answer rank (Infinity: not in the top 10), in `pairs` order. */
  ranks: Partial<Record<SearchMode, number[]>>;
}

const K = 10;

/** Query embeddings of the pairs, in batches (the batch path is the same model as embedQuery). */
export async function embedQueries(deps: EvalDeps, pairs: EvalPair[], signal?: AbortSignal): Promise<Float32Array[]> {
  const embedder = await deps.embedder();
  const out: Float32Array[] = [];
  for (let i = 0; i < pairs.length; i += 64) {
    throwIfAborted(signal);
    const { vectors } = await embedder.embed(
      pairs.slice(i, i + 64).map((p) => p.query),
      { signal },
    );
    out.push(...vectors);
  }
  return out;
}

/** Measures `pairs` (a subset of the corpus's pairs, `queryVectors` in the same order) on the masked corpus. */
export async function measure(deps: EvalDeps, corpus: MaskedCorpus, pairs: EvalPair[], queryVectors: Float32Array[], opts: MeasureOptions): Promise<Measured> {
  const ctx: QueryContext = { root: deps.root, store: deps.store, vectors: embeddedVectorStore(deps.store), embedder: deps.embedder, ablated: deps.ablated };
  const sources = {
    chunk: (id: number) => deps.store.getChunk(id),
    generated: (p: string) => deps.store.getFile(p)?.generated === true,
    definers: (name: string) => corpus.lexical.definers(name),
  };
  const n = candidateCount(K);
  const ranks: Partial<Record<SearchMode, number[]>> = {};
  const total = pairs.length * opts.modes.length;
  let done = 0;
  for (const mode of opts.modes) {
    const list: number[] = [];
    for (let i = 0; i < pairs.length; i++) {
      if (i % 20 === 0) {
        throwIfAborted(opts.signal);
        opts.progress?.({ phase: 'querying', done, total });
        await new Promise((r) => setImmediate(r)); // let a cancel or the editor's events in
      }
      const pair = pairs[i];
      const q = opts.adaptQuery ? opts.adaptQuery(queryVectors[i]) : queryVectors[i];
      const semantic: ScoredId[] = mode === 'lexical' ? [] : corpus.semantic(q, n);
      const lexical: ScoredId[] = mode === 'semantic' ? [] : corpus.lexical.search(pair.query, n);
      const semanticWeight = deps.semanticWeight;
      const ranked = deps.ablated?.has(RANKING_OFF)
        ? hybridSearch({ semantic, lexical, mode, k: n, semanticWeight })
        : rank({ query: pair.query, mode, semantic, lexical, semanticWeight, off: deps.ablated }, sources);
      list.push(answerRank(rankedResults(ctx, ranked, K, chunkRows(deps, ranked)), pair));
      done++;
    }
    ranks[mode] = list;
  }
  opts.progress?.({ phase: 'querying', done: total, total });
  return { ...summarize(pairs, ranks), ranks };
}

/** The stored chunks of the ranked ids (what rankedResults reads). */
function chunkRows(deps: EvalDeps, ranked: ScoredId[]): Map<number, StoredChunk> {
  const rows = new Map<number, StoredChunk>();
  for (const { id } of ranked) {
    const c = deps.store.getChunk(id);
    if (c) rows.set(id, c);
  }
  return rows;
}

/** A result is the answer when it is in the answer's file and its lines hold the definition's line. */
export function answerRank(results: SearchResult[], pair: EvalPair): number {
  const i = results.findIndex((r) => r.path === pair.path && r.startLine <= pair.defLine && r.endLine >= pair.defLine);
  return i < 0 ? Infinity : i + 1;
}

/** Metrics overall, per language and per pair set. */
export function summarize(pairs: EvalPair[], ranks: Partial<Record<SearchMode, number[]>>): Omit<Measured, 'ranks'> {
  const group = (keep: (p: EvalPair) => boolean): MetricsByMode => {
    const out: MetricsByMode = {};
    for (const [mode, list] of Object.entries(ranks) as [SearchMode, number[]][]) {
      out[mode] = metricsOf(list.filter((_, i) => keep(pairs[i])));
    }
    return out;
  };
  const byLanguage: Record<string, MetricsByMode> = {};
  for (const lang of [...new Set(pairs.map((p) => p.language))].sort()) byLanguage[lang] = group((p) => p.language === lang);
  const bySet: Partial<Record<PairSet, MetricsByMode>> = {};
  for (const set of [...new Set(pairs.map((p) => p.set))].sort()) bySet[set] = group((p) => p.set === set);
  return { overall: group(() => true), byLanguage, bySet };
}
