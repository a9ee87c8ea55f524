// The debounced watcher on a real folder with real chokidar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPathFilter } from '../../src/core/scan';
import { createDebouncedWatcher, type DebouncedWatcher } from '../../src/core/watch';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

/** Collects onChange calls and lets a test wait for the n-th one, with a timeout instead of sleeps. */
class Calls {
  readonly batches: string[][] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  readonly onChange = (paths: string[]): void => {
    this.batches.push(paths);
    this.waiters = this.waiters.filter((w) => (this.batches.length >= w.n ? (w.resolve(), false) : true));
  };

  waitFor(n: number, timeoutMs = 10_000): Promise<void> {
    if (this.batches.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for onChange call #${n}; got ${JSON.stringify(this.batches)}`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

async function setup(files: Record<string, string>): Promise<{ ws: TempWorkspace; calls: Calls; watcher: DebouncedWatcher; errors: unknown[] }> {
  const ws = makeTempWorkspace(files, 'semsearch-watch-');
  const calls = new Calls();
  const errors: unknown[] = [];
  const watcher = createDebouncedWatcher({
    root: ws.root,
    filter: createPathFilter({ root: ws.root }),
    debounceMs: 250,
    onChange: calls.onChange,
    onError: (e) => errors.push(e),
  });
  await watcher.ready;
  return { ws, calls, watcher, errors };
}

test('a burst of writes becomes one call with the de-duplicated, filtered paths', async () => {
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
    await watcher.close();
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
    await watcher.close();
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

test('onChange calls never overlap, and close() waits for the running one', async () => {
  const ws = makeTempWorkspace({ 'a.ts': 'a' }, 'semsearch-watch-');
  let running = 0;
  let overlapped = false;
  const seen: string[][] = [];
  const started = [deferred(), deferred()];
  const gates = [deferred(), deferred()];
  const watcher = createDebouncedWatcher({
    root: ws.root,
    debounceMs: 100,
    onChange: async (paths) => {
      overlapped ||= running > 0;
      running++;
      seen.push(paths);
      const n = seen.length - 1;
      started[n]?.resolve();
      await gates[n]?.promise;
      running--;
    },
  });
  try {
    await watcher.ready;
    ws.write('a.ts', 'a1');
    await withTimeout(started[0].promise, 'first call');
    ws.write('b.ts', 'b');
    // The one fixed wait: long enough for b.ts to be debounced and queued behind the running call.
    await delay(700);
    assert.deepEqual(seen, [['a.ts']], 'the second batch must wait for the first call');
    gates[0].resolve();
    await withTimeout(started[1].promise, 'second call');
    assert.deepEqual(seen, [['a.ts'], ['b.ts']]);

    let closed = false;
    const closing = watcher.close().then(() => (closed = true));
    await delay(100);
    assert.equal(closed, false, 'close() must wait for the running onChange');
    gates[1].resolve();
    await withTimeout(closing, 'close');
    assert.equal(overlapped, false);
  } finally {
    for (const g of gates) g.resolve();
    await watcher.close();
    ws.cleanup();
  }
});
