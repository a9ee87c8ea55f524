import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PathBatcher } from '../../src/extension/vscodeFree/pathBatcher';
import { LatestOnly, debounce } from '../../src/extension/vscodeFree/latestOnly';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PathBatcher (watcher/editor changes → update)', () => {
  it('merges a burst of changes into one de-duplicated batch after the quiet period', async () => {
    const batches: string[][] = [];
    const b = new PathBatcher({ debounceMs: 30, flush: async (p) => void batches.push(p) });
    b.add(['/a']);
    b.add(['/b', '/a']);
    await sleep(10);
    b.add(['/c']);
    assert.equal(batches.length, 0, 'nothing before the quiet period');
    await b.whenIdle();
    assert.deepEqual(batches, [['/a', '/b', '/c']]);
  });

  it('never runs two batches at once; changes during a batch go into the next one', async () => {
    let running = 0;
    let maxRunning = 0;
    const batches: string[][] = [];
    const b = new PathBatcher({
      debounceMs: 5,
      flush: async (p) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        batches.push(p);
        await sleep(40);
        running--;
      },
    });
    b.add(['/a']);
    await sleep(15); // first batch running
    b.add(['/b']);
    await b.whenIdle();
    assert.equal(maxRunning, 1);
    assert.deepEqual(batches, [['/a'], ['/b']]);
  });

  it('holds batches while suspended and applies them on resume', async () => {
    const batches: string[][] = [];
    const b = new PathBatcher({ debounceMs: 5, flush: async (p) => void batches.push(p) });
    b.suspend();
    b.add(['/a']);
    await sleep(20);
    assert.equal(batches.length, 0);
    await b.whenIdle(); // suspended counts as idle
    b.resume();
    await sleep(1);
    await b.whenIdle();
    assert.deepEqual(batches, [['/a']]);
  });

  it('flushNow applies at once; errors go to onError and do not stop later batches', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const b = new PathBatcher({
      debounceMs: 10_000,
      flush: async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
      onError: (e) => errors.push(e),
    });
    b.add(['/a']);
    await b.flushNow();
    b.add(['/b']);
    await b.flushNow();
    assert.equal(calls, 2);
    assert.equal(errors.length, 1);
    b.dispose();
  });

  it('caps the wait under a constant stream of changes', async () => {
    const batches: string[][] = [];
    const b = new PathBatcher({ debounceMs: 20, maxWaitMs: 50, flush: async (p) => void batches.push(p) });
    for (let i = 0; i < 10; i++) {
      b.add([`/f${i}`]);
      await sleep(10);
    }
    assert.ok(batches.length >= 1, 'flushed at least once within 100 ms of constant events');
    await b.whenIdle();
    assert.equal(batches.flat().length, 10);
  });
});

describe('LatestOnly and debounce (live QuickPick search)', () => {
  it('delivers only the newest answer; older ones resolve undefined', async () => {
    const latest = new LatestOnly();
    const slow = latest.run(async () => {
      await sleep(30);
      return 'old';
    });
    const fast = latest.run(async () => 'new');
    assert.equal(await fast, 'new');
    assert.equal(await slow, undefined);
    const afterClose = latest.run(async () => {
      await sleep(5);
      return 'x';
    });
    latest.invalidate();
    assert.equal(await afterClose, undefined);
  });

  it('debounce runs only the last call of a burst, and cancel drops it', async () => {
    const seen: string[] = [];
    const d = debounce((v: string) => seen.push(v), 15);
    d('p');
    d('pa');
    d('par');
    await sleep(30);
    assert.deepEqual(seen, ['par']);
    d('x');
    d.cancel();
    await sleep(30);
    assert.deepEqual(seen, ['par']);
  });
});
