// The quality benchmark's own logic (no network, no CLI): file-level metrics, the ablation verdict,
// source pins, and the committed natural query files' format.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verdict, worth } from '../../bench/quality/ablations';
import { distinctFiles, groupScores, meanScores, scoreFiles } from '../../bench/quality/fileMetrics';
import { EXCLUDED, formatProblems, loadNaturalRepos } from '../../bench/quality/natural';
import { CODE_PACKAGES, DOC_PACKAGES, PINS } from '../../bench/quality/packages';
import { sourceKey, validateSource } from '../../bench/lib/sources';
import { repoRoot } from '../helpers/models';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);

describe('bench file-level metrics', () => {
  it('folds chunks into files in first-occurrence order', () => {
    assert.deepEqual(distinctFiles([{ path: 'a' }, { path: 'b' }, { path: 'a' }, { path: 'c' }, { path: 'b' }]), ['a', 'b', 'c']);
  });

  it('scores NDCG@10 with binary relevance and the ideal over min(|relevant|, 10) files', () => {
    // One relevant file at rank 1: perfect.
    assert.deepEqual(scoreFiles(['x', 'y'], ['x']), { ndcg10: 1, recall10: 1, rr10: 1 });
    // Two relevant files, one found at rank 3: DCG = 1/log2(4) = 0.5; IDCG = 1 + 1/log2(3).
    const s = scoreFiles(['a', 'b', 'x', 'c'], ['x', 'y']);
    close(s.ndcg10, 0.5 / (1 + 1 / Math.log2(3)));
    close(s.recall10, 0.5);
    close(s.rr10, 1 / 3);
    // A relevant file past rank 10 counts for nothing.
    const files = Array.from({ length: 12 }, (_, i) => `f${i}`);
    assert.deepEqual(scoreFiles(files, ['f10']), { ndcg10: 0, recall10: 0, rr10: 0 });
    // Both relevant files at the top: perfect, whatever follows.
    close(scoreFiles(['y', 'x', 'z'], ['x', 'y']).ndcg10, 1);
  });

  it('averages per query and per group', () => {
    const m = meanScores([scoreFiles(['x'], ['x']), scoreFiles(['y'], ['x'])]);
    assert.deepEqual(m, { queries: 2, ndcg10: 0.5, recall10: 0.5, mrr10: 0.5 });
    const g = groupScores(['s', 'a', 's'], (c) => c, (c) => scoreFiles([c], ['s']));
    assert.deepEqual(Object.keys(g), ['a', 's']);
    assert.equal(g.s.ndcg10, 1);
    assert.equal(g.a.ndcg10, 0);
  });
});

describe('bench ablation verdict', () => {
  const base = { natural: { overall: 0.6, semantic: 0.6, architecture: 0.5, symbol: 0.7 }, docstring: { hybrid: 0.3, semantic: 0.25 } };
  it('worth is baseline minus ablated', () => {
    const w = worth(base, { ...base, natural: { ...base.natural, overall: 0.55 } });
    close(w['natural.overall'], 0.05);
    close(w['docstring.hybrid'], 0);
  });
  it('keeps a rule that helps overall and costs no category more than 0.01', () => {
    const off = { natural: { overall: 0.58, semantic: 0.605, architecture: 0.48, symbol: 0.7 }, docstring: { hybrid: 0.3, semantic: 0.255 } };
    assert.equal(verdict(base, off), 'keep');
  });
  it('sends a rule to review when it costs a category more than 0.01, or helps nothing', () => {
    const costly = { natural: { overall: 0.55, semantic: 0.62, architecture: 0.4, symbol: 0.7 }, docstring: { hybrid: 0.3, semantic: 0.25 } };
    assert.equal(verdict(base, costly), 'review');
    assert.equal(verdict(base, base), 'review');
    // Helps natural, hurts the docstring set more: combined worth negative.
    assert.equal(verdict(base, { natural: { ...base.natural, overall: 0.595 }, docstring: { hybrid: 0.31, semantic: 0.25 } }), 'review');
  });
});

describe('bench sources', () => {
  it('pins every corpus package exactly, with a sha512 integrity', () => {
    for (const name of new Set([...CODE_PACKAGES.map((p) => p.name), ...DOC_PACKAGES])) {
      assert.ok(PINS[name], `${name} has a pin`);
      validateSource(PINS[name]);
    }
  });
  it('rejects ranges, other hosts and malformed hashes', () => {
    const integrity = PINS.koa.integrity;
    assert.throws(() => validateSource({ type: 'npm', package: 'koa', version: '^3.0.0', integrity }), /exact version/);
    assert.throws(() => validateSource({ type: 'npm', package: 'koa', version: '3.3.0', integrity: 'sha1-abc' }), /sha512/);
    assert.throws(() => validateSource({ type: 'debian', url: 'http://example.com/pool/x_1.0.orig.tar.gz', sha256: 'a'.repeat(64) }), /deb\.debian\.org/);
    assert.throws(() => validateSource({ type: 'debian', url: 'http://deb.debian.org/debian/pool/main/x/x/x_1.0.tar.gz', sha256: 'a'.repeat(64) }), /orig/);
    assert.throws(() => validateSource({ type: 'debian', url: 'http://deb.debian.org/debian/pool/main/x/x/x_1.0.orig.tar.xz', sha256: 'xyz' }), /sha256/);
  });
  it('names cache folders after the pinned archive', () => {
    assert.equal(sourceKey({ type: 'npm', package: '@tanstack/query-core', version: '4.36.1', integrity: '' }), 'npm-tanstack+query-core-4.36.1');
    assert.equal(sourceKey({ type: 'debian', url: 'http://deb.debian.org/debian/pool/main/j/jq/jq_1.6.orig.tar.gz', sha256: '' }), 'debian-jq_1.6');
  });
  it('keeps the corpus packages out of package.json (they are fetched data)', () => {
    const pj = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = { ...pj.dependencies, ...pj.devDependencies };
    // marked stays as a tool (its lexer splits the docs corpus); minisearch is the BM25 anchor.
    const corpus = [...new Set([...CODE_PACKAGES.map((p) => p.name), ...DOC_PACKAGES])].filter((n) => n !== 'marked');
    assert.deepEqual(corpus.filter((n) => n in deps), []);
  });
});

describe('bench natural query files', () => {
  it('are well formed and name no excluded repository', () => {
    const repos = loadNaturalRepos(); // throws on a malformed file
    for (const { repo } of repos) {
      assert.equal(formatProblems(repo, `${repo.name}.json`).length, 0);
      for (const items of Object.values(EXCLUDED)) assert.ok(!items.includes(repo.name), `${repo.name} is excluded`);
    }
  });
  it('flag an excluded repository and malformed queries', () => {
    const src = { type: 'npm', package: 'lodash', version: '4.17.21', integrity: PINS.koa.integrity };
    const p = formatProblems({ name: 'lodash', language: 'javascript', note: '', source: src, queries: [{ id: 'a', category: 'other', query: 'x', relevant: ['/abs'] }] }, 'lodash.json');
    assert.ok(p.some((x) => /excluded/.test(x)));
    assert.ok(p.some((x) => /category/.test(x)));
    assert.ok(p.some((x) => /relative/.test(x)));
  });
});
