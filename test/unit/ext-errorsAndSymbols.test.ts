import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IndexCorruptError, IndexLockedError, ModelNotFoundError } from '../../src/core/index';
import { enclosingSymbol, type SymbolNode } from '../../src/extension/vscodeFree/enclosingSymbol';
import { adviceFor } from '../../src/extension/vscodeFree/errorAdvice';
import { indentBlock } from '../../src/extension/vscodeFree/indentBlock';
import { mergeByScore } from '../../src/extension/vscodeFree/mergeResults';

describe('error advice (one actionable message per failure)', () => {
  it('missing model → Set Model Path opening the setting', () => {
    const a = adviceFor(new ModelNotFoundError('No complete model folder found. Run `npm run fetch-model` or set SEMSEARCH_MODEL_DIR.'), 'app');
    // In the editor: the setting to set, or reinstall — not the developer's npm script or environment variable.
    assert.match(a.message, /^Semantic Search: No embedding model found\. Set the "semanticSearch\.modelPath" setting .* or reinstall the extension/);
    assert.doesNotMatch(a.message, /fetch-model|SEMSEARCH_MODEL_DIR/);
    assert.deepEqual(a.actions.map((x) => x.title), ['Set Model Path']);
    assert.deepEqual(a.actions[0].args, ['semanticSearch.modelPath']);
  });

  it('corrupt or locked index → Reindex; unreadable folder → exclude or reindex', () => {
    assert.deepEqual(adviceFor(new IndexCorruptError('bad header'), 'app').actions.map((x) => x.command), ['semanticSearch.reindex']);
    assert.deepEqual(adviceFor(new IndexLockedError('/idx'), 'app').actions.map((x) => x.title), ['Retry'], 'a locked index is never deleted');
    const eacces = Object.assign(new Error('EACCES: permission denied, scandir /ws/secret'), { code: 'EACCES' });
    assert.deepEqual(adviceFor(eacces, 'app').actions.map((x) => x.title), ['Edit Excludes', 'Reindex']);
  });

  it('the same failure has the same key (shown once), other folders another', () => {
    const e = new IndexCorruptError('x');
    assert.equal(adviceFor(e, 'a').key, adviceFor(e, 'a').key);
    assert.notEqual(adviceFor(e, 'a').key, adviceFor(e, 'b').key);
    assert.equal(adviceFor(new ModelNotFoundError('m'), 'a').key, adviceFor(new ModelNotFoundError('m'), 'b').key);
  });
});

describe('enclosing symbol for Find Similar without a selection', () => {
  const sym = (kind: number, name: string, startLine: number, endLine: number, children: SymbolNode[] = []): SymbolNode => ({ kind, name, startLine, endLine, children });
  const tree = [sym(4, 'Parser', 0, 50, [sym(5, 'parse', 2, 20), sym(5, 'reset', 22, 30)]), sym(11, 'main', 60, 70)];

  it('finds the innermost function or method', () => {
    assert.equal(enclosingSymbol(tree, 10)?.name, 'parse');
    assert.equal(enclosingSymbol(tree, 65)?.name, 'main');
  });

  it('falls back to the class between methods, and to nothing outside', () => {
    assert.equal(enclosingSymbol(tree, 21)?.name, 'Parser');
    assert.equal(enclosingSymbol(tree, 55), undefined);
  });
});

describe('merging results of several folders', () => {
  it('orders by score and keeps the top k', () => {
    const merged = mergeByScore([[{ score: 0.9, id: 'a1' }, { score: 0.2, id: 'a2' }], [{ score: 0.5, id: 'b1' }]], 2);
    assert.deepEqual(merged.map((r) => r.id), ['a1', 'b1']);
  });
});

describe('indentation block fallback (no document symbols)', () => {
  const ts = [
    'export class Debouncer {', //        0
    '  private keys = new Set();', //     1
    '', //                                2
    '  add(key: string): void {', //      3
    '    if (this.disposed) return;', //  4
    '    this.keys.add(key);', //         5
    '  }', //                             6
    '', //                                7
    '  flush(): void {', //               8
    '    this.clear();', //               9
    '  }', //                             10
    '}', //                               11
  ];
  it('a header line takes its body and closing brace', () => {
    assert.deepEqual(indentBlock(ts, 3), { startLine: 3, endLine: 6 });
  });
  it('a line inside a body takes the enclosing header', () => {
    assert.deepEqual(indentBlock(ts, 5), { startLine: 3, endLine: 6 });
    assert.deepEqual(indentBlock(ts, 9), { startLine: 8, endLine: 10 });
  });
  it('works for Python (no closing line)', () => {
    const py = ['def a(x):', '    y = x + 1', '    return y', '', 'def b():', '    pass'];
    assert.deepEqual(indentBlock(py, 2), { startLine: 0, endLine: 2 });
    assert.deepEqual(indentBlock(py, 5), { startLine: 4, endLine: 5 });
  });
  it('a top-level statement is its own block', () => {
    assert.deepEqual(indentBlock(['const a = 1;', 'const b = 2;'], 1), { startLine: 1, endLine: 1 });
    assert.equal(indentBlock([''], 0), undefined);
  });
});
