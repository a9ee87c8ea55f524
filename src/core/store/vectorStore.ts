// The store interface the query path uses: candidates from semantic kNN and lexical search, the chunks that define a
// name, and chunk rows for the ranking stage. Implemented by the embedded store (below), the PostgreSQL team store
// (store/postgres) and the team snapshot + local overlay pair (team/layered). All async: a server answers later.
import type { StoredChunk } from '../types';
import type { CorpusStats, IndexStore, ScoredId } from './types';

/** A chunk with what the ranking stage needs to know about its file. */
export interface ChunkRow extends StoredChunk {
  /** The file says it was generated (ranked down). */
  generated: boolean;
}

/** Keeps a candidate (search filters: globs, languages); candidates it rejects are not returned. */
export type KeepChunk = (chunk: StoredChunk) => boolean;

export interface VectorStore {
  /** 'embedded' | 'postgres' | 'team+overlay': shown by `stats`. */
  readonly kind: string;
  /** Nothing to search. */
  isEmpty(): Promise<boolean>;
  /** kNN by cosine similarity, best first (score = cosine). */
  semantic(vector: Float32Array, k: number, keep?: KeepChunk): Promise<ScoredId[]>;
  /** BM25F over the symbol, path and body fields, best first; `corpus`: another store's chunks count as part of the corpus. */
  lexical(query: string, k: number, keep?: KeepChunk, corpus?: CorpusStats): Promise<ScoredId[]>;
  /** BM25F statistics of this store for a query's terms (for {@link lexical}'s `corpus` of another store). */
  corpusStats(query: string): Promise<CorpusStats>;
  /** Per name: the chunks that define exactly it (`JsonObject` ~ `json_object`). */
  definers(names: string[]): Promise<Map<string, number[]>>;
  /** Rows of these chunks (ids that vanished are absent). */
  rows(ids: Iterable<number>): Promise<Map<number, ChunkRow>>;
}

/** The embedded index (USearch + BM25F files) as a VectorStore: the same calls the query path always made. */
export function embeddedVectorStore(store: IndexStore): VectorStore {
  const idFilter = (keep: KeepChunk | undefined) => {
    if (!keep) return undefined;
    return (id: number) => {
      const chunk = store.getChunk(id);
      return chunk !== undefined && keep(chunk);
    };
  };
  return {
    kind: 'embedded',
    isEmpty: async () => store.chunkCount() === 0,
    semantic: async (vector, k, keep) => store.searchVectors(vector, k, idFilter(keep)),
    lexical: async (query, k, keep, corpus) => store.searchLexical(query, k, idFilter(keep), corpus),
    corpusStats: async (query) => store.lexicalStats(query),
    definers: async (names) => new Map(names.map((n) => [n, store.definers(n)])),
    rows: async (ids) => {
      const out = new Map<number, ChunkRow>();
      for (const id of ids) {
        const chunk = store.getChunk(id);
        if (chunk) out.set(id, { ...chunk, generated: store.getFile(chunk.path)?.generated === true });
      }
      return out;
    },
  };
}
