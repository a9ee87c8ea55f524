// semsearch eval and adapt as an outside caller runs them: JSON on stdout, progress on stderr, usage errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_FILES } from '../helpers/fixtureProject';
import { devModelDir } from '../helpers/models';
import { runCli as cli } from '../helpers/runCli';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

describe('semsearch eval / adapt', () => {
  let ws: TempWorkspace;
  const model = ['--model', devModelDir()];
  before(() => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    const r = cli(['index', ws.root, ...model, '--quiet']);
    // Once seen failing with no exit code in a full `npm test` (not reproduced in 12 runs alone): say how it ended.
    assert.equal(r.code, 0, `index ended with code ${r.code}, signal ${r.signal}: ${r.stderr}`);
  });
  after(() => ws.cleanup());

  it('eval --json prints the report on stdout and progress on stderr', () => {
    const r = cli(['eval', ws.root, ...model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.ok(report.pairs > 0, 'the fixture has documented functions');
    assert.deepEqual(Object.keys(report.overall).sort(), ['hybrid', 'lexical', 'semantic']);
    assert.deepEqual(Object.keys(report.overall.hybrid).sort(), ['mrr10', 'ndcg10', 'pairs', 'recall1', 'recall10', 'recall5']);
    assert.equal(report.overall.hybrid.pairs, report.pairs);
    assert.match(r.stderr, /running queries/);
  });

  it('eval without --json prints a table; --pairs caps the sample', () => {
    const r = cli(['eval', ws.root, ...model, '--pairs', '2', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^2 pairs/);
    assert.match(r.stdout, /NDCG@10/);
    assert.equal(r.stderr, '');
  });

  it('adapt --json reports why nothing was trained on a small workspace', () => {
    const r = cli(['adapt', ws.root, ...model, '--json', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.epochs.run, 0);
    assert.equal(report.inUse, false);
    assert.match(report.reason, /pairs/);
  });

  it('eval and adapt without --model use the model the index was built with', () => {
    for (const command of ['eval', 'adapt']) {
      const r = cli([command, ws.root, '--json', '--quiet']);
      assert.equal(r.code, 0, `${command}: ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).model.name, 'static-minilm-dev', command);
    }
  });

  it('rejects a bad --adapter value as a usage error', () => {
    const r = cli(['query', ws.root, 'x', ...model, '--adapter', 'sometimes']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--adapter must be auto or off/);
  });
});
