// The states an index goes through when runs do not finish: a cancelled first index is Incomplete (N of M
// files), survives a restart as such, answers searches from what it has, and the next index() finishes it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEngine, type Engine } from '../../src/core';
import { devModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

function open(root: string, extra: Partial<Parameters<typeof createEngine>[0]> = {}): Promise<Engine> {
  return createEngine({ root, modelDir: devModelDir(), threads: 1, ...extra });
}

function manyFiles(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`src/mod${i}.py`] = `def parse_record_${i}(line):\n    """Parse record ${i} from a comma separated line."""\n    return line.split(",")[${i % 7}]\n`;
  }
  return files;
}

describe('engine: an unfinished first index', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = makeTempWorkspace(manyFiles(400));
  });
  after(() => ws.cleanup());

  it('cancel → incomplete (N of M files), kept across a reopen, searchable; index() finishes it', async () => {
    const engine = await open(ws.root);
    let cancelled = false;
    engine.onProgress((e) => {
      if (!cancelled && e.phase === 'embedding' && e.chunksEmbedded >= 128) {
        cancelled = true;
        engine.cancel();
      }
    });
    const first = await engine.index();
    assert.equal(first.cancelled, true);
    const s = engine.status();
    assert.equal(s.state, 'incomplete');
    assert.ok(s.incomplete && s.incomplete.filesTotal === 400, JSON.stringify(s.incomplete));
    assert.ok(s.incomplete.filesDone > 0 && s.incomplete.filesDone < 400, `filesDone ${s.incomplete.filesDone}`);
    assert.equal(s.incomplete.filesDone, s.files);
    await engine.close();

    const reader = await open(ws.root, { readOnly: true });
    assert.equal(reader.status().state, 'incomplete', 'the state is saved with the index');
    assert.deepEqual(reader.status().incomplete, s.incomplete);
    const hits = await reader.search('parse a comma separated record', { k: 5 });
    assert.ok(hits.length > 0, 'searching works on what is there');
    await reader.close();

    const again = await open(ws.root);
    const resumed = await again.index();
    assert.equal(resumed.cancelled, undefined);
    assert.equal(resumed.reused, 0);
    assert.ok(resumed.embedded > 0 && resumed.embedded < 400 * 2, 'only what was missing is embedded');
    assert.equal(again.status().state, 'ready');
    assert.equal(again.status().incomplete, undefined);
    assert.equal(again.status().files, 400);
    await again.close();
  });
});

describe('engine: rebuild beside the index in use', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = makeTempWorkspace(manyFiles(200));
  });
  after(() => ws.cleanup());

  it('a cancelled rebuild leaves the previous index as it was; a finished one swaps in a fresh generation', async () => {
    const engine = await open(ws.root);
    await engine.index();
    const before = engine.status();
    assert.equal(before.state, 'ready');
    const hitsBefore = await engine.search('parse record 17', { k: 3 });

    let cancelled = false;
    let searchedDuring = -1;
    const stop = engine.onProgress((e) => {
      if (!cancelled && e.phase === 'embedding' && e.filesDone >= 50) {
        cancelled = true;
        // The index in use still answers while the rebuild runs.
        void engine.search('parse record 17', { k: 3 }).then((r) => (searchedDuring = r.length));
        engine.cancel();
      }
    });
    const c = await engine.rebuild();
    stop();
    assert.equal(c.cancelled, true);
    const after1 = engine.status();
    assert.equal(after1.state, 'ready', 'not "Ready, 0 chunks", not incomplete: the previous index');
    assert.equal(after1.chunks, before.chunks);
    assert.equal(after1.lastIndexedAt, before.lastIndexedAt, 'nothing was committed');
    assert.deepEqual(await engine.search('parse record 17', { k: 3 }), hitsBefore);
    assert.ok(searchedDuring > 0, 'search answered during the rebuild');

    const r = await engine.rebuild();
    assert.equal(r.cancelled, undefined);
    assert.equal(r.embedded, r.chunks, 'a rebuild embeds everything again');
    const after2 = engine.status();
    assert.equal(after2.state, 'ready');
    assert.equal(after2.chunks, before.chunks);
    assert.deepEqual(await engine.search('parse record 17', { k: 3 }), hitsBefore);
    await engine.close();

    const reopened = await open(ws.root, { readOnly: true });
    assert.equal(reopened.status().chunks, before.chunks);
    assert.ok(!(await import('node:fs')).existsSync(`${reopened.indexDir}/rebuild`), 'the staging folder is gone');
    await reopened.close();
  });
});

describe('engine: a reader beside a writer', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = makeTempWorkspace(manyFiles(60));
  });
  after(() => ws.cleanup());

  it('follows the writer’s commits, cannot take over while it lives, takes over when it has gone', async () => {
    const writer = await open(ws.root);
    await writer.index();
    const reader = await open(ws.root, { readOnly: true });
    assert.equal(reader.status().writable, false);
    assert.equal(reader.status().files, 60);
    assert.equal(await reader.takeOver(), false, 'the writer is alive');

    ws.write('src/extra.py', 'def tally_invoices(batch):\n    """Sum the invoice totals of a batch."""\n    return sum(i.total for i in batch)\n');
    await writer.update(['src/extra.py']);
    const hits = await reader.search('sum the invoice totals', { k: 3 });
    assert.equal(hits[0]?.path, 'src/extra.py', 'the reader sees the new commit at its next query');
    assert.equal(reader.status().files, 61);
    assert.equal(await reader.refresh(), false, 'nothing new since');

    await writer.close();
    assert.equal(await reader.takeOver(), true);
    assert.equal(reader.status().writable, true);
    ws.write('src/extra2.py', 'def archive_orders(orders):\n    """Move finished orders to the archive table."""\n    return [o for o in orders if o.done]\n');
    const s = await reader.update(['src/extra2.py']);
    assert.equal(s.embedded > 0, true, 'the new writer indexes');
    assert.equal(reader.status().files, 62);
    await reader.close();
  });
});
