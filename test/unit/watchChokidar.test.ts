// The engine's watch on a real folder with real chokidar, with a recording update() in place of the engine's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EngineWatch, IndexSummary } from '../../src/core';
import { createPathFilter } from '../../src/core/scan';
import { WatchSet } from '../../src/core/watch';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const SUMMARY: IndexSummary = { files: 0, chunks: 0, embedded: 0, reused: 0, removed: 0, tokens: 0, skipped: {}, ms: 0 };

/** Collects update() calls and lets a test wait for the n-th one, with a timeout instead of sleeps. */
class Calls {
  readonly batches: string[][] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  readonly update = async (paths: string[]): Promise<IndexSummary> => {
    this.batches.push(paths);
    this.waiters = this.waiters.filter((w) => (this.batches.length >= w.n ? (w.resolve(), false) : true));
    return SUMMARY;
  };

  waitFor(n: number, timeoutMs = 10_000): Promise<void> {
    if (this.batches.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for update call #${n}; got ${JSON.stringify(this.batches)}`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

async function setup(
  files: Record<string, string>,
): Promise<{ ws: TempWorkspace; calls: Calls; watcher: EngineWatch; watches: WatchSet; errors: unknown[] }> {
  const ws = makeTempWorkspace(files, 'semsearch-watch-');
  const calls = new Calls();
  const errors: unknown[] = [];
  const watches = new WatchSet({ root: ws.root, indexDir: path.join(ws.root, '.semsearch'), filter: createPathFilter({ root: ws.root }), update: calls.update });
  const watcher = watches.create({ debounceMs: 250, onError: (e) => errors.push(e) });
  await watcher.ready;
  return { ws, calls, watcher, watches, errors };
}

test('a burst of writes becomes one update with the de-duplicated, filtered paths', async () => {
  const { ws, calls, watcher, errors } = await setup({
    '.gitignore': '*.log\n',
    'src/a.ts': 'a',
    'node_modules/pkg/index.js': 'x',
    'src/old.ts': 'old',
  });
  try {
    for (let i = 0; i < 5; i++) ws.write('src/a.ts', `a${i}`);
    ws.write('src/b.ts', 'b');
    ws.write('scripts/build', 'a file named like a build folder is still a file');
    ws.write('debug.log', 'ignored by .gitignore');
    ws.write('node_modules/pkg/index.js', 'never watched');
    ws.write('yarn.lock', 'built-in exclude');
    ws.remove('src/old.ts');
    await calls.waitFor(1);
    assert.deepEqual(calls.batches[0], ['scripts', 'scripts/build', 'src/a.ts', 'src/b.ts', 'src/old.ts']);

    // Anything left over from the burst would show up in the next call, next to the new path.
    ws.write('src/c.ts', 'c');
    await calls.waitFor(2);
    assert.deepEqual(calls.batches[1], ['src/c.ts']);
    assert.deepEqual(errors, []);
  } finally {
    await watcher.dispose();
    ws.cleanup();
  }
});

test('new folders and removed folders are reported; an edited .gitignore takes effect', async () => {
  const { ws, calls, watcher } = await setup({ 'keep.ts': 'k', 'gone/x.ts': 'x' });
  try {
    ws.write('lib/new.ts', 'n');
    ws.remove('gone');
    await calls.waitFor(1);
    const first = calls.batches[0];
    for (const p of ['lib', 'lib/new.ts', 'gone']) assert.ok(first.includes(p), `${p} missing from ${JSON.stringify(first)}`);

    ws.write('.gitignore', '*.tmp.ts\n');
    await calls.waitFor(2);
    assert.deepEqual(calls.batches[1], ['.gitignore']);
    ws.write('lib/scratch.tmp.ts', 'now ignored');
    ws.write('lib/real.ts', 'r');
    await calls.waitFor(3);
    assert.deepEqual(calls.batches[2], ['lib/real.ts']);
  } finally {
    await watcher.dispose();
    ws.cleanup();
  }
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function withTimeout<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('editor events join the watcher batch as one entry per file; a hold keeps them until released', async () => {
  const { ws, calls, watcher, watches, errors } = await setup({ 'a.ts': 'a' });
  try {
    ws.write('a.ts', 'a1');
    watcher.changed([path.join(ws.root, 'a.ts'), path.join(ws.root, 'b.ts'), 'c.ts', path.join(path.dirname(ws.root), 'outside.ts')]);
    await calls.waitFor(1);
    assert.deepEqual(calls.batches[0], ['a.ts', 'b.ts', 'c.ts']);

    watches.hold(); // a full pass runs
    ws.write('a.ts', 'a2');
    await delay(700);
    assert.equal(calls.batches.length, 1, 'held while the full pass runs');
    watches.release();
    await calls.waitFor(2);
    assert.deepEqual(calls.batches[1], ['a.ts']);
    assert.deepEqual(errors, []);
  } finally {
    await watcher.dispose();
    ws.cleanup();
  }
});

test('updates never overlap, and dispose() waits for the running one', async () => {
  const ws = makeTempWorkspace({ 'a.ts': 'a' }, 'semsearch-watch-');
  let running = 0;
  let overlapped = false;
  const seen: string[][] = [];
  const started = [deferred(), deferred()];
  const gates = [deferred(), deferred()];
  const watcher = new WatchSet({
    root: ws.root,
    indexDir: path.join(ws.root, '.semsearch'),
    filter: createPathFilter({ root: ws.root }),
    update: async (paths) => {
      overlapped ||= running > 0;
      running++;
      seen.push(paths);
      const n = seen.length - 1;
      started[n]?.resolve();
      await gates[n]?.promise;
      running--;
      return SUMMARY;
    },
  }).create({ debounceMs: 100 });
  try {
    await watcher.ready;
    ws.write('a.ts', 'a1');
    await withTimeout(started[0].promise, 'first call');
    ws.write('b.ts', 'b');
    // The one fixed wait: long enough for b.ts to be debounced and queued behind the running call.
    await delay(700);
    assert.deepEqual(seen, [['a.ts']], 'the second batch must wait for the first update');
    gates[0].resolve();
    await withTimeout(started[1].promise, 'second call');
    assert.deepEqual(seen, [['a.ts'], ['b.ts']]);

    let closed = false;
    const closing = watcher.dispose().then(() => (closed = true));
    await delay(100);
    assert.equal(closed, false, 'dispose() must wait for the running update');
    gates[1].resolve();
    await withTimeout(closing, 'close');
    assert.equal(overlapped, false);
  } finally {
    for (const g of gates) g.resolve();
    await watcher.dispose();
    ws.cleanup();
  }
});
