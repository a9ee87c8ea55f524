import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PanelResult } from '../../src/shared/messages';
import { NO_FILTERS } from '../../src/shared/messages';
import { filterOptions, sanitizeViewState, splitGlobs, validateViewMessage } from '../../src/extension/vscodeFree/validateViewMessage';
import { viewHtml } from '../../src/extension/vscodeFree/viewHtml';
import { groupByFile } from '../../src/webview/view/groupByFile';
import { leadToMatch } from '../../src/webview/leadToMatch';

const ROOT = path.resolve('/ws/project');
const roots = [ROOT];
const inRoot = path.join(ROOT, 'src', 'a.ts');
const search = (patch: Record<string, unknown> = {}) => ({ type: 'viewSearch', seq: 1, query: 'retry', mode: 'hybrid', filters: { ...NO_FILTERS }, filtersOpen: false, ...patch });

describe('Semantic Search view messages', () => {
  it('accepts every known message with valid fields', () => {
    const good: unknown[] = [
      { type: 'ready' },
      search(),
      search({ query: '', mode: 'lexical', filtersOpen: true }),
      search({ filters: { contentTypes: ['docs', 'tests'], language: 'python', include: 'src/**, *.py', exclude: 'tests' } }),
      { type: 'open', file: inRoot, startLine: 1, endLine: 3 },
      { type: 'findSimilar', seq: 7, file: inRoot, startLine: 4, endLine: 9, name: 'Retry.run' },
    ];
    for (const m of good) assert.deepEqual(validateViewMessage(m, roots), { ok: true, message: m }, JSON.stringify(m));
  });

  it('rejects unknown types, extra fields, bad modes, content types, languages, sequence numbers and oversized globs', () => {
    const bad: unknown[] = [
      null,
      { type: 'search', query: 'x', mode: 'hybrid' }, // the panel's message, not the view's
      search({ extra: 1 }),
      search({ mode: 'fuzzy' }),
      search({ seq: -1 }),
      search({ seq: 1.5 }),
      search({ filtersOpen: 'yes' }),
      search({ query: 'x'.repeat(1001) }),
      search({ filters: { ...NO_FILTERS, contentTypes: ['slides'] } }),
      search({ filters: { ...NO_FILTERS, contentTypes: ['code', 'code', 'code', 'code'] } }),
      search({ filters: { ...NO_FILTERS, language: 'cobol' } }),
      search({ filters: { ...NO_FILTERS, include: 'x'.repeat(1001) } }),
      search({ filters: { ...NO_FILTERS, exclude: 42 } }),
      search({ filters: { ...NO_FILTERS, script: 'x' } }),
      search({ filters: 'none' }),
      { type: 'findSimilar', seq: 1, file: inRoot, startLine: 1, endLine: 2 }, // no name
      { type: 'findSimilar', seq: 1, file: path.resolve('/etc/passwd'), startLine: 1, endLine: 2, name: 'x' },
      { type: 'open', file: inRoot, startLine: 5, endLine: 2 },
    ];
    for (const m of bad) {
      const r = validateViewMessage(m, roots);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.ok(r.reason.length > 0);
    }
  });

  it('turns filters into engine options: globs split on commas and lines, nothing for an empty filter', () => {
    assert.deepEqual(splitGlobs(' src/** ,*.ts\n\n docs '), ['src/**', '*.ts', 'docs']);
    assert.deepEqual(filterOptions(NO_FILTERS), {});
    assert.deepEqual(filterOptions({ contentTypes: ['tests'], language: 'go', include: 'cmd/**', exclude: 'vendor, *_gen.go' }), {
      include: ['cmd/**'],
      exclude: ['vendor', '*_gen.go'],
      languages: ['go'],
      contentTypes: ['tests'],
    });
  });

  it('reads the stored state back defensively', () => {
    assert.deepEqual(sanitizeViewState(undefined, roots), { query: '', mode: 'hybrid', filters: NO_FILTERS, filtersOpen: false });
    const stored = {
      query: 'retry',
      mode: 'semantic',
      filters: { contentTypes: ['code'], language: 'python', include: 'src', exclude: '' },
      filtersOpen: true,
      similar: { file: inRoot, path: 'src/a.ts', startLine: 3, endLine: 8, name: 'f' },
    };
    assert.deepEqual(sanitizeViewState(stored, roots), stored);
    const tampered = sanitizeViewState({ ...stored, mode: 'x', filters: { contentTypes: ['x'] }, similar: { ...stored.similar, file: '/etc/passwd' } }, roots);
    assert.equal(tampered.mode, 'hybrid');
    assert.deepEqual(tampered.filters, NO_FILTERS);
    assert.equal(tampered.similar, undefined);
  });
});

describe('Semantic Search view HTML', () => {
  const html = viewHtml({
    cspSource: 'vscode-resource:',
    scriptUri: 'vscode-resource:/media/view.js',
    styleUris: ['vscode-resource:/media/panel.css', 'vscode-resource:/media/view.css'],
    nonce: 'n0nce',
    initial: { query: '"><script>alert(1)</script>', mode: 'hybrid', filters: NO_FILTERS, filtersOpen: false, multiRoot: false },
  });

  it('has the strict CSP, one script with the nonce, and the initial data escaped', () => {
    assert.match(html, /content="default-src &#39;none&#39;; /);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="n0nce" src="vscode-resource:\/media\/view.js"><\/script>/);
    assert.ok(!html.includes('<script>alert(1)'));
    const attr = /data-initial="([^"]*)"/.exec(html)![1];
    assert.equal(JSON.parse(attr.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))).query, '"><script>alert(1)</script>');
  });

  it('labels every control: query, mode, the three content types, language, include and exclude', () => {
    for (const id of ['view-type-code', 'view-type-docs', 'view-type-tests', 'view-language', 'view-include', 'view-exclude']) {
      assert.ok(html.includes(`id="${id}"`), id);
      if (!id.startsWith('view-type')) assert.ok(html.includes(`<label for="${id}">`), `label for ${id}`);
    }
    assert.match(html, /id="view-query"[^>]*aria-label="Search query"/);
    assert.match(html, /role="radiogroup" aria-label="Search mode"/);
    assert.match(html, /aria-controls="view-filters"/);
  });
});

describe('results grouped by file', () => {
  const r = (file: string, line: number): PanelResult => ({
    file: `/ws/${file}`, path: file, folderName: 'ws', startLine: line, endLine: line + 2, score: 0, kind: 'function', symbol: `f${line}`, language: 'typescript', snippet: '',
  });

  it('orders files by their best result and keeps each file’s results in rank order', () => {
    const groups = groupByFile([r('b.ts', 10), r('a.ts', 1), r('b.ts', 3), r('c.md', 5), r('a.ts', 20)]);
    assert.deepEqual(groups.map((g) => g.path), ['b.ts', 'a.ts', 'c.md']);
    assert.deepEqual(groups[0].results.map((x) => x.startLine), [10, 3]);
    assert.deepEqual(groups[1].results.map((x) => x.startLine), [1, 20]);
    assert.deepEqual(groupByFile([]), []);
  });
});

describe('matched lines in the narrow view', () => {
  it('start shortly before the first marked word, at a word boundary, highlights moved along', () => {
    const text = 'def call_with_exponential_backoff(fn, attempts=5, base_delay=0.2):';
    const m = { text, highlights: [[14, 25], [26, 33]] as [number, number][] };
    const out = leadToMatch(m, 12);
    assert.ok(out.text.startsWith('…'), out.text);
    assert.equal(out.text.slice(out.highlights[0][0], out.highlights[0][1]), 'exponential');
    assert.equal(out.text.slice(out.highlights[1][0], out.highlights[1][1]), 'backoff');
    assert.ok(out.highlights[0][0] <= 12, `${out.highlights[0][0]}`);
    const early = { text: 'retry(fn)', highlights: [[0, 5]] as [number, number][] };
    assert.equal(leadToMatch(early, 12), early);
    const none = { text: 'x'.repeat(80), highlights: [] as [number, number][] };
    assert.equal(leadToMatch(none, 12), none);
    const spaced = leadToMatch({ text: 'const value = await fetchWithRetry(url)', highlights: [[20, 34]] }, 12);
    assert.equal(spaced.text, '…await fetchWithRetry(url)');
    assert.equal(spaced.text.slice(spaced.highlights[0][0], spaced.highlights[0][1]), 'fetchWithRetry');
  });
});
