// The query adapter through the engine: adapt() trains, tests, saves and switches it on only when it helps; a saved
// adapter is applied to queries only, only when it helps and the setting is `auto`, and only for its own model.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createEngine, type Engine } from '../../src/core';
import { adapterFile, saveAdapter, type AdaptReport } from '../../src/core/adapt';
import { seededRandom } from '../../src/core/eval';
import { devModelDir, randomArchModelDir } from '../helpers/models';
import { randomRotation } from '../helpers/synthetic';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const VERBS = ['compute', 'validate', 'format', 'parse', 'merge', 'sort', 'filter', 'encode', 'decode', 'render'];
const NOUNS = ['invoice', 'customer', 'shipment', 'coupon', 'ledger', 'payroll', 'warehouse'];

/** 70 documented functions over 7 files: enough pairs to split into train, validation and test. */
function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const noun of NOUNS) {
    files[`src/${noun}.ts`] = VERBS.map(
      (verb, i) =>
        `/**\n * ${verb[0].toUpperCase()}${verb.slice(1)}s every ${noun} record of the monthly ${['report', 'batch', 'export', 'archive', 'queue'][i % 5]} for the back office.\n */\nexport function ${verb}${noun[0].toUpperCase()}${noun.slice(1)}(items: string[]): string[] {\n  const out: string[] = [];\n  for (const item of items) out.push(item.trim() + '${verb.slice(0, 3)}${i}');\n  return out;\n}\n`,
    ).join('\n');
  }
  return files;
}

function open(root: string, extra: Partial<Parameters<typeof createEngine>[0]> = {}): Promise<Engine> {
  return createEngine({ root, modelDir: devModelDir(), threads: 1, ...extra });
}

describe('engine: adapt', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  before(async () => {
    ws = makeTempWorkspace(generatedFiles());
    engine = await open(ws.root);
    await engine.index();
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('trains on a training split, measures a held-out test split, saves, and uses it only if it helps', async () => {
    const phases = new Set<string>();
    const report = await engine.adapt({ train: { maxEpochs: 3 }, onProgress: (p) => phases.add(p.phase) });
    assert.equal(report.pairs.mined, 70);
    assert.equal(report.pairs.train + report.pairs.validation + report.pairs.test, 70);
    assert.ok(report.pairs.test >= 10 && report.pairs.validation >= 5, JSON.stringify(report.pairs));
    assert.ok(report.epochs.run >= 1 && report.history.length === report.epochs.run + 1);
    assert.equal(report.before.semantic?.pairs, report.pairs.test);
    assert.equal(report.inUse, report.helps);
    assert.equal(report.helps, report.gain.semantic >= 0.02 && report.gain.hybrid >= 0 && report.epochs.best > 0);
    for (const phase of ['reading', 'masking', 'training', 'testing', 'saving']) assert.ok(phases.has(phase), `no ${phase} progress`);
    assert.ok(fs.existsSync(adapterFile(engine.indexDir, engine.status().model!)));
    const status = engine.adapterStatus();
    assert.equal(status.saved, true);
    assert.equal(status.inUse, report.helps);
    assert.deepEqual(status.gain, report.gain);
    const evaluated = await engine.evaluate({ maxPairs: 20 });
    assert.equal(evaluated.adapter, report.helps ? 'applied' : 'none');
  });

  it('a read-only engine refuses to train (it would write)', async () => {
    const reader = await open(ws.root, { readOnly: true });
    try {
      await assert.rejects(reader.adapt(), /writable/);
    } finally {
      await reader.close();
    }
  });
});

describe('engine: a saved adapter', () => {
  let ws: TempWorkspace;
  before(async () => {
    ws = makeTempWorkspace(generatedFiles());
    const engine = await open(ws.root);
    await engine.index();
    await engine.close();
  });
  after(() => ws.cleanup());

  /** Saves a random rotation as this model's adapter, with the given verdict. */
  async function saveRotation(helps: boolean): Promise<void> {
    const reader = await open(ws.root, { readOnly: true, adapter: 'off' });
    const identity = reader.status().model!;
    const indexDir = reader.indexDir;
    await reader.close();
    const report = { helps, gain: { semantic: helps ? 0.1 : 0, hybrid: 0 }, reason: 'test', trainedAt: 1 } as AdaptReport;
    await saveAdapter(indexDir, identity, randomRotation(identity.dimensions, seededRandom(5)), report);
  }

  async function semanticTop(setting: 'auto' | 'off'): Promise<string[]> {
    const e = await open(ws.root, { readOnly: true, adapter: setting });
    try {
      return (await e.search('monthly customer records', { k: 5, mode: 'semantic' })).map((r) => `${r.path}:${r.startLine}`);
    } finally {
      await e.close();
    }
  }

  it('changes query rankings when it helps and the setting is auto; never when off or when it did not help', async () => {
    await saveRotation(true);
    const plain = await semanticTop('off');
    const adapted = await semanticTop('auto');
    assert.notDeepEqual(adapted, plain, 'a random rotation must change the semantic ranking');
    const e = await open(ws.root, { readOnly: true });
    assert.deepEqual({ saved: e.adapterStatus().saved, inUse: e.adapterStatus().inUse }, { saved: true, inUse: true });
    // Find Similar compares code with code: never adapted.
    const similar = await e.similar({ path: 'src/invoice.ts', startLine: 1, endLine: 8 }, { k: 5 });
    await e.close();
    const off = await open(ws.root, { readOnly: true, adapter: 'off' });
    assert.deepEqual(await off.similar({ path: 'src/invoice.ts', startLine: 1, endLine: 8 }, { k: 5 }), similar);
    assert.deepEqual({ saved: off.adapterStatus().saved, inUse: off.adapterStatus().inUse, setting: off.adapterStatus().setting }, { saved: true, inUse: false, setting: 'off' });
    await off.close();

    await saveRotation(false);
    assert.deepEqual(await semanticTop('auto'), plain, 'an adapter that did not help is kept off');
  });

  it('belongs to its model: another model finds no adapter', async () => {
    await saveRotation(true);
    const other = await open(ws.root, { readOnly: true, modelDir: randomArchModelDir() });
    try {
      assert.equal(other.adapterStatus().saved, false);
      assert.equal(other.adapterStatus().inUse, false);
    } finally {
      await other.close();
    }
  });
});

describe('engine: adapt with too few pairs', () => {
  it('says so, trains nothing and saves nothing', async () => {
    const ws = makeTempWorkspace({ 'a.ts': '/**\n * Parses the retry policy from the configuration text.\n */\nexport function parse(text: string) {\n  return text;\n}\n' });
    const engine = await open(ws.root);
    try {
      await engine.index();
      const report = await engine.adapt();
      assert.equal(report.epochs.run, 0);
      assert.match(report.reason, /at least 40/);
      assert.equal(report.helps, false);
      assert.equal(engine.adapterStatus().saved, false);
    } finally {
      await engine.close();
      ws.cleanup();
    }
  });
});
