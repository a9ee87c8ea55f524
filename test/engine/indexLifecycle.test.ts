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
      if (!cancelled && e.phase === 'embedding' && e.filesDone >= 100) {
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
