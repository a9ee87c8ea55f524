// kill -9 tests: a child process saving in a loop, and a child holding the writer lock.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { openIndexStore } from '../../src/core/store';
import { IDENTITY, tempIndexDir } from './storeFixtures';

const CHILD = path.join(__dirname, 'storeChild.js');

function startChild(mode: 'saveloop' | 'hold', dir: string): { child: ChildProcess; waitFor: (re: RegExp) => Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, [CHILD, mode, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d) => {
    out += String(d);
    for (const w of [...waiters]) if (w.re.test(out)) w.resolve();
  });
  child.stderr!.on('data', (d) => (err += String(d)));
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (re.test(out)) return resolve();
      waiters.push({ re, resolve });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${re}: ${err}`)));
    });
  return { child, waitFor, stderr: () => err };
}

/** SIGKILL the child; fails (instead of waiting forever) when it already exited by itself. */
function kill(child: ChildProcess, stderr: () => string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.reject(new Error(`child exited by itself (${child.exitCode ?? child.signalCode}): ${stderr()}`));
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('store: crash safety', () => {
  it('kill -9 at random moments during saves always leaves a consistent last good state', async () => {
    const dir = tempIndexDir();
    let lastRound = 0;
    for (let run = 0; run < 6; run++) {
      const { child, waitFor, stderr } = startChild('saveloop', dir);
      await waitFor(/saved \d+/);
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 120)));
      await kill(child, stderr);

      const store = await openIndexStore({ indexDir: dir, identity: IDENTITY, precision: 'i8' });
      assert.equal(store.message, undefined, `run ${run}: ${store.message}`);
      assert.ok(store.chunkCount() > 0);
      assert.equal(store.vectorCount(), store.chunkCount(), `run ${run}: every chunk has its vector`);
      let fromFiles = 0;
      for (const [p, f] of store.allFiles()) {
        for (const id of f.chunkIds) {
          const c = store.getChunk(id);
          assert.ok(c && c.path === p, `chunk ${id} of ${p}`);
          assert.ok(store.getVector(id));
        }
        fromFiles += f.chunkIds.length;
      }
      assert.equal(fromFiles, store.chunkCount());
      assert.ok(store.searchLexical('alpha beta', 3).length > 0);
      const round = store.getSkipped().binary ?? 0;
      assert.ok(round >= 1, 'at least the first save is there');
      lastRound = round;
      await store.close();
    }
    assert.ok(lastRound >= 1);
  });

  it('a writer killed with -9 does not block the next writer', async () => {
    const dir = tempIndexDir();
    const { child, waitFor, stderr } = startChild('hold', dir);
    await waitFor(/locked/);
    await assert.rejects(openIndexStore({ indexDir: dir, identity: IDENTITY, precision: 'i8' }), /being written by another process/);
    await kill(child, stderr);
    const store = await openIndexStore({ indexDir: dir, identity: IDENTITY, precision: 'i8' });
    assert.equal(store.chunkCount(), 0);
    await store.close();
  });
});
