import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdaptReport, EvalReport, Metrics } from '../../src/core/index';
import { qualityMarkdown, textBar } from '../../src/extension/vscodeFree/qualityMarkdown';
import { adaptQualityView, evalQualityView } from '../../src/extension/vscodeFree/qualityView';
import { validateWebviewMessage } from '../../src/extension/vscodeFree/validateWebviewMessage';

const m = (ndcg10: number, pairs = 40): Metrics => ({ ndcg10, mrr10: ndcg10 - 0.05, recall1: 0.3, recall5: 0.6, recall10: 0.7, pairs });

const evalReport: EvalReport = {
  version: 1, root: '/ws/app', model: { name: 'm', sha256: 'a'.repeat(64), dimensions: 384 }, chunks: 1200, mined: { code: 300, docs: 40 }, pairs: 250, seed: 42,
  overall: { hybrid: m(0.71, 250), semantic: m(0.52, 250), lexical: m(0.66, 250) },
  byLanguage: { typescript: { hybrid: m(0.6, 160), lexical: m(0.5, 160) }, python: { hybrid: m(0.8, 90), semantic: m(0.55, 90) } },
  bySet: { code: { hybrid: m(0.7, 220) }, docs: { hybrid: m(0.75, 30) } }, adapter: 'none', ms: 12_300,
};

const adaptReport = (over: Partial<AdaptReport> = {}): AdaptReport => ({
  version: 1, model: { name: 'm', sha256: 'a'.repeat(64), dimensions: 384 }, pairs: { mined: 900, train: 585, validation: 135, test: 180 }, epochs: { run: 5, best: 3 },
  history: [], before: { semantic: m(0.4), hybrid: m(0.6) }, after: { semantic: m(0.45), hybrid: m(0.61) }, gain: { semantic: 0.05, hybrid: 0.01 }, minGain: 0.02,
  helps: true, inUse: true, reason: 'The adapter helps (held-out NDCG@10 +0.050 semantic, +0.010 hybrid).', trainedAt: 0, trainingMs: 8_000, ms: 20_000, ...over,
});

describe('quality report model (the Quality tab)', () => {
  it('eval: a chart group per set and language with one NDCG@10 per mode, missing modes as null', () => {
    const v = evalQualityView(evalReport, '/ws/app', 'app');
    assert.equal(v.kind, 'eval');
    assert.equal(v.title, 'Search quality of app');
    assert.deepEqual(v.chart.series, ['hybrid', 'semantic', 'lexical']);
    assert.deepEqual(v.chart.groups.map((g) => g.label), ['all', 'code', 'docs', 'python', 'typescript']);
    assert.deepEqual(v.chart.groups[0].values, [0.71, 0.52, 0.66]);
    assert.deepEqual(v.chart.groups[3].values, [0.8, 0.55, null], 'python has no lexical row');
    assert.match(v.summary[0], /^250 questions from this workspace \(of 300 documented definitions and 40 Markdown sections found\)/);
    assert.match(v.summary[1], /1200 chunks, model m; measured in 12\.3 s/);
  });

  it('eval: tables hold every mode of every group with its question count', () => {
    const [overall, languages] = evalQualityView(evalReport, '/ws/app', 'app').tables;
    assert.deepEqual(overall.rows.map((r) => `${r.group}/${r.mode}/${r.pairs}`), ['all/hybrid/250', 'all/semantic/250', 'all/lexical/250', 'code/hybrid/220', 'docs/hybrid/30']);
    assert.deepEqual(languages.rows.map((r) => `${r.group}/${r.mode}`), ['python/hybrid', 'python/semantic', 'typescript/hybrid', 'typescript/lexical']);
    assert.equal(languages.rows[0].ndcg10, 0.8);
    assert.equal(languages.groupLabel, 'Language');
  });

  it('eval with no questions says so instead of drawing zeros', () => {
    const none = { ...evalReport, pairs: 0, mined: { code: 0, docs: 0 }, overall: { hybrid: m(0, 0) }, byLanguage: {}, bySet: {} };
    const v = evalQualityView(none, '/ws/app', 'app');
    assert.match(v.summary[0], /^No questions could be taken from this workspace/);
    assert.equal(v.chart.groups.length, 0);
    assert.equal(v.tables.length, 0);
    assert.doesNotMatch(qualityMarkdown(v), /0\.000|NDCG@10:/);
  });

  it('eval: counts of one are singular', () => {
    const v = evalQualityView({ ...evalReport, pairs: 1, mined: { code: 1, docs: 1 } }, '/ws/app', 'app');
    assert.match(v.summary[0], /^1 question from this workspace \(of 1 documented definition and 1 Markdown section found\)/);
  });

  it('eval: a workspace with one set does not repeat it as a chart group', () => {
    const v = evalQualityView({ ...evalReport, bySet: { code: evalReport.overall } }, '/ws/app', 'app');
    assert.deepEqual(v.chart.groups.map((g) => g.label), ['all', 'python', 'typescript']);
  });

  it('adapt: the verdict, before/after bars per mode and the held-out gain', () => {
    const v = adaptQualityView(adaptReport(), '/ws/app', 'app');
    assert.deepEqual(v.verdict, { inUse: true, reason: 'The adapter helps (held-out NDCG@10 +0.050 semantic, +0.010 hybrid).' });
    assert.deepEqual(v.chart.series, ['before', 'after']);
    assert.deepEqual(v.chart.groups, [{ label: 'hybrid', values: [0.6, 0.61] }, { label: 'semantic', values: [0.4, 0.45] }]);
    assert.match(v.summary[1], /semantic \+0\.050, hybrid \+0\.010 NDCG@10/);
    assert.deepEqual(v.tables[0].rows.map((r) => `${r.group}/${r.mode}`), ['before/hybrid', 'before/semantic', 'after/hybrid', 'after/semantic']);
  });

  it('adapt with too few pairs: no chart, no table, the reason as the verdict', () => {
    const v = adaptQualityView(adaptReport({ epochs: { run: 0, best: 0 }, before: {}, after: {}, helps: false, inUse: false, reason: 'Only 7 usable pairs.' }), '/ws/app', 'app');
    assert.deepEqual(v.verdict, { inUse: false, reason: 'Only 7 usable pairs.' });
    assert.equal(v.chart.groups.length, 0);
    assert.equal(v.tables.length, 0);
    assert.equal(qualityMarkdown(v), '# Query adapter for app\n\n**Not used.** Only 7 usable pairs.\n\n');
  });
});

describe('quality report as Markdown (Open as Markdown)', () => {
  it('text bars are 20 cells, proportional and clamped', () => {
    assert.equal(textBar(0.5), '█'.repeat(10) + '░'.repeat(10));
    assert.equal(textBar(1.7), '█'.repeat(20));
    assert.equal(textBar(-1), '░'.repeat(20));
    assert.equal(textBar(null), '░'.repeat(20));
  });

  it('writes the same numbers as the panel: bars and a table row per group and mode', () => {
    const md = qualityMarkdown(evalQualityView(evalReport, '/ws/app', 'app'));
    assert.match(md, /^# Search quality of app\n/);
    assert.match(md, /all +hybrid +█{14}░{6} 0\.710/);
    assert.match(md, /\npython +hybrid +█{16}░{4} 0\.800\n +semantic +█{11}░{9} 0\.550\ntypescript/, 'unmeasured modes get no bar');
    assert.match(md, /\| python \| hybrid \| 0\.800 \| 0\.750 \| 0\.300 \| 0\.600 \| 0\.700 \| 90 \|/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| all |')).length, 3);
  });

  it('a | in a group name does not split the row', () => {
    const md = qualityMarkdown(evalQualityView({ ...evalReport, byLanguage: { 'a|b': { hybrid: m(0.5) } } }, '/ws', 'ws'));
    assert.match(md, /\| a\\\|b \| hybrid \| 0\.500 \|/);
  });
});

describe('the Quality tab\'s messages', () => {
  it('accepts the three commands and nothing else', () => {
    for (const command of ['measure', 'adapt', 'openMarkdown']) assert.equal(validateWebviewMessage({ type: 'qualityCommand', command }, ['/ws']).ok, true, command);
    assert.equal(validateWebviewMessage({ type: 'qualityCommand', command: 'rm -rf' }, ['/ws']).ok, false);
    assert.equal(validateWebviewMessage({ type: 'qualityCommand', command: 'measure', folder: '/etc' }, ['/ws']).ok, false);
    assert.equal(validateWebviewMessage({ type: 'tabChanged', tab: 'quality' }, ['/ws']).ok, true);
  });
});
