// Counting word pieces slice by slice must give the count of tokenizing the whole text: the chunker decides
// where to cut a long line by it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { countWordPieces } from '../../src/core/embed/tokenCount';
import { loadTokenizer } from '../../src/core/embed/tokenizer';
import { devModelDir } from '../helpers/models';

/** Real source text of several kinds: this repository's TypeScript, its Markdown, and a mixed-script line. */
function sampleTexts(): string[] {
  const root = path.join(__dirname, '..', '..', '..');
  const ts = fs.readFileSync(path.join(root, 'src', 'core', 'chunk', 'index.ts'), 'utf8');
  const md = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const mixed = 'Déjà vu: naïve café — 解析配置文件 🎉 getHTTPResponseCode($a+=b<<2)|~x\u0001y\u00a0z '.repeat(80);
  const oneLine = ts.replace(/\s+/g, ' ');
  const longWord = 'a1'.repeat(5000) + ' tail';
  return [ts, md, mixed, oneLine, longWord, ts + md + mixed];
}

describe('countWordPieces', () => {
  it('counts a long text in slices exactly as one encode does', async () => {
    const tok = await loadTokenizer(devModelDir());
    for (const text of sampleTexts()) {
      const whole = tok.encode(text).length;
      for (const slice of [64, 257, 1000, 16_384]) {
        assert.equal(countWordPieces(tok, text, slice), whole, `slice ${slice}, text ${JSON.stringify(text.slice(0, 30))}`);
      }
    }
  });

  it('a short text is counted whole', async () => {
    const tok = await loadTokenizer(devModelDir());
    assert.equal(countWordPieces(tok, 'function parseConfig() {}'), tok.encode('function parseConfig() {}').length);
    assert.equal(countWordPieces(tok, ''), 2);
  });
});
