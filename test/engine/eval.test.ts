// Workspace evaluation end to end: a pair's own doc never finds it (masking), the index is only read, the report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type Engine, type EvalProgress } from '../../src/core';
import { devModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

// Docs made of words that occur nowhere else: only the doc itself could find its function.
const NONSENSE = ['zorble flimflam quaxes gribbit', 'wumpus snorkel blivet framistan', 'crumhorn yoink spandle whizzo', 'glorp frobnitz quuxly dribble', 'snazzle fnord blarg plonk'];

function nonsenseFile(): string {
  return NONSENSE.map(
    (words, i) => `/**\n * The ${words} of the ${words.split(' ').reverse().join(' ')}.\n */\nexport function step${i}(values: number[]): number {\n  let total = ${i};\n  for (const v of values) total += v * ${i + 2};\n  return total;\n}\n`,
  ).join('\n');
}

const PYTHON = `def parse_retry_policy(config_text):
    """Parse the retry policy from the configuration text."""
    policy = {}
    for line in config_text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "retry":
            policy["retry"] = int(value)
    return policy
`;

describe('engine: evaluate', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  before(async () => {
    ws = makeTempWorkspace({ 'src/steps.ts': nonsenseFile(), 'src/policy.py': PYTHON, 'README.md': '# Demo\n\nSome text.\n' });
    engine = await createEngine({ root: ws.root, modelDir: devModelDir(), threads: 1 });
    await engine.index();
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('the unmasked index finds each function through its doc (the control)', async () => {
    for (const [i, words] of NONSENSE.entries()) {
      const [top] = await engine.search(`The ${words}`, { k: 1, mode: 'lexical' });
      assert.equal(top?.symbol, `step${i}`, `"${words}" → ${top?.symbol}`);
    }
  });

  it('a pair cannot be found through its own doc, and the index is not written', async () => {
    const current = path.join(engine.indexDir, 'current.json');
    const before = fs.readFileSync(current, 'utf8');
    const beforeFiles = fs.readdirSync(engine.indexDir).sort();
    const phases = new Set<string>();
    const report = await engine.evaluate({ onProgress: (p: EvalProgress) => phases.add(p.phase) });
    assert.equal(report.byLanguage.typescript?.lexical?.pairs, NONSENSE.length);
    assert.equal(report.byLanguage.typescript?.lexical?.recall10, 0, 'masked docs must not be found by their own words');
    // A doc that says what the code says is still found through the code's own words.
    assert.equal(report.byLanguage.python?.lexical?.recall1, 1);
    assert.equal(report.pairs, NONSENSE.length + 1);
    assert.deepEqual(report.mined, { code: NONSENSE.length + 1, docs: 0 });
    for (const phase of ['reading', 'masking', 'querying']) assert.ok(phases.has(phase), `no ${phase} progress`);
    assert.equal(fs.readFileSync(current, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(engine.indexDir).sort(), beforeFiles);
    // The search afterwards still sees the unmasked index.
    const [top] = await engine.search(`The ${NONSENSE[0]}`, { k: 1, mode: 'lexical' });
    assert.equal(top?.symbol, 'step0');
  });

  it('cancels through its AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(engine.evaluate({ signal: controller.signal }), /Cancelled/);
  });
});
