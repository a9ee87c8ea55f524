// Readable results (core/search/preview.ts, displayName.ts): matching lines, highlights, names.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { displayKind, displayName } from '../../src/core/search/displayName';
import {
  MAX_LINE_CHARS,
  describeChunk,
  definitionLineIndex,
  lineTerms,
  matchLine,
  matchingLines,
  queryTermSet,
  shownLine,
} from '../../src/core/search/preview';

const slice = (text: string, ranges: [number, number][]) => ranges.map(([a, b]) => text.slice(a, b));

describe('preview: terms of a line', () => {
  it('splits identifiers into parts and keeps the whole, with offsets, as the lexical index does', () => {
    const line = 'const data = fs.readFileSync(XMLHttpRequest);';
    const hits = lineTerms(line);
    const at = (term: string) => hits.filter((h) => h.term === term).map((h) => line.slice(h.start, h.end));
    assert.deepEqual(at('read'), ['read']);
    assert.deepEqual(at('file'), ['File']);
    assert.deepEqual(at('readfilesync'), ['readFileSync']);
    assert.deepEqual(at('xml'), ['XML']);
    assert.deepEqual(at('request'), ['Request']);
  });

  it('drops stop words and stems like the index (a query word finds its inflections)', () => {
    const q = queryTermSet('where are the connections opened');
    assert.ok(!q.has('where') && !q.has('the'));
    const m = matchLine('function openConnection(url) {', q);
    assert.equal(m.score, 2);
    assert.deepEqual(slice('function openConnection(url) {', m.highlights), ['openConnection']);
  });
});

describe('preview: matching lines', () => {
  const lines = [
    'export function loadUser(id: string) {', // 10
    '  // read the user record from disk', // 11
    '  const text = fs.readFileSync(userPath(id), "utf8");', // 12
    '  return JSON.parse(text);', // 13
    '}', // 14
  ];

  it('are the lines sharing the most query terms, split identifiers counting, in file order with their numbers', () => {
    const shown = matchingLines(lines, 10, queryTermSet('read file sync'));
    assert.deepEqual(shown.map((l) => l.line), [12]);
    assert.equal(shown[0].text, 'const text = fs.readFileSync(userPath(id), "utf8");');
    assert.deepEqual(slice(shown[0].text, shown[0].highlights), ['readFileSync']);
  });

  it('keep lines holding at least half as many terms as the best, at most three', () => {
    const shown = matchingLines(lines, 10, queryTermSet('read user'));
    assert.deepEqual(shown.map((l) => l.line), [10, 11, 12]);
    assert.deepEqual(slice(shown[1].text, shown[1].highlights), ['read', 'user']);
  });

  it('are empty when no line holds a query term', () => {
    assert.deepEqual(matchingLines(lines, 10, queryTermSet('gzip compression')), []);
  });
});

describe('preview: definition line when nothing matches', () => {
  it('is the line naming the definition, not a comment repeating its name', () => {
    const lines = ['/**', ' * findUser looks a user up.', ' */', 'async findUser(id) {', '  return this.db.get(id);', '}'];
    const i = definitionLineIndex(lines, { kind: 'method', symbol: 'UserRepository.findUser', part: '', startLine: 20, endLine: 25 });
    assert.equal(i, 3);
  });

  it('is the inner definition a later piece of a split definition is named after', () => {
    const lines = ['  const x = 1;', '  function fetchAdapter(config) {', '    return 2;', '  }'];
    assert.equal(definitionLineIndex(lines, { kind: 'function', symbol: 'factory', part: '3/5 fetchAdapter', startLine: 600, endLine: 603 }), 1);
  });

  it('is the heading of a Markdown section, else the first line that says something', () => {
    assert.equal(definitionLineIndex(['', '## Install', 'npm i'], { kind: 'section', symbol: 'Guide > Install', part: '', startLine: 1, endLine: 3 }), 1);
    assert.equal(definitionLineIndex(['', '{', "'use strict';"], { kind: 'block', symbol: '', part: '', startLine: 1, endLine: 3 }), 2);
  });

  it('is what describeChunk shows without a query (Find Similar) or without a match', () => {
    const chunk = { kind: 'function' as const, symbol: 'add', part: '', startLine: 5, endLine: 7 };
    const lines = ['# adds', 'def add(a, b):', '    return a + b'];
    for (const q of [undefined, queryTermSet('zebra')]) {
      const d = describeChunk(chunk, lines, q);
      assert.deepEqual(d.lines, [{ line: 6, text: 'def add(a, b):', highlights: [] }]);
      assert.equal(d.name, 'add');
      assert.equal(d.kind, 'function');
    }
  });
});

describe('preview: shown lines', () => {
  it('lose their indentation and keep highlights on the same words', () => {
    const l = shownLine(3, '    return readFile(p);', [[11, 15]]);
    assert.equal(l.text, 'return readFile(p);');
    assert.deepEqual(slice(l.text, l.highlights), ['read']);
  });

  it('are cut around the first match when long, with … marking the cuts', () => {
    const raw = 'x'.repeat(300) + ' needle ' + 'y'.repeat(300);
    const l = shownLine(1, raw, [[301, 307]]);
    assert.ok(l.text.length <= MAX_LINE_CHARS + 2);
    assert.ok(l.text.startsWith('…') && l.text.endsWith('…'));
    assert.deepEqual(slice(l.text, l.highlights), ['needle']);
  });
});

describe('preview: names', () => {
  const base = { startLine: 658, endLine: 700 };
  it('name a definition by its symbol with its container', () => {
    assert.equal(displayName({ ...base, kind: 'method', symbol: 'UserRepository.findUser', part: '' }), 'UserRepository.findUser');
  });

  it('name a split part by its inner function, else by its lines; the first part is the definition', () => {
    assert.equal(displayName({ ...base, kind: 'function', symbol: 'factory', part: '3/5 fetch' }), 'factory › fetch');
    assert.equal(displayName({ ...base, kind: 'function', symbol: 'factory', part: '4/5' }), 'factory, lines 658–700');
    assert.equal(displayName({ ...base, kind: 'function', symbol: 'factory', part: '1/5 helper' }), 'factory');
  });

  it('name a Markdown section by its heading path, imports and nameless code by what they are', () => {
    assert.equal(displayName({ ...base, kind: 'section', symbol: 'Guide > Install > npm', part: '' }), 'Guide › Install › npm');
    assert.equal(displayName({ ...base, kind: 'imports', symbol: '', part: '' }), 'imports');
    assert.equal(displayName({ ...base, kind: 'block', symbol: '', part: '' }), 'lines 658–700');
  });

  it('give every chunk kind a word, and never "block"', () => {
    assert.equal(displayKind('block'), 'code');
    assert.equal(displayKind('method'), 'method');
    assert.equal(displayKind('section'), 'section');
  });
});
