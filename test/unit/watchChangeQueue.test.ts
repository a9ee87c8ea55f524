// The engine's one change queue: debounce and cap (fake timers), batches that never overlap,
// failures reported without stopping later batches, holds, idle() and dispose().
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeQueue } from '../../src/core/watch';

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

/** Lets the promise callbacks of a batch that just started or ended run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function recorder(): { batches: string[][]; apply: (paths: string[]) => Promise<void> } {
  const batches: string[][] = [];
  return { batches, apply: async (p) => void batches.push(p) };
}

test(
  'a burst of paths is applied once, de-duplicated and sorted, after the quiet period',
  withFakeTimers(async () => {
    const r = recorder();
    const q = new ChangeQueue({ debounceMs: 300, apply: r.apply });
    q.add(['c']);
    mock.timers.tick(100);
    q.add(['b', 'c']);
    mock.timers.tick(250); // 350 since the first add, 250 since the last: still quiet-waiting
    await settle();
    assert.deepEqual(r.batches, []);
    assert.equal(q.pendingCount, 2);
    q.add(['a']);
    mock.timers.tick(299);
    await settle();
    assert.deepEqual(r.batches, []);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(r.batches, [['a', 'b', 'c']]);
    assert.equal(q.pendingCount, 0);
    mock.timers.tick(10_000);
    await settle();
    assert.equal(r.batches.length, 1, 'nothing more without new paths');
  }),
);

test(
  'maxWaitMs caps the delay under a steady stream',
  withFakeTimers(async () => {
    const r = recorder();
    const q = new ChangeQueue({ debounceMs: 300, maxWaitMs: 1000, apply: r.apply });
    for (let t = 0; t < 1000; t += 100) {
      q.add([`k${t}`]);
      mock.timers.tick(100);
      await settle();
    }
    assert.equal(r.batches.length, 1);
    assert.equal(r.batches[0].length, 10);
    // The cap restarts with the next batch.
    q.add(['next']);
    mock.timers.tick(299);
    await settle();
    assert.equal(r.batches.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(r.batches[1], ['next']);
  }),
);

test(
  'flush applies at once; dispose drops what is collected and ignores later paths',
  withFakeTimers(async () => {
    const r = recorder();
    const q = new ChangeQueue({ debounceMs: 300, apply: r.apply });
    await q.flush();
    assert.deepEqual(r.batches, [], 'an empty flush applies nothing');
    q.add(['a']);
    await q.flush();
    assert.deepEqual(r.batches, [['a']]);
    mock.timers.tick(1000);
    await settle();
    assert.equal(r.batches.length, 1, 'the timer went with the flush');
    q.add(['b']);
    await q.dispose();
    q.add(['c']);
    mock.timers.tick(1000);
    await settle();
    assert.equal(r.batches.length, 1);
    assert.equal(q.pendingCount, 0);
  }),
);

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('batches never overlap; paths that arrive meanwhile are merged into the next one', async () => {
  const calls: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  const gates = [deferred(), deferred()];
  const q = new ChangeQueue({
    debounceMs: 1,
    apply: async (paths) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      calls.push(paths);
      await gates[calls.length - 1]?.promise;
      running--;
    },
    onError: (e) => assert.fail(String(e)),
  });
  q.add(['b', 'a']);
  void q.flush(); // starts the first batch, which waits for its gate
  q.add(['c']); // arrives while the first batch is still running
  q.add(['d', 'c']);
  await new Promise((r) => setTimeout(r, 20)); // the quiet period ends while the first batch runs
  assert.deepEqual(calls, [['a', 'b']]);
  gates[0].resolve();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(calls, [['a', 'b'], ['c', 'd']]);
  gates[1].resolve();
  await q.idle();
  assert.equal(maxRunning, 1);
  assert.equal(calls.length, 2);
});

test('a failing batch is reported and later batches still run', async () => {
  const errors: unknown[] = [];
  const calls: string[][] = [];
  const q = new ChangeQueue({
    debounceMs: 10_000,
    apply: async (paths) => {
      calls.push(paths);
      if (paths.includes('bad')) throw new Error('disk full');
    },
    onError: (e) => errors.push(e),
  });
  q.add(['bad']);
  await q.flush();
  q.add(['good']);
  await q.flush();
  assert.deepEqual(calls, [['bad'], ['good']]);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /disk full/);
});

test('holds nest: paths collect while held and are applied after the last release', async () => {
  const r = recorder();
  const q = new ChangeQueue({ debounceMs: 5, apply: r.apply });
  q.hold();
  q.hold();
  q.add(['a']);
  await new Promise((res) => setTimeout(res, 20));
  await q.flush();
  assert.deepEqual(r.batches, [], 'neither the timer nor flush applies while held');
  await q.idle(); // held paths do not count as work
  q.release();
  await new Promise((res) => setTimeout(res, 20));
  assert.deepEqual(r.batches, [], 'one hold is left');
  q.release();
  await new Promise((res) => setTimeout(res, 1));
  await q.idle();
  assert.deepEqual(r.batches, [['a']]);
});

test('idle() waits for a due batch and for the running one; dispose() waits for the running one', async () => {
  const gate = deferred();
  const started = deferred();
  const calls: string[][] = [];
  const q = new ChangeQueue({
    debounceMs: 5,
    apply: async (paths) => {
      calls.push(paths);
      started.resolve();
      await gate.promise;
    },
  });
  let idle = false;
  q.add(['a']);
  const idling = q.idle().then(() => (idle = true));
  await started.promise;
  assert.equal(idle, false);
  let disposed = false;
  const disposing = q.dispose().then(() => (disposed = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(idle || disposed, false, 'both wait for the running batch');
  gate.resolve();
  await Promise.all([idling, disposing]);
  assert.deepEqual(calls, [['a']]);
});
