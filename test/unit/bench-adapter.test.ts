// The adapter speed bench reads the default stopping point off a run that trains every epoch: that reading must
// match what trainAdapter's own rule does.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultStopEpoch, syntheticTrainData } from '../../bench/perf/adapter';
import { trainAdapter } from '../../src/core/adapt';

describe('bench: adapter speed', () => {
  it('the stopping epoch read off a full run is where trainAdapter with patience 2 stops', () => {
    const data = syntheticTrainData(300, 24);
    const opts = { maxEpochs: 12, learningRate: 0.02, seed: 3 };
    const full = trainAdapter(data, { ...opts, patience: 12 });
    assert.equal(full.history.length, 13, 'the ceiling run trains every epoch');
    const stopped = trainAdapter(data, { ...opts, patience: 2 });
    assert.ok(stopped.history.length < full.history.length, 'this data stops early (else the test shows nothing)');
    assert.equal(defaultStopEpoch(full.history, 2), stopped.history[stopped.history.length - 1].epoch);
    assert.deepEqual(stopped.history.map((h) => h.validationNdcg10), full.history.slice(0, stopped.history.length).map((h) => h.validationNdcg10));
  });

  it('stops after `patience` epochs without a gain, else at the last epoch', () => {
    const h = (ndcgs: number[]) => ndcgs.map((validationNdcg10, epoch) => ({ epoch, validationNdcg10 }));
    assert.equal(defaultStopEpoch(h([0.1, 0.2, 0.3, 0.25, 0.28, 0.5])), 4);
    assert.equal(defaultStopEpoch(h([0.1, 0.2, 0.3, 0.4])), 3);
    assert.equal(defaultStopEpoch(h([0.5, 0.4, 0.3])), 2);
  });
});
