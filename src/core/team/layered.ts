// The team snapshot plus the local overlay as one VectorStore. Overlay ids become negative (-(id + 1)) so they never
// meet the server's ids; both lists are merged by score (same model, same formula), the best k kept.
import type { CorpusStats, ScoredId } from '../store/types';
import type { ChunkRow, KeepChunk, VectorStore } from '../store/vectorStore';

const toOverlay = (id: number) => -(id + 1);
const fromOverlay = (id: number) => -id - 1;

export class LayeredVectorStore implements VectorStore {
  readonly kind = 'team+overlay';

  constructor(
    private readonly team: VectorStore,
    private readonly overlay: VectorStore,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.team.isEmpty()) && (await this.overlay.isEmpty());
  }

  async semantic(vector: Float32Array, k: number, keep?: KeepChunk): Promise<ScoredId[]> {
    return merge(await this.team.semantic(vector, k, keep), await this.overlay.semantic(vector, k, keep), k);
  }

  /** Each side is scored as part of the union (the snapshot without hidden files, plus the overlay), as one index would. */
  async lexical(query: string, k: number, keep?: KeepChunk, corpus?: CorpusStats): Promise<ScoredId[]> {
    const teamStats = await this.team.corpusStats(query);
    const localStats = await this.overlay.corpusStats(query);
    const team = await this.team.lexical(query, k, keep, plus(localStats, corpus));
    const local = localStats.n > 0 ? await this.overlay.lexical(query, k, keep, plus(teamStats, corpus)) : [];
    return merge(team, local, k);
  }

  async corpusStats(query: string): Promise<CorpusStats> {
    return plus(await this.team.corpusStats(query), await this.overlay.corpusStats(query))!;
  }

  async definers(names: string[]): Promise<Map<string, number[]>> {
    const team = await this.team.definers(names);
    const local = await this.overlay.definers(names);
    return new Map(names.map((n) => [n, [...(team.get(n) ?? []), ...(local.get(n) ?? []).map(toOverlay)]]));
  }

  async rows(ids: Iterable<number>): Promise<Map<number, ChunkRow>> {
    const teamIds: number[] = [];
    const localIds: number[] = [];
    for (const id of ids) (id >= 0 ? teamIds : localIds).push(id);
    const out = await this.team.rows(teamIds);
    for (const [id, row] of await this.overlay.rows(localIds.map(fromOverlay))) out.set(toOverlay(id), { ...row, id: toOverlay(id) });
    return out;
  }
}

function plus(a: CorpusStats, b: CorpusStats | undefined): CorpusStats;
function plus(a: CorpusStats | undefined, b: CorpusStats | undefined): CorpusStats | undefined;
function plus(a: CorpusStats | undefined, b: CorpusStats | undefined): CorpusStats | undefined {
  if (!a || !b) return a ?? b;
  return { n: a.n + b.n, totalLen: [0, 1, 2].map((f) => a.totalLen[f] + b.totalLen[f]) as [number, number, number], df: (t) => a.df(t) + b.df(t) };
}

function merge(team: ScoredId[], local: ScoredId[], k: number): ScoredId[] {
  const all = [...team, ...local.map((s) => ({ id: toOverlay(s.id), score: s.score }))];
  return all.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}
