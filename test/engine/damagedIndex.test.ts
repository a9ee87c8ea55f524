// A damaged index as the CLI user meets it: stats and query say "damaged" and which file, index rebuilds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readCurrentRecord } from '../../src/core/store';
import { FIXTURE_FILES } from '../helpers/fixtureProject';
import { devModelDir } from '../helpers/models';
import { runCli } from '../helpers/runCli';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

describe('CLI: a damaged index', () => {
  let ws: TempWorkspace;
  const model = ['--model', devModelDir()];
  before(() => {
    ws = makeTempWorkspace(FIXTURE_FILES);
  });
  after(() => ws.cleanup());

  it('same-size damage → stats --json state "damaged" with the problem, query refuses, index rebuilds', () => {
    assert.equal(runCli(['index', ws.root, ...model, '--json']).code, 0);
    const indexDir = path.join(ws.root, '.semsearch');
    const vectors = path.join(indexDir, readCurrentRecord(indexDir)!.files.vectors.name);
    const buf = fs.readFileSync(vectors);
    for (let i = buf.length >> 1; i < Math.min(buf.length, (buf.length >> 1) + 64); i++) buf[i] ^= 0x5a;
    fs.writeFileSync(vectors, buf);

    const stats = runCli(['stats', ws.root, ...model, '--json']);
    assert.equal(stats.code, 0, stats.stderr);
    const s = JSON.parse(stats.stdout);
    assert.equal(s.state, 'damaged');
    assert.match(s.problem, /vectors\.\d+\.usearch: its checksum does not match/);

    const query = runCli(['query', ws.root, 'password', ...model, '--json']);
    assert.notEqual(query.code, 0);
    assert.match(query.stderr, /damaged.*Run `semsearch index/);

    const rebuilt = runCli(['index', ws.root, ...model, '--json']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.match(rebuilt.stderr, /damaged/, 'the rebuild says why it embeds everything again');
    const out = JSON.parse(rebuilt.stdout);
    assert.equal(out.embedded, out.chunks);
    assert.equal(JSON.parse(runCli(['stats', ws.root, ...model, '--json']).stdout).state, 'ready');
  });
});
