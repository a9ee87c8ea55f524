// A pass with nothing to chunk never loads the model: files skipped by their content (minified, here) used to be read
// again on every pass and start the embedder (worker, session, tokenizer) for nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createChunker } from '../../src/core/chunk';
import { createEmbedder, resolveModel } from '../../src/core/embed';
import { indexAll, type IndexerDeps } from '../../src/core/pipeline/indexer';
import { PauseGate } from '../../src/core/pipeline/pauseGate';
import { openIndexStore } from '../../src/core/store';
import { devModelDir } from '../helpers/models';

test('a pass whose only candidates are skipped files never loads the chunker or the model', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-lazy-'));
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-lazy-index-'));
  const embedder = await createEmbedder(await resolveModel({ explicit: devModelDir() }), { threads: 1 });
  const store = await openIndexStore({ indexDir, identity: embedder.identity, precision: 'i8', write: true });
  try {
    fs.writeFileSync(path.join(root, 'app.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    fs.writeFileSync(path.join(root, 'bundle.js'), 'var a=1,b=2;function f(){return a+b}'.repeat(60));
    let chunkerLoads = 0;
    let embedderLoads = 0;
    const deps: IndexerDeps = {
      store,
      scanOptions: { root },
      gate: new PauseGate(),
      chunker: async () => {
        chunkerLoads++;
        return createChunker({ countTokens: (t) => embedder.countTokens(t) });
      },
      embedder: async () => {
        embedderLoads++;
        return embedder;
      },
      checkPath: () => null,
      progress: () => undefined,
      warn: () => undefined,
    };
    const first = await indexAll(deps);
    assert.equal(first.files, 1);
    assert.equal(first.skipped.minified, 1);
    assert.equal(chunkerLoads, 1);
    assert.ok(embedderLoads >= 1);
    const loadsAfterFirst = embedderLoads;

    const second = await indexAll(deps);
    assert.equal(second.skipped.minified, 1, 'the minified file is still counted as skipped');
    assert.equal(second.embedded, 0);
    assert.equal(chunkerLoads, 1, 'nothing to chunk: the chunker is not asked for');
    assert.equal(embedderLoads, loadsAfterFirst, 'nothing to embed: the embedder is not asked for');

    fs.appendFileSync(path.join(root, 'app.ts'), 'export const two = add(1, 1);\n');
    await indexAll(deps);
    assert.equal(chunkerLoads, 2, 'a changed file loads the chunker');
  } finally {
    await store.close();
    await embedder.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
});
