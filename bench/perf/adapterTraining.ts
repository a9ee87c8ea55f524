// Adapter training time at the size: 5,000 pairs of 384-dim vectors (65 % train, 15 % validation with 50
// candidates each, 3 hard negatives per training pair), in the worker thread, with the engine's default options.
// Synthetic vectors (a rotation the adapter has to learn), so the number of epochs is whatever early stopping picks.
// Run: npm run build && node out/bench/perf/adapterTraining.js [pairs]
import { trainInWorker } from '../../src/core/adapt';
import type { TrainData } from '../../src/core/adapt/types';
import { seededRandom } from '../../src/core/eval';
import { gaussian, multiply, randomRotation, unit } from '../../test/helpers/synthetic';

function data(pairs: number, dim = 384): TrainData {
  const rand = seededRandom(1);
  const rotation = randomRotation(dim, rand);
  const docs = new Float32Array(pairs * dim);
  const queries = new Float32Array(pairs * dim);
  for (let i = 0; i < pairs; i++) {
    const d = unit(new Float32Array(dim).map(() => gaussian(rand)));
    const noise = unit(new Float32Array(dim).map(() => gaussian(rand)));
    docs.set(d, i * dim);
    queries.set(unit(multiply(rotation, d).map((x, k) => x + 0.5 * noise[k])), i * dim);
  }
  const nVal = Math.round(pairs * 0.15);
  const nTrain = Math.round(pairs * 0.65);
  const pick = () => Math.floor(rand() * pairs);
  return {
    dim,
    docs,
    train: {
      queries: queries.slice(0, nTrain * dim),
      answers: Int32Array.from({ length: nTrain }, (_, i) => i),
      negatives: Int32Array.from({ length: nTrain * 3 }, pick),
      negativesPerQuery: 3,
    },
    validation: {
      queries: queries.slice(nTrain * dim, (nTrain + nVal) * dim),
      answers: Int32Array.from({ length: nVal }, (_, i) => nTrain + i),
      candidates: Int32Array.from({ length: nVal * 50 }, pick),
      candidatesPerQuery: 50,
    },
  };
}

async function main(): Promise<void> {
  const pairs = Number(process.argv[2] ?? 5000);
  const d = data(pairs);
  const started = Date.now();
  const r = await trainInWorker(d, {}, (e) => console.log(`epoch ${e.epoch}: loss ${e.loss.toFixed(3)}, validation NDCG@10 ${e.validationNdcg10.toFixed(3)} (${((Date.now() - started) / 1000).toFixed(1)} s)`));
  console.log(JSON.stringify({ pairs, epochs: r.history.length - 1, bestEpoch: r.bestEpoch, trainingMs: r.ms, wallMs: Date.now() - started }));
}

void main();
