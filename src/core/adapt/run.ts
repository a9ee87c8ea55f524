// `semsearch adapt`: mine pairs, mask their answers, split them (train / validation / test, seeded), mine hard
// negatives from the index, train in a worker, and measure the held-out test split without and with the adapter.
import { maskPairs, mineWorkspace, throwIfAborted, type EvalDeps, type MaskedCorpus } from '../eval/corpus';
import { embedQueries, measure } from '../eval/measure';
import { selectPairs } from '../eval/mine';
import { shuffled } from '../eval/random';
import type { EvalPair, MetricsByMode } from '../eval/types';
import { applyMatrix, identityMatrix } from './linear';
import { trainInWorker } from './trainInWorker';
import { MIN_GAIN, type AdaptOptions, type AdaptReport, type TrainData, type TrainResult } from './types';

export const DEFAULT_ADAPT_PAIRS = 5000;
/** Fewer pairs than this cannot train and test anything worth the name. */
export const MIN_ADAPT_PAIRS = 40;
const TEST_SHARE = 0.2;
const VALIDATION_SHARE = 0.15;
const HARD_NEGATIVES = 3;
const VALIDATION_CANDIDATES = 50;
/**
 * Chunks of the whole index every validation query is also ranked against. Its 50 nearest neighbours alone are
 * chosen by the plain model: a matrix that moves every query toward "code with a definition" beats them all and
 * looked like a gain (validation 0.07 → 0.64 on a 10k-chunk workspace) while the held-out test fell.
 */
const VALIDATION_DISTRACTORS = 1000;

export interface AdaptOutcome {
  report: AdaptReport;
  /** The trained matrix (the identity when nothing was trained). */
  matrix: Float32Array;
}

export async function adaptWorkspace(deps: EvalDeps, opts: AdaptOptions = {}): Promise<AdaptOutcome> {
  const started = Date.now();
  const seed = opts.seed ?? 42;
  const identity = deps.store.identity;
  const dim = identity.dimensions;
  const mined = await mineWorkspace(deps, opts.signal, opts.onProgress);
  const sample = selectPairs(mined.pairs, opts.maxPairs ?? DEFAULT_ADAPT_PAIRS, seed);
  const corpus = await maskPairs(deps, mined, sample, opts.signal, opts.onProgress);
  // maskPairs keeps a file's pairs together, files in the sample's seeded order: the splits below are (nearly) by
  // file, so the test split is mostly code whose neighbours the training never saw.
  const pairs = corpus.pairs;
  const nTest = Math.round(pairs.length * TEST_SHARE);
  const nVal = Math.round(pairs.length * VALIDATION_SHARE);
  const test = pairs.slice(0, nTest);
  const validation = pairs.slice(nTest, nTest + nVal);
  const train = pairs.slice(nTest + nVal);
  const counts = { mined: mined.pairs.length, train: train.length, validation: validation.length, test: test.length };
  const base = { version: 1 as const, model: { ...identity }, pairs: counts, minGain: MIN_GAIN, trainedAt: Date.now() };
  if (pairs.length < MIN_ADAPT_PAIRS) {
    const reason = `Only ${pairs.length} usable pairs (documented definitions and headings); at least ${MIN_ADAPT_PAIRS} are needed to train and test an adapter.`;
    const report: AdaptReport = { ...base, epochs: { run: 0, best: 0 }, history: [], before: {}, after: {}, gain: { semantic: 0, hybrid: 0 }, helps: false, inUse: false, reason, trainingMs: 0, ms: Date.now() - started };
    return { report, matrix: identityMatrix(dim) };
  }
  const vectors = await embedQueries(deps, pairs, opts.signal);
  const vectorOf = new Map(pairs.map((p, i) => [p.id, vectors[i]]));
  const data = trainingData(deps, corpus, train, validation, vectorOf, seed);
  throwIfAborted(opts.signal);
  const maxEpochs = opts.train?.maxEpochs ?? 8;
  opts.onProgress?.({ phase: 'training', done: 0, total: maxEpochs });
  const trained: TrainResult = await trainInWorker(data, opts.train ?? {}, (e) => opts.onProgress?.({ phase: 'training', done: e.epoch, total: maxEpochs }), opts.signal);

  const testVectors = test.map((p) => vectorOf.get(p.id)!);
  const modes = ['semantic', 'hybrid'] as const;
  const progress = (done: number) => opts.onProgress?.({ phase: 'testing', done, total: 2 });
  progress(0);
  const before = await measure(deps, corpus, test, testVectors, { modes: [...modes], signal: opts.signal });
  progress(1);
  const after = await measure(deps, corpus, test, testVectors, { modes: [...modes], signal: opts.signal, adaptQuery: (v) => applyMatrix(trained.matrix, v) });
  progress(2);
  const gain = { semantic: delta(after.overall, before.overall, 'semantic'), hybrid: delta(after.overall, before.overall, 'hybrid') };
  const helps = adapterHelps(gain, trained.bestEpoch);
  const report: AdaptReport = {
    ...base,
    epochs: { run: trained.history.length - 1, best: trained.bestEpoch },
    history: trained.history,
    before: before.overall,
    after: after.overall,
    gain,
    helps,
    inUse: false, // the engine decides, with the setting
    reason: explain(gain, helps, trained.bestEpoch),
    trainingMs: trained.ms,
    ms: Date.now() - started,
  };
  return { report, matrix: trained.matrix };
}

/** The bar: a trained epoch, +MIN_GAIN held-out semantic NDCG@10, and no hybrid loss. */
export function adapterHelps(gain: { semantic: number; hybrid: number }, bestEpoch: number): boolean {
  return bestEpoch > 0 && gain.semantic >= MIN_GAIN && gain.hybrid >= 0;
}

function delta(after: MetricsByMode, before: MetricsByMode, mode: 'semantic' | 'hybrid'): number {
  return Math.round(((after[mode]?.ndcg10 ?? 0) - (before[mode]?.ndcg10 ?? 0)) * 10000) / 10000;
}

function explain(gain: { semantic: number; hybrid: number }, helps: boolean, bestEpoch: number): string {
  const g = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const measured = `held-out NDCG@10 ${g(gain.semantic)} semantic, ${g(gain.hybrid)} hybrid`;
  if (bestEpoch === 0) return `No training epoch beat the plain model on the validation split (${measured}): the adapter is off.`;
  if (helps) return `The adapter helps (${measured}; the bar is +${MIN_GAIN.toFixed(2)} semantic without a hybrid loss).`;
  return `The adapter does not help enough (${measured}; the bar is +${MIN_GAIN.toFixed(2)} semantic without a hybrid loss): it is kept off.`;
}

/** Vectors for the worker: masked answers, hard negatives from the index, validation candidates. */
function trainingData(deps: EvalDeps, corpus: MaskedCorpus, train: EvalPair[], validation: EvalPair[], vectorOf: Map<string, Float32Array>, seed: number): TrainData {
  const dim = deps.store.identity.dimensions;
  const rows = new Map<number, number>();
  const docVectors: Float32Array[] = [];
  const row = (id: number): number | undefined => {
    let r = rows.get(id);
    if (r !== undefined) return r;
    const v = corpus.vectors.get(id) ?? deps.store.getVector(id);
    if (!v) return undefined;
    rows.set(id, (r = docVectors.length));
    docVectors.push(v);
    return r;
  };
  const flat = (vs: Float32Array[]) => {
    const out = new Float32Array(vs.length * dim);
    vs.forEach((v, i) => out.set(v, i * dim));
    return out;
  };
  /** Rows of the `n` chunks closest to a pair's query other than its answer (`extra` more asked for, to drop it). */
  const nearestOthers = (p: (typeof train)[number], n: number, extra: number): number[] =>
    corpus
      .semantic(vectorOf.get(p.id)!, n + extra)
      .filter((s) => s.id !== p.chunkId)
      .map((s) => row(s.id))
      .filter((r): r is number => r !== undefined)
      .slice(0, n);
  const negatives: number[] = [];
  const trainAnswers: number[] = [];
  for (const p of train) {
    const answer = row(p.chunkId)!;
    trainAnswers.push(answer);
    const found = nearestOthers(p, HARD_NEGATIVES, 4);
    while (found.length < HARD_NEGATIVES) found.push(found[found.length - 1] ?? answer);
    negatives.push(...found);
  }
  const candidates: number[] = [];
  const valAnswers: number[] = [];
  for (const p of validation) {
    const answer = row(p.chunkId)!;
    valAnswers.push(answer);
    const found = nearestOthers(p, VALIDATION_CANDIDATES, 1);
    while (found.length < VALIDATION_CANDIDATES) found.push(answer);
    candidates.push(...found);
  }
  const distractors: number[] = [];
  for (const id of shuffled([...deps.store.allChunks()].map((c) => c.id), seed)) {
    if (distractors.length >= VALIDATION_DISTRACTORS) break;
    const r = row(id);
    if (r !== undefined) distractors.push(r);
  }
  return {
    dim,
    docs: flat(docVectors),
    train: { queries: flat(train.map((p) => vectorOf.get(p.id)!)), answers: Int32Array.from(trainAnswers), negatives: Int32Array.from(negatives), negativesPerQuery: HARD_NEGATIVES },
    validation: { queries: flat(validation.map((p) => vectorOf.get(p.id)!)), answers: Int32Array.from(valAnswers), candidates: Int32Array.from(candidates), candidatesPerQuery: VALIDATION_CANDIDATES, distractors: Int32Array.from(distractors) },
  };
}
