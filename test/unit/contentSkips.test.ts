// Files skipped for their content are remembered by size and mtime: the next pass (in this process or a later one)
// skips them without reading, and reads them again once their stat moves.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createChunker } from '../../src/core/chunk';
import { createEmbedder, resolveModel } from '../../src/core/embed';
import type { Embedder } from '../../src/core/embed/types';
import { indexAll, type IndexerDeps } from '../../src/core/pipeline/indexer';
import { PauseGate } from '../../src/core/pipeline/pauseGate';
import { openIndexStore } from '../../src/core/store';
import { ContentSkips, MAX_CONTENT_SKIPS } from '../../src/core/store/contentSkips';
import type { IndexStore } from '../../src/core/store/types';
import { devModelDir } from '../helpers/models';

function deps(root: string, store: IndexStore, embedder: Embedder): IndexerDeps {
  return {
    store,
    scanOptions: { root },
    gate: new PauseGate(),
    chunker: async () => createChunker({ countTokens: (t) => embedder.countTokens(t) }),
    embedder: async () => embedder,
    checkPath: () => null,
    progress: () => undefined,
    warn: () => undefined,
  };
}

test('a minified file is not read again until its size or mtime changes, across store reopens', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-skips-'));
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-skips-index-'));
  const embedder = await createEmbedder(await resolveModel({ explicit: devModelDir() }), { threads: 1 });
  const open = () => openIndexStore({ indexDir, identity: embedder.identity, precision: 'i8', write: true });
  let store = await open();
  try {
    fs.writeFileSync(path.join(root, 'app.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    const bundle = path.join(root, 'bundle.js');
    const minified = 'var a=1,b=2;function f(){return a+b}'.repeat(60);
    fs.writeFileSync(bundle, minified);
    // A whole second, so that setting it back below restores the exact mtime (a Date has no sub-millisecond part).
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    fs.utimesSync(bundle, mtime, mtime);
    const first = await indexAll(deps(root, store, embedder));
    assert.equal(first.files, 1);
    assert.equal(first.skipped.minified, 1);
    await store.close();

    // Same size, same mtime, other bytes: trusted like a manifest file, so not read (still skipped, not indexed).
    const readable = ('export const x = 1;\n' + '// '.padEnd(40, 'z') + '\n').repeat(100).slice(0, minified.length - 1) + '\n';
    assert.equal(Buffer.byteLength(readable), Buffer.byteLength(minified));
    fs.writeFileSync(bundle, readable);
    fs.utimesSync(bundle, mtime, mtime);
    store = await open();
    const second = await indexAll(deps(root, store, embedder));
    assert.equal(second.skipped.minified, 1, 'counted as skipped again');
    assert.equal(second.files, 1, 'the remembered skip was trusted: the file was not read');

    // Its mtime moves: read again, now indexed, and forgotten as a skip.
    const later = new Date(mtime.getTime() + 5_000);
    fs.utimesSync(bundle, later, later);
    const third = await indexAll(deps(root, store, embedder));
    assert.equal(third.files, 2, 'read again once its stat changed');
    assert.equal(third.skipped.minified ?? 0, 0);
    assert.equal(store.contentSkip?.('bundle.js', fs.statSync(bundle).size, fs.statSync(bundle).mtimeMs), undefined);
  } finally {
    await store.close();
    await embedder.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
});

test('only content reasons are remembered, deleted files are forgotten and a bad record is dropped', () => {
  const skips = new ContentSkips();
  skips.set('a.js', 10, 1, 'minified');
  skips.set('b.bin', 20, 2, 'binary');
  skips.set('key.pem', 30, 3, 'secret');
  skips.set('big.txt', 40, 4, 'too-large');
  assert.equal(skips.get('a.js', 10, 1), 'minified');
  assert.equal(skips.get('a.js', 10, 2), undefined, 'another mtime: read it');
  assert.equal(skips.get('a.js', 11, 1), undefined, 'another size: read it');
  assert.equal(skips.get('key.pem', 30, 3), undefined, 'secrets depend on the allow-list');
  assert.equal(skips.get('big.txt', 40, 4), undefined, 'too-large depends on the size limit');
  skips.set('a.js', 10, 1, null);
  assert.equal(skips.get('a.js', 10, 1), undefined, 'indexed now: forgotten');
  skips.set('c.js', 5, 5, 'empty');
  skips.retain(new Set(['c.js']));
  assert.deepEqual(skips.toRecord(), [['c.js', 5, 5, 'empty']]);

  const back = ContentSkips.fromRecord([...skips.toRecord(), ['x', 'nan', 1, 'binary'], ['y', 1, 1, 'secret'], 'junk', null]);
  assert.deepEqual(back.toRecord(), [['c.js', 5, 5, 'empty']]);
  assert.equal(ContentSkips.fromRecord({ not: 'an array' }).size, 0);

  const full = new ContentSkips();
  for (let i = 0; i < MAX_CONTENT_SKIPS + 10; i++) full.set(`f${i}.js`, 1, 1, 'minified');
  assert.equal(full.size, MAX_CONTENT_SKIPS, 'capped: the rest are read each pass');
});
