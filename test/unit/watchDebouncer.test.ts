// Debouncer (fake timers) and the serial runner that keeps onChange calls from overlapping.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSerialRunner, Debouncer } from '../../src/core/watch';

function withFakeTimers(fn: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      await fn();
    } finally {
      mock.timers.reset();
    }
  };
}

test(
  'a burst of keys is flushed once, de-duplicated, after the quiet period',
  withFakeTimers(() => {
    const flushes: string[][] = [];
    const d = new Debouncer({ delayMs: 300, onFlush: (k) => flushes.push(k) });
    d.add('a');
    mock.timers.tick(100);
    d.add(['b', 'a']);
    mock.timers.tick(250); // 350 since the first add, 250 since the last: still quiet-waiting
    assert.deepEqual(flushes, []);
    assert.equal(d.pending, 2);
    d.add('c');
    mock.timers.tick(299);
    assert.deepEqual(flushes, []);
    mock.timers.tick(1);
    assert.deepEqual(flushes, [['a', 'b', 'c']]);
    assert.equal(d.pending, 0);
    mock.timers.tick(10_000);
    assert.equal(flushes.length, 1, 'nothing more without new keys');
  }),
);

test(
  'maxWaitMs caps the delay under a steady stream',
  withFakeTimers(() => {
    const flushes: string[][] = [];
    const d = new Debouncer({ delayMs: 300, maxWaitMs: 1000, onFlush: (k) => flushes.push(k) });
    for (let t = 0; t < 1000; t += 100) {
      d.add(`k${t}`);
      mock.timers.tick(100);
    }
    assert.equal(flushes.length, 1);
    assert.equal(flushes[0].length, 10);
    // The cap restarts with the next batch.
    d.add('next');
    mock.timers.tick(299);
    assert.equal(flushes.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(flushes[1], ['next']);
  }),
);

test(
  'flush, cancel and dispose',
  withFakeTimers(() => {
    const flushes: string[][] = [];
    const d = new Debouncer({ delayMs: 300, onFlush: (k) => flushes.push(k) });
    d.flush();
    assert.deepEqual(flushes, [], 'an empty flush calls nothing');
    d.add('a');
    d.flush();
    assert.deepEqual(flushes, [['a']]);
    mock.timers.tick(1000);
    assert.equal(flushes.length, 1, 'the timer went with the manual flush');
    d.add('b');
    d.cancel();
    mock.timers.tick(1000);
    assert.equal(flushes.length, 1);
    d.dispose();
    d.add('c');
    mock.timers.tick(1000);
    assert.equal(flushes.length, 1);
    assert.equal(d.pending, 0);
  }),
);

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('the serial runner never overlaps calls and merges keys that arrive meanwhile', async () => {
  const calls: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  const gates = [deferred(), deferred()];
  const runner = createSerialRunner(async (keys) => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    calls.push(keys);
    await gates[calls.length - 1]?.promise;
    running--;
  }, (e) => assert.fail(String(e)));
  runner.push(['b', 'a']);
  runner.push(['c']); // arrives while the first call is still running
  runner.push(['d', 'c']);
  assert.deepEqual(calls, [['a', 'b']]);
  gates[0].resolve();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls, [['a', 'b'], ['c', 'd']]);
  gates[1].resolve();
  await runner.idle();
  assert.equal(maxRunning, 1);
  assert.equal(calls.length, 2);
});

test('a failing call is reported and later batches still run', async () => {
  const errors: unknown[] = [];
  const calls: string[][] = [];
  const runner = createSerialRunner(
    (keys) => {
      calls.push(keys);
      if (keys.includes('bad')) throw new Error('boom');
    },
    (e) => errors.push(e),
  );
  runner.push(['bad']);
  await runner.idle();
  runner.push(['good']);
  await runner.idle();
  assert.deepEqual(calls, [['bad'], ['good']]);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /boom/);
});
