// The folder index lifecycle against a fake engine: first pass, batched updates, pause,
// failures (a missing model must leave the folder in 'error', never throw), rebuild.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Engine, IndexStatus, IndexSummary, ProgressEvent, WatchOptions } from '../../src/core/index';
import { ModelNotFoundError } from '../../src/core/index';
import { WatchSet } from '../../src/core/watch';
import { FolderIndex } from '../../src/extension/vscodeFree/folderIndex';
import type { IndexStateName } from '../../src/shared/extensionApi';

const summary = (chunks: number): IndexSummary => ({ files: 1, chunks, embedded: 0, reused: 0, removed: 0, tokens: 0, skipped: {}, ms: 1 });

class FakeEngine implements Engine {
  readonly indexDir: string;
  updates: string[][] = [];
  paused = false;
  closed = false;
  chunks = 0;
  private listeners = new Set<(e: ProgressEvent) => void>();
  /** The engine's own watch queue, held like the engine holds it; no file watcher (editor events only). */
  private readonly watches: WatchSet;
  constructor(readonly root: string, indexDir: string, private readonly indexMs = 20) {
    this.indexDir = indexDir;
    this.watches = new WatchSet({ root, indexDir, filter: { check: () => null }, update: (p) => this.update(p) });
  }
  async index(): Promise<IndexSummary> {
    this.watches.hold();
    try {
      for (const l of this.listeners) l({ phase: 'embedding', filesDone: 1, filesTotal: 1, chunksEmbedded: 1, chunksPending: 1, paused: false });
      await new Promise((r) => setTimeout(r, this.indexMs));
      this.chunks = 7;
      return summary(7);
    } finally {
      this.watches.release();
    }
  }
  watch(opts?: WatchOptions) {
    return this.watches.create({ ...opts, files: false });
  }
  takeOvers = 0;
  writable = true;
  /** Whether takeOver() succeeds (the lock holder has gone). */
  writerGone = false;
  incompleteRun: IndexStatus['incomplete'];
  async refresh(): Promise<boolean> {
    return false;
  }
  async takeOver(): Promise<boolean> {
    this.takeOvers++;
    if (this.writerGone) this.writable = true;
    return this.writable;
  }
  rebuilds = 0;
  async rebuild(): Promise<IndexSummary> {
    this.rebuilds++;
    return this.index();
  }
  async update(paths: string[]): Promise<IndexSummary> {
    this.updates.push(paths);
    this.chunks += paths.length;
    return summary(this.chunks);
  }
  async search() {
    return [{ path: 'a.ts', file: path.join(this.root, 'a.ts'), root: this.root, startLine: 1, endLine: 2, score: 0.5, kind: 'function' as const, symbol: 'a', preview: 'a', language: 'typescript' }];
  }
  async evaluate(): Promise<never> {
    throw new Error('not used by these tests');
  }
  async adapt(): Promise<never> {
    throw new Error('not used by these tests');
  }
  adapterStatus() {
    return { setting: 'auto' as const, saved: false, inUse: false };
  }
  async similar() {
    return [];
  }
  async clusters() {
    return { k: 0, silhouette: 0, layout: 'pca' as const, clusters: [], points: [] };
  }
  status(): IndexStatus {
    return { root: this.root, indexDir: this.indexDir, files: 1, chunks: this.chunks, vectors: this.chunks, model: null, precision: 'i8', skipped: {}, diskBytes: {}, lastIndexedAt: null, state: 'ready', writable: this.writable, ...(this.incompleteRun ? { incomplete: this.incompleteRun } : {}) };
  }
  pause() {
    if (!this.paused) this.watches.hold();
    this.paused = true;
  }
  resume() {
    if (this.paused) this.watches.release();
    this.paused = false;
  }
  cancel() {}
  onProgress(l: (e: ProgressEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onMessage() {
    return () => undefined;
  }
  async close() {
    await this.watches.disposeAll();
    this.closed = true;
  }
}

function setup(create?: () => Promise<Engine>, watch = true) {
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-fi-'));
  const engines: FakeEngine[] = [];
  const states: IndexStateName[] = [];
  const errors: unknown[] = [];
  const fi = new FolderIndex({
    folder: '/ws',
    watch,
    debounceMs: 10,
    createEngine:
      create ??
      (async () => {
        const e = new FakeEngine('/ws', indexDir);
        engines.push(e);
        return e;
      }),
    hooks: { onStatus: (s) => states.push(s.state), onError: (e) => errors.push(e) },
  });
  return { fi, engines, states, errors, indexDir };
}

describe('FolderIndex', () => {
  it('runs the first pass: starting → indexing → ready, with counts', async () => {
    const { fi, states } = setup();
    await fi.index();
    await fi.whenFirstPass();
    assert.equal(fi.status.state, 'ready');
    assert.equal(fi.status.chunks, 7);
    assert.deepEqual([...new Set(states)], ['indexing', 'ready']);
    assert.equal((await fi.search('a', {})).length, 1);
  });

  it('batches changes into one update after the full pass, and whenIdle waits for it', async () => {
    const { fi, engines } = setup();
    const pass = fi.index();
    await new Promise((r) => setTimeout(r, 1)); // the engine exists and its full pass runs
    fi.changed(['/ws/a.ts']); // arrives during the full pass: held back
    fi.changed(['/ws/b.ts', '/ws/a.ts']);
    await pass;
    await fi.whenIdle();
    assert.deepEqual(engines[0].updates, [['a.ts', 'b.ts']]);
    assert.equal(fi.status.chunks, 9);
  });

  it('without automatic indexing nothing is watched and editor changes are not applied', async () => {
    const { fi, engines } = setup(undefined, false);
    await fi.index();
    fi.changed(['/ws/a.ts']);
    await fi.flushPending();
    await fi.whenIdle();
    assert.deepEqual(engines[0].updates, []);
  });

  it('a failed full pass stops the watch: no updates on top of it', async () => {
    const failing = new FakeEngine('/ws', '/tmp/unused');
    failing.index = async () => {
      throw new Error('disk full');
    };
    const { fi, errors } = setup(async () => failing);
    await fi.index();
    assert.equal(fi.status.state, 'error');
    fi.changed(['/ws/a.ts']);
    await fi.flushPending();
    await fi.whenIdle();
    assert.deepEqual(failing.updates, []);
    assert.equal(errors.length, 1);
  });

  it('pause stops updates and pauses the engine; resume applies them', async () => {
    const { fi, engines } = setup();
    await fi.index();
    fi.pause();
    assert.equal(fi.status.state, 'paused');
    assert.equal(engines[0].paused, true);
    fi.changed(['/ws/c.ts']);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(engines[0].updates.length, 0);
    fi.resume();
    await fi.flushPending();
    await fi.whenIdle();
    assert.deepEqual(engines[0].updates, [['c.ts']]);
    assert.equal(fi.status.state, 'ready');
  });

  it('a missing model puts the folder in error once, never throws, and settles whenFirstPass', async () => {
    const { fi, errors } = setup(async () => {
      throw new ModelNotFoundError('No model found: run npm run fetch-model');
    });
    await fi.index();
    await fi.whenFirstPass();
    assert.equal(fi.status.state, 'error');
    assert.match(fi.status.message ?? '', /No embedding model found\. Set the "semanticSearch\.modelPath" setting/);
    assert.doesNotMatch(fi.status.message ?? '', /npm run/, 'the user is not told to run a developer script');
    assert.equal(fi.status.errorCode, 'MODEL_NOT_FOUND');
    assert.equal(errors.length, 1);
    assert.deepEqual(await fi.search('x', {}), []);
    fi.changed(['/ws/a.ts']);
    await fi.whenIdle(); // no engine: nothing to apply, no hang
  });

  it('rebuild asks the same engine for a rebuild beside the index in use; nothing is deleted first', async () => {
    const { fi, engines, indexDir } = setup();
    await fi.index();
    fs.writeFileSync(path.join(indexDir, 'kept'), 'x');
    await fi.rebuild();
    assert.equal(engines.length, 1);
    assert.equal(engines[0].rebuilds, 1);
    assert.equal(engines[0].closed, false);
    assert.equal(fs.existsSync(path.join(indexDir, 'kept')), true);
    assert.equal(fi.status.state, 'ready');
    await fi.dispose();
    assert.equal(engines[0].closed, true);
  });

  it('an engine reporting an unfinished full pass makes the folder incomplete (N of M); a finished pass makes it ready', async () => {
    const { fi, engines } = setup();
    await fi.index();
    engines[0].incompleteRun = { filesDone: 3, filesTotal: 10 };
    await fi.index();
    assert.equal(fi.status.state, 'incomplete');
    assert.deepEqual(fi.status.incomplete, { filesDone: 3, filesTotal: 10 });
    engines[0].incompleteRun = undefined;
    await fi.index();
    assert.equal(fi.status.state, 'ready');
    await fi.dispose();
  });

  it('a locked index opens read-only, searches at once, and takes over writing when the other window goes', async () => {
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-fi-'));
    const opened: string[] = [];
    let reader: FakeEngine | undefined;
    const fi = new FolderIndex({
      folder: '/ws',
      watch: true,
      debounceMs: 10,
      followMs: 20,
      createEngine: async (o) => {
        opened.push(o?.readOnly ? 'reader' : 'writer');
        if (!o?.readOnly) throw Object.assign(new Error('locked'), { code: 'INDEX_LOCKED' });
        reader = new FakeEngine('/ws', indexDir);
        reader.writable = false;
        reader.chunks = 5;
        return reader;
      },
    });
    await fi.index();
    assert.deepEqual(opened, ['writer', 'reader']);
    assert.equal(fi.status.state, 'ready');
    assert.equal(fi.status.readOnly, true);
    assert.equal((await fi.search('x', {})).length, 1, 'search works while another window writes');
    await new Promise((r) => setTimeout(r, 80));
    assert.ok(reader!.takeOvers >= 2, 'it keeps trying');
    assert.equal(reader!.writable, false);
    reader!.writerGone = true;
    for (let i = 0; i < 50 && (fi.status.readOnly as boolean | undefined) !== false; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fi.status.readOnly, false, 'this window writes now');
    assert.equal(reader!.chunks, 7, 'and caught up with a full pass');
    await fi.dispose();
  });

  it('forwards progress of the current engine to listeners', async () => {
    const { fi } = setup();
    const seen: ProgressEvent[] = [];
    const off = fi.onProgress((e) => seen.push(e));
    await fi.index();
    off();
    assert.equal(seen.length, 1);
  });
});

describe('FolderIndex notices', () => {
  it('reports the store fallback message of a freshly opened engine once', async () => {
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-fi-'));
    const notices: string[] = [];
    const engine = new FakeEngine('/ws', indexDir);
    const status = engine.status.bind(engine);
    engine.status = () => ({ ...status(), message: 'The index could not be read (bad header); rebuilding it.' });
    const fi = new FolderIndex({ folder: "/ws", createEngine: async () => engine, hooks: { onNotice: (t) => notices.push(t) } });
    await fi.index();
    await fi.search('x', {});
    assert.deepEqual(notices, ['The index could not be read (bad header); rebuilding it.']);
    await fi.dispose();
  });
});
