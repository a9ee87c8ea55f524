// Live QuickPick search: only the newest answer is delivered, keystrokes are debounced.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LatestOnly, debounce } from '../../src/extension/vscodeFree/latestOnly';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
