import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdaptReport, EvalReport, Metrics } from '../../src/core/index';
import { adaptReportMarkdown, bar, evalReportMarkdown } from '../../src/extension/vscodeFree/qualityReport';

const m = (ndcg10: number, pairs = 40): Metrics => ({ ndcg10, mrr10: ndcg10 - 0.05, recall1: 0.3, recall5: 0.6, recall10: 0.7, pairs });

describe('quality reports (Markdown)', () => {
  it('bars are 20 cells, proportional and clamped', () => {
    assert.equal(bar(0.5), '█'.repeat(10) + '░'.repeat(10));
    assert.equal(bar(1.7), '█'.repeat(20));
    assert.equal(bar(-1), '░'.repeat(20));
  });

  it('the eval report names the counts and has a row per mode and language', () => {
    const r: EvalReport = {
      version: 1, root: '/ws', model: { name: 'm', sha256: 'a'.repeat(64), dimensions: 384 }, chunks: 1200, mined: { code: 300, docs: 40 }, pairs: 250, seed: 42,
      overall: { hybrid: m(0.71), semantic: m(0.52), lexical: m(0.66) }, byLanguage: { python: { hybrid: m(0.8, 90) }, typescript: { hybrid: m(0.6, 160) } },
      bySet: { code: { hybrid: m(0.7, 220) } }, adapter: 'none', ms: 12_300,
    };
    const md = evalReportMarkdown(r, 'app');
    assert.match(md, /^# Search quality of app/);
    assert.match(md, /250 questions from this workspace \(of 300 documented definitions and 40 Markdown sections found\)/);
    assert.match(md, /hybrid {4}█{14}░{6} 0\.710/);
    assert.match(md, /\| python \| hybrid \| 0\.800 \| 0\.750 \| 0\.300 \| 0\.600 \| 0\.700 \| 90 \|/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| all |')).length, 3);
  });

  it('the adapt report says whether it is used and why, with before/after', () => {
    const r = {
      version: 1, model: { name: 'm', sha256: 'a'.repeat(64), dimensions: 384 }, pairs: { mined: 900, train: 585, validation: 135, test: 180 }, epochs: { run: 5, best: 3 },
      history: [], before: { semantic: m(0.4), hybrid: m(0.6) }, after: { semantic: m(0.45), hybrid: m(0.61) }, gain: { semantic: 0.05, hybrid: 0.01 }, minGain: 0.02,
      helps: true, inUse: true, reason: 'Held-out semantic NDCG@10 +0.050 ≥ +0.02 and hybrid did not fall: in use.', trainedAt: 0, trainingMs: 8_000, ms: 20_000,
    } as AdaptReport;
    const md = adaptReportMarkdown(r, 'app');
    assert.match(md, /\*\*In use\.\*\* Held-out semantic/);
    assert.match(md, /semantic \+0\.050, hybrid \+0\.010/);
    assert.match(md, /\| before \| semantic \| 0\.400/);
    assert.match(md, /\| after \| semantic \| 0\.450/);
  });
});
