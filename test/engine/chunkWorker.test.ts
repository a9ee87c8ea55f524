// The engine chunks in a worker thread by default: the index it builds is the one chunking on the engine's own
// thread builds (same chunks, same vectors, same answers), and a worker stopped between runs starts again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEngine, type Engine, type SearchResult } from '../../src/core';
import { FIXTURE_FILES, FIXTURE_QUERIES } from '../helpers/fixtureProject';
import { devModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

function answers(results: SearchResult[]): string[] {
  return results.map((r) => `${r.path}:${r.startLine}-${r.endLine} ${r.score.toFixed(6)}`);
}

describe('engine: chunking in a worker thread', () => {
  let inWorker: TempWorkspace;
  let onThread: TempWorkspace;
  const engines: Engine[] = [];
  before(() => {
    inWorker = makeTempWorkspace(FIXTURE_FILES);
    onThread = makeTempWorkspace(FIXTURE_FILES);
  });
  after(async () => {
    for (const e of engines) await e.close();
    inWorker.cleanup();
    onThread.cleanup();
  });

  it('builds the index that chunking on the engine thread builds, and keeps doing so after a run released it', async () => {
    const a = await createEngine({ root: inWorker.root, modelDir: devModelDir(), threads: 1 });
    const b = await createEngine({ root: onThread.root, modelDir: devModelDir(), threads: 1, chunkInWorker: false });
    engines.push(a, b);
    const sa = await a.index();
    const sb = await b.index();
    assert.ok(sa.chunks > 10);
    assert.equal(sa.chunks, sb.chunks);
    assert.equal(sa.tokens, sb.tokens, 'the same word pieces embedded');
    for (const q of FIXTURE_QUERIES) {
      for (const mode of ['semantic', 'lexical', 'hybrid'] as const) {
        assert.deepEqual(answers(await a.search(q.query, { k: 10, mode })), answers(await b.search(q.query, { k: 10, mode })), `${mode}: ${q.query}`);
      }
    }
    // The run stopped its worker; an update starts another and chunks the same way.
    const file = Object.keys(FIXTURE_FILES).find((p) => p.endsWith('.ts'))!;
    const changed = FIXTURE_FILES[file] + '\nexport function addedLater(values: number[]): number {\n  return values.reduce((s, v) => s + v, 0);\n}\n';
    inWorker.write(file, changed);
    onThread.write(file, changed);
    const ua = await a.update([file]);
    const ub = await b.update([file]);
    assert.equal(ua.chunks, ub.chunks);
    assert.ok(ua.embedded > 0);
    const q = 'sum of the values in an array';
    assert.deepEqual(answers(await a.search(q, { k: 5 })), answers(await b.search(q, { k: 5 })));
  });
});
