import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/webview/tokenize';

const classes = (code: string, lang = 'typescript') => tokenize(code, lang).filter((t) => t.cls !== 'plain').map((t) => `${t.cls}:${t.text}`);

describe('preview tokenizer (panel syntax colors)', () => {
  it('finds keywords, calls, types, strings, numbers and comments', () => {
    assert.deepEqual(classes('export function parse(s: Config) { return load("a.json", 42); } // done'), [
      'keyword:export',
      'keyword:function',
      'call:parse',
      'type:Config',
      'keyword:return',
      'call:load',
      'string:"a.json"',
      'number:42',
      'comment:// done',
    ]);
  });

  it('treats # as a comment only in hash-comment languages', () => {
    assert.deepEqual(classes('x = 1  # note', 'python'), ['number:1', 'comment:# note']);
    assert.ok(!classes('#include <x>', 'cpp').some((c) => c.startsWith('comment')));
  });

  it('loses no text: the tokens join back to the input', () => {
    const code = 'const a = `t${1}`; /* c */\n\tlet b = \'x\\\'y\';';
    assert.equal(tokenize(code, 'typescript').map((t) => t.text).join(''), code);
  });
});
