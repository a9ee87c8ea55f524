// The ranking stage: both retrievers' candidates are fused (weighted by what the query looks like), then measured
// priors move them: chunks that define the queried name and files named after the query go up; tests, examples,
// generated code, old versions, changelogs and the like go down. Pure: the store is reached only through RankSources.
//
// Tried and left out (measured with `npm run bench:quality`; see the closing note of the ranking issue):
// - a per-file decay (a file's chunks after the first at half score): docstring -0.031 NDCG@10 (the second chunk
//   of the right file is often the answer), natural +0.001;
// - the definition prior for names embedded in sentences: docstring -0.011;
// - file coherence (a file's best chunk gains with its other good chunks): natural -0.006, docstring -0.002;
// - a fusion weight by query type (0.3 semantic for a bare identifier): natural -0.001 (symbol -0.005), docstring 0
//   (the symbol field already finds what an identifier names);
// - pseudo-relevance feedback (the query vector moved toward the top 1–5 lexical hits' vectors by 0.15–0.5, then
//   searched again; also only when the lexical top stands out): docstring up to +0.008 and docs +0.015, but natural
//   -0.001 to -0.015, its semantic queries -0.006 to -0.036 (a sentence's lexical top is often noise).
import type { ScoredId } from '../../store/types';
import type { ChunkKind, SearchMode } from '../../types';
import { DEFAULT_SEMANTIC_WEIGHT, hybridSearch, normalizedScores } from '../hybrid';
import { DEFINITION_BOOST, DEFINITION_STEM_FACTOR, PATH_BOOST, demotion, pathMatchRatio, pathParts, stemMatches } from './priors';
import { analyzeQuery, type QueryInfo } from './query';

export { analyzeQuery } from './query';
export type { QueryInfo } from './query';
export { fileRole } from './fileRole';
export type { FileRole } from './fileRole';

/** The ranking rules that can be switched off (ablation switch names). */
export const RANK_SWITCHES = {
  definition: 'rank-definition',
  path: 'rank-path',
  demotion: 'rank-demotion',
  codeOverDocs: 'rank-code-over-docs',
} as const;

export interface RankSources {
  chunk(id: number): { path: string; kind: ChunkKind } | undefined;
  /** The file was recognised as generated at index time. */
  generated(path: string): boolean;
  /** Chunks that define exactly this name. */
  definers(name: string): number[];
  /** Search filters (globs, languages): a definer found outside the candidates must pass them too. */
  accepts?(id: number): boolean;
}

export interface RankInput {
  query: string;
  mode: SearchMode;
  semantic: ScoredId[];
  lexical: ScoredId[];
  /** Weight of the semantic list in hybrid fusion (default 0.5). */
  semanticWeight?: number;
  /** Names of switched-off rules. */
  off?: ReadonlySet<string>;
}

/** Definitions looked up per name at most (a name defined 500 times says little). */
const MAX_DEFINERS = 50;

/** All candidates, best first, with their final scores. */
export function rank(input: RankInput, src: RankSources): ScoredId[] {
  const off = input.off ?? new Set<string>();
  const q = analyzeQuery(input.query);
  const scores = fuse(input, input.semanticWeight ?? DEFAULT_SEMANTIC_WEIGHT);
  if (scores.size === 0 && q.names.length === 0) return [];
  const best = Math.max(...scores.values(), 1e-9);

  // Only for bare identifiers: names embedded in a sentence are often other functions the text mentions
  // (docstring set: hybrid -0.011 with them, natural +0.001).
  if (!off.has(RANK_SWITCHES.definition) && q.symbol) boostDefinitions(q, scores, best, src);
  if (!off.has(RANK_SWITCHES.path) && !q.symbol) boostPathMatches(q, scores, best, src);
  if (!off.has(RANK_SWITCHES.demotion)) {
    for (const [id, s] of scores) {
      const c = src.chunk(id);
      if (c) scores.set(id, s * demotion(q, c.path, c.kind, src.generated(c.path), !off.has(RANK_SWITCHES.codeOverDocs)));
    }
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Fused scores, all positive: the z-score fusion of both lists in hybrid mode; one list alone (the mode's, or the
 * only one that found anything) rescaled to 0.1–1, since cosine similarities can be negative.
 */
function fuse(input: RankInput, semanticWeight: number): Map<number, number> {
  const scores = new Map<number, number>();
  const { semantic, lexical } = input;
  if (input.mode === 'hybrid' && semantic.length > 0 && lexical.length > 0) {
    const fused = hybridSearch({ semantic, lexical, mode: 'hybrid', k: semantic.length + lexical.length, semanticWeight });
    for (const s of fused) scores.set(s.id, s.score);
    return scores;
  }
  const list = input.mode === 'lexical' ? lexical : input.mode === 'semantic' ? semantic : semantic.length > 0 ? semantic : lexical;
  const norm = normalizedScores(list);
  list.forEach((s, i) => {
    if (!scores.has(s.id)) scores.set(s.id, 0.1 + 0.9 * norm[i]);
  });
  return scores;
}

/** Chunks that define the queried name go up; found even when neither retriever had them. */
function boostDefinitions(q: QueryInfo, scores: Map<number, number>, best: number, src: RankSources): void {
  const unit = best * DEFINITION_BOOST;
  for (const name of q.names) {
    const ids = src.definers(name);
    if (ids.length > MAX_DEFINERS) continue;
    for (const id of ids) {
      const c = src.chunk(id);
      if (!c || (src.accepts && !src.accepts(id))) continue;
      const tier = stemMatches(pathParts(c.path).stem, name) ? DEFINITION_STEM_FACTOR : 1;
      scores.set(id, (scores.get(id) ?? 0) + unit * tier);
    }
  }
}

/** Query words in the file's name or folder: the file is probably about them. */
function boostPathMatches(q: QueryInfo, scores: Map<number, number>, best: number, src: RankSources): void {
  const ratio = new Map<string, number>();
  for (const [id, s] of scores) {
    const c = src.chunk(id);
    if (!c) continue;
    let r = ratio.get(c.path);
    if (r === undefined) ratio.set(c.path, (r = pathMatchRatio(q, c.path)));
    if (r > 0) scores.set(id, s + best * PATH_BOOST * r);
  }
}

