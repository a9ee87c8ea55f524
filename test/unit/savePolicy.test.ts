import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SavePolicy } from '../../src/core/pipeline/savePolicy';

describe('save policy', () => {
  const clock = () => {
    let t = 1_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('saves after everyChunks new vectors, or after everyMs, whichever comes first', () => {
    const c = clock();
    const p = new SavePolicy({ everyChunks: 100, everyMs: 15_000, costFactor: 10 }, c.now);
    assert.equal(p.due(99), false);
    assert.equal(p.due(100), true);
    p.saved(100, c.now());
    assert.equal(p.due(150), false);
    c.advance(14_999);
    assert.equal(p.due(150), false);
    c.advance(1);
    assert.equal(p.due(150), true, 'time alone triggers a save');
  });

  it('keeps saving a small share of the run: the next save waits costFactor × the last save', () => {
    const c = clock();
    const p = new SavePolicy({ everyChunks: 100, everyMs: 15_000, costFactor: 10 }, c.now);
    const started = c.now();
    c.advance(2_000); // a save of a large index took 2 s
    p.saved(100, started);
    c.advance(19_000);
    assert.equal(p.due(10_000), false, 'enough chunks, but only 19 s after a 2 s save');
    c.advance(1_000);
    assert.equal(p.due(10_000), true);
  });
});
