import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  collapseOverlaps,
  contentType,
  createResultFilter,
  expandGlob,
  hybridSearch,
  normalizedScores,
  standardScores,
  queryTerms,
  highlightRanges,
  splitWords,
  DEFAULT_SEMANTIC_WEIGHT,
} from '../../src/core/search';
import type { ScoredId } from '../../src/core/store/types';

const ids = (l: ScoredId[]) => l.map((s) => s.id);
const list = (...pairs: [number, number][]): ScoredId[] => pairs.map(([id, score]) => ({ id, score }));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);

describe('collapseOverlaps', () => {
  const r = (path: string, startLine: number, endLine: number, score: number) => ({ path, startLine, endLine, score });

  it('keeps the best of nested and partly overlapping ranges, in order', () => {
    const out = collapseOverlaps([
      r('a.ts', 10, 20, 0.9),
      r('a.ts', 12, 15, 0.8), // nested in the first
      r('a.ts', 1, 30, 0.7), // contains the first
      r('a.ts', 18, 25, 0.6), // overlaps the first
      r('a.ts', 20, 20, 0.5), // shares line 20 (inclusive)
    ]);
    assert.deepEqual(out, [r('a.ts', 10, 20, 0.9)]);
  });

  it('keeps adjacent ranges and other files', () => {
    const input = [r('a.ts', 10, 20, 0.9), r('a.ts', 21, 30, 0.8), r('b.ts', 10, 20, 0.7), r('a.ts', 1, 9, 0.6)];
    assert.deepEqual(collapseOverlaps(input), input);
  });

  it('a dropped item does not block later ones', () => {
    const out = collapseOverlaps([r('a.ts', 10, 20, 0.9), r('a.ts', 15, 40, 0.8), r('a.ts', 30, 40, 0.7)]);
    assert.deepEqual(out, [r('a.ts', 10, 20, 0.9), r('a.ts', 30, 40, 0.7)]);
  });

  it('keeps extra fields and handles empty input', () => {
    const out = collapseOverlaps([{ ...r('x.py', 1, 2, 1), symbol: 'f' }]);
    assert.equal(out[0].symbol, 'f');
    assert.deepEqual(collapseOverlaps([]), []);
  });
});

describe('createResultFilter', () => {
  const c = (path: string, language = 'typescript') => ({ path, language });

  it('returns undefined when nothing restricts', () => {
    assert.equal(createResultFilter({}), undefined);
    assert.equal(createResultFilter({ include: [], exclude: [], languages: [] }), undefined);
  });

  it('include: src/** and bare *.ts at any depth', () => {
    const f = createResultFilter({ include: ['src/**'] })!;
    assert.ok(f(c('src/a.ts')));
    assert.ok(f(c('src/core/deep/b.py')));
    assert.ok(!f(c('test/src/a.ts')));
    assert.ok(!f(c('srcx/a.ts')));
    const g = createResultFilter({ include: ['*.ts'] })!;
    assert.ok(g(c('a.ts')));
    assert.ok(g(c('src/core/a.ts')));
    assert.ok(!g(c('src/core/a.tsx')));
    assert.ok(!g(c('a.py')));
  });

  it('folder names and rooted patterns', () => {
    const f = createResultFilter({ exclude: ['test'] })!;
    assert.ok(!f(c('test/a.ts')));
    assert.ok(!f(c('pkg/test/a.ts')));
    assert.ok(f(c('src/testing.ts')));
    const g = createResultFilter({ include: ['src/core'] })!;
    assert.ok(g(c('src/core/x/y.ts')));
    assert.ok(!g(c('src/corex/y.ts')));
    const h = createResultFilter({ include: ['/a.ts'] })!;
    assert.ok(h(c('a.ts')));
    assert.ok(!h(c('src/a.ts')));
    const i = createResultFilter({ include: ['./docs/'] })!;
    assert.ok(i(c('docs/x.md')));
    assert.ok(!i(c('src/docs/x.md')));
  });

  it('exclude wins over include; dot folders match **', () => {
    const f = createResultFilter({ include: ['src/**'], exclude: ['**/*.test.ts'] })!;
    assert.ok(f(c('src/a.ts')));
    assert.ok(!f(c('src/a.test.ts')));
    assert.ok(!f(c('lib/a.ts')));
    assert.ok(createResultFilter({ include: ['**/*.yml'] })!(c('.github/workflows/ci.yml')));
  });

  it('brace and multiple globs; backslash paths are normalized', () => {
    const f = createResultFilter({ include: ['*.{ts,js}', 'docs/**'] })!;
    assert.ok(f(c('a/b.js')));
    assert.ok(f(c('docs/readme.md')));
    assert.ok(!f(c('a/b.md')));
    assert.ok(f(c('src\\core\\a.ts')));
  });

  it('languages, case-insensitive, combined with globs', () => {
    const f = createResultFilter({ languages: ['Python', 'markdown'] })!;
    assert.ok(f(c('a.py', 'python')));
    assert.ok(f(c('README.md', 'markdown')));
    assert.ok(!f(c('a.ts', 'typescript')));
    const g = createResultFilter({ languages: ['python'], exclude: ['tests/**'] })!;
    assert.ok(g(c('src/a.py', 'python')));
    assert.ok(!g(c('tests/a.py', 'python')));
  });

  it('content types: tests (and fixtures), docs (prose), code; several at once; all three is no filter', () => {
    assert.equal(contentType('src/core/engine.ts', 'typescript'), 'code');
    assert.equal(contentType('test/unit/search.test.ts', 'typescript'), 'tests');
    assert.equal(contentType('pkg/foo_test.go', 'go'), 'tests');
    assert.equal(contentType('tests/fixtures/sample.md', 'markdown'), 'tests');
    assert.equal(contentType('README.md', 'markdown'), 'docs');
    assert.equal(contentType('docs/guide.rst', 'restructuredtext'), 'docs');
    assert.equal(contentType('LICENSE', 'text'), 'docs');
    assert.equal(contentType('examples/demo.py', 'python'), 'code');
    const code = createResultFilter({ contentTypes: ['code'] })!;
    assert.ok(code(c('src/a.ts')));
    assert.ok(!code(c('src/a.test.ts')));
    assert.ok(!code(c('README.md', 'markdown')));
    const docsOrTests = createResultFilter({ contentTypes: ['docs', 'tests'] })!;
    assert.ok(docsOrTests(c('README.md', 'markdown')));
    assert.ok(docsOrTests(c('test/a.ts')));
    assert.ok(!docsOrTests(c('src/a.ts')));
    assert.equal(createResultFilter({ contentTypes: ['code', 'docs', 'tests'] }), undefined);
    assert.equal(createResultFilter({ contentTypes: [] }), undefined);
    const withGlob = createResultFilter({ contentTypes: ['tests'], exclude: ['e2e'] })!;
    assert.ok(withGlob(c('test/unit/a.test.ts')));
    assert.ok(!withGlob(c('test/e2e/a.spec.ts')));
  });

  it('expandGlob spells out the rules', () => {
    assert.deepEqual(expandGlob('*.ts'), ['**/*.ts', '**/*.ts/**']);
    assert.deepEqual(expandGlob('src/**'), ['src/**']);
    assert.deepEqual(expandGlob('src/'), ['**/src', '**/src/**']); // like .gitignore
    assert.deepEqual(expandGlob('/src/'), ['src', 'src/**']);
    assert.deepEqual(expandGlob('  '), []);
  });
});

describe('hybridSearch', () => {
  const sem = list([1, 0.9], [2, 0.8], [3, 0.7], [4, 0.6]);
  const lex = list([5, 20], [3, 15], [6, 2], [1, 1]);

  it('semantic and lexical modes return that list alone, top k, by score', () => {
    assert.deepEqual(ids(hybridSearch({ semantic: sem, lexical: lex, mode: 'semantic', k: 3 })), [1, 2, 3]);
    assert.deepEqual(ids(hybridSearch({ semantic: sem, lexical: lex, mode: 'lexical', k: 2 })), [5, 3]);
    // unsorted input is sorted; equal scores keep input order
    const unsorted = list([8, 0.1], [9, 0.5], [7, 0.5]);
    assert.deepEqual(ids(hybridSearch({ semantic: unsorted, lexical: [], mode: 'semantic', k: 5 })), [9, 7, 8]);
    assert.deepEqual(hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 0 }), []);
  });

  it('hybrid with one empty list returns the other', () => {
    assert.deepEqual(hybridSearch({ semantic: sem, lexical: [], mode: 'hybrid', k: 10 }), sem);
    assert.deepEqual(hybridSearch({ semantic: [], lexical: lex, mode: 'hybrid', k: 2 }), lex.slice(0, 2));
  });

  it('computes the z-score fusion exactly', () => {
    const out = hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 10, semanticWeight: 0.5 });
    const zs = standardScores(sem);
    const zl = standardScores(lex);
    // sem: 1, 2, 3, 4 at 0.9 … 0.6; lex: 5, 3, 6, 1 at 20, 15, 2, 1; a list that lacks a document adds 0.
    const expected = new Map<number, number>([
      [1, 0.5 * zs[0] + 0.5 * zl[3]],
      [2, 0.5 * zs[1]],
      [3, 0.5 * zs[2] + 0.5 * zl[1]],
      [4, 0.5 * zs[3]],
      [5, 0.5 * zl[0]],
      [6, 0.5 * zl[2]],
    ]);
    for (const s of out) close(s.score, expected.get(s.id)!);
    // 1 is the semantic list's clear top; 3 is fairly high in both lists; 5 is the lexical list's clear hit
    assert.deepEqual(ids(out).slice(0, 3), [1, 3, 5]);
    assert.equal(DEFAULT_SEMANTIC_WEIGHT, 0.4);
  });

  it('standardScores: the worst of a list is 0, steps are in standard deviations, a list without spread is 1', () => {
    const z = standardScores(list([1, 3], [2, 1], [3, 2]));
    close(z[1], 0);
    close(z[0], 2 / Math.sqrt(2 / 3));
    assert.deepEqual(standardScores(list([1, 4], [2, 4])), [1, 1]);
    assert.deepEqual(standardScores(list([1, 4])), [1]);
    assert.deepEqual(standardScores([]), []);
  });

  it('semanticWeight 1 / 0 reduce to one list first; weights are clamped', () => {
    const s1 = hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 10, semanticWeight: 1 });
    assert.deepEqual(ids(s1).slice(0, 4), [1, 2, 3, 4]);
    const s0 = hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 10, semanticWeight: 0 });
    assert.deepEqual(ids(s0).slice(0, 4), [5, 3, 6, 1]);
    assert.deepEqual(hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 10, semanticWeight: 7 }), s1);
    assert.throws(() => hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 3, semanticWeight: NaN }), RangeError);
  });

  it('a document both lists agree on beats the top of either alone', () => {
    const s = list([1, 0.80], [9, 0.79], [2, 0.78], [3, 0.5]);
    const l = list([4, 10], [9, 9.8], [5, 9.7], [6, 1]);
    assert.equal(hybridSearch({ semantic: s, lexical: l, mode: 'hybrid', k: 1 })[0].id, 9);
  });

  it('a flat lexical tail does not displace a clear semantic hit; a clear lexical hit rises', () => {
    const semantic = list([1, 0.9], [2, 0.5], [3, 0.49], [4, 0.48], [7, 0.2]);
    // BM25: 7 is the clear hit (a rare identifier), the rest barely match
    const lexical = list([7, 30], [2, 3.1], [3, 3.05], [4, 3]);
    const out = ids(hybridSearch({ semantic, lexical, mode: 'hybrid', k: 3 }));
    assert.deepEqual(out.slice(0, 2).sort(), [1, 7]);
    // 2, 3, 4 got almost nothing from the flat lexical scores: their semantic order stays
    assert.deepEqual(ids(hybridSearch({ semantic, lexical, mode: 'hybrid', k: 5 })).slice(2), [2, 3, 4]);
  });

  it('is invariant to shifting and scaling a list’s scores', () => {
    const a = hybridSearch({ semantic: sem, lexical: lex, mode: 'hybrid', k: 10 });
    const b = hybridSearch({
      semantic: sem.map((s) => ({ id: s.id, score: s.score * 3 - 1 })),
      lexical: lex.map((s) => ({ id: s.id, score: s.score / 7 + 100 })),
      mode: 'hybrid',
      k: 10,
    });
    assert.deepEqual(ids(a), ids(b));
    for (let i = 0; i < a.length; i++) close(a[i].score, b[i].score);
  });

  it('normalizedScores: min-max, flat lists get 1', () => {
    assert.deepEqual(normalizedScores(list([1, 4], [2, 3], [3, 2])), [1, 0.5, 0]);
    assert.deepEqual(normalizedScores(list([1, 4], [2, 4])), [1, 1]);
    assert.deepEqual(normalizedScores([]), []);
  });

  it('on simulated queries beats both single lists and plain reciprocal-rank fusion (seeded)', () => {
    const rrf = (a: ScoredId[], b: ScoredId[]): ScoredId[] => {
      const score = new Map<number, number>();
      for (const l of [a, b]) l.forEach((s, r) => score.set(s.id, (score.get(s.id) ?? 0) + 1 / (60 + r + 1)));
      return [...score].map(([id, sc]) => ({ id, score: sc })).sort((x, y) => y.score - x.score);
    };
    // One relevant document per query (docstring → code). The semantic ranker is good; BM25
    // mostly returns a flat list of documents sharing common words, sometimes a clear hit.
    let seed = 12345;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const ndcg = (l: ScoredId[]) => {
      const i = l.findIndex((s) => s.id === 0);
      return i >= 0 && i < 10 ? 1 / Math.log2(i + 2) : 0;
    };
    const totals = { sem: 0, lex: 0, rrf: 0, hybrid: 0 };
    for (let q = 0; q < 120; q++) {
      const peaked = rand() < 0.25;
      const s: ScoredId[] = [];
      const l: ScoredId[] = [];
      for (let d = 0; d < 600; d++) {
        s.push({ id: d, score: 0.3 + 0.08 * gauss() + (d === 0 ? 0.3 : 0) });
        if (d === 0 ? rand() < 0.9 : rand() < (peaked ? 0.01 : 0.3))
          l.push({ id: d, score: Math.max(0.1, 5 + 2 * gauss() + (d === 0 ? 2 + (peaked ? 10 : 0) : 0)) });
      }
      s.sort((a, b) => b.score - a.score);
      l.sort((a, b) => b.score - a.score);
      const S = s.slice(0, 50);
      const L = l.slice(0, 50);
      totals.sem += ndcg(S);
      totals.lex += ndcg(L);
      totals.rrf += ndcg(rrf(S, L));
      // An even weight: in this simulated world the semantic ranker is the strong one (as a real model's should be).
      totals.hybrid += ndcg(hybridSearch({ semantic: S, lexical: L, mode: 'hybrid', k: 10, semanticWeight: 0.5 }));
    }
    assert.ok(totals.hybrid >= totals.sem, JSON.stringify(totals));
    assert.ok(totals.hybrid >= totals.lex, JSON.stringify(totals));
    assert.ok(totals.hybrid >= totals.rrf, JSON.stringify(totals));
  });
});

describe('query terms and highlighting', () => {
  it('splits identifiers', () => {
    assert.deepEqual(splitWords('readFileSync parseHTTPHeader MAX_SIZE utf8Decode'), [
      'read', 'file', 'sync', 'parse', 'http', 'header', 'max', 'size', 'utf', '8', 'decode',
    ]);
  });

  it('queryTerms drops stop words and duplicates', () => {
    assert.deepEqual(queryTerms('Return the file size of readFile'), ['file', 'size', 'read']);
    assert.deepEqual(queryTerms(''), []);
  });

  it('highlightRanges finds terms at word and identifier-part starts', () => {
    const text = 'function readFileSync(profile) { return file; }';
    const ranges = highlightRanges(text, ['file', 'read']);
    assert.deepEqual(
      ranges.map(([a, b]) => text.slice(a, b)),
      ['readFile', 'file'],
    );
    assert.deepEqual(highlightRanges('abc', []), []);
  });
});
