// Workspace evaluation: mine pairs from the workspace, mask their docs, measure every search mode.
import { maskPairs, mineWorkspace, type EvalDeps } from './corpus';
import { embedQueries, measure } from './measure';
import { selectPairs } from './mine';
import type { EvalOptions, EvalReport, PairSet } from './types';

export type { EvalDeps, MaskedCorpus, MinedWorkspace } from './corpus';
export { maskPairs, mineWorkspace, dot } from './corpus';
export { embedQueries, measure, summarize } from './measure';
export { selectPairs, pairsOfFile } from './mine';
export { metricsOf } from './metrics';
export { findDocs, maskLines } from './docComment';
export { queryFromDoc } from './sentences';
export { seededRandom, shuffled } from './random';
export * from './types';

export const DEFAULT_MAX_PAIRS = 500;
export const DEFAULT_SEED = 42;

export async function evaluateWorkspace(deps: EvalDeps, opts: EvalOptions & { adaptQuery?: (v: Float32Array) => Float32Array } = {}): Promise<EvalReport> {
  const started = Date.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const sets = new Set<PairSet>(opts.sets ?? ['code', 'docs']);
  const mined = await mineWorkspace(deps, opts.signal, opts.onProgress);
  const candidates = mined.pairs.filter((p) => sets.has(p.set));
  const sample = selectPairs(candidates, opts.maxPairs ?? DEFAULT_MAX_PAIRS, seed);
  const corpus = await maskPairs(deps, mined, sample, opts.signal, opts.onProgress);
  const vectors = await embedQueries(deps, corpus.pairs, opts.signal);
  const modes = opts.modes ?? ['hybrid', 'semantic', 'lexical'];
  const result = await measure(deps, corpus, corpus.pairs, vectors, { modes, adaptQuery: opts.adaptQuery, signal: opts.signal, progress: opts.onProgress });
  return {
    version: 1,
    root: deps.root,
    model: { ...deps.store.identity },
    chunks: deps.store.chunkCount(),
    mined: { code: mined.pairs.filter((p) => p.set === 'code').length, docs: mined.pairs.filter((p) => p.set === 'docs').length },
    pairs: corpus.pairs.length,
    seed,
    overall: result.overall,
    byLanguage: result.byLanguage,
    bySet: result.bySet,
    adapter: opts.adaptQuery ? 'applied' : 'none',
    ms: Date.now() - started,
  };
}
