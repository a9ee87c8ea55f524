// A chunk's lexical terms found elsewhere (a chunking worker) index exactly as its fields do here, and terms found
// with other options are refused rather than mixed into an index that would score them wrongly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexicalIndex, lexicalTerms, type LexicalFields } from '../../src/core/store/lexical';
import { encodeLexical } from '../../src/core/store/lexical/codec';
import { identifierParts, unicodeIdentifierParts } from '../../src/core/store/lexical/terms';

const DOCS: LexicalFields[] = [
  { symbol: 'readFileSync', path: 'src/fs/readFile.ts', body: 'export function readFileSync(path: string) { return fs.readFileSync(path, "utf8"); } // reads the file' },
  { symbol: 'UserRepository findByEmail', path: 'src/users/repo.ts', body: 'class UserRepository { async findByEmail(email) { return db.query(email, email, email); } }' },
  { symbol: '', path: 'docs/guide.md', body: 'How to configure the caching of retries: set retries and caching in the settings.' },
  { symbol: 'say_status', path: 'lib/status.py', body: 'def say_status(msg):\n    print(msg)  # the status, the status' },
];

describe('lexical terms found elsewhere', () => {
  for (const options of [{}, { stemming: false }, { fields: false }, { stemming: false, fields: false }]) {
    it(`index as the fields do (${JSON.stringify(options)})`, () => {
      const fromFields = new LexicalIndex(options);
      const fromTerms = new LexicalIndex(options);
      DOCS.forEach((d, i) => {
        fromFields.add(i + 1, d);
        fromTerms.add(i + 1, lexicalTerms(d, options));
      });
      assert.deepEqual(encodeLexical(fromTerms), encodeLexical(fromFields));
      for (const q of ['read file', 'find user by email', 'caching retries', 'say_status']) {
        assert.deepEqual(fromTerms.search(q, 3), fromFields.search(q, 3), q);
      }
      assert.ok(fromTerms.search('read file', 1).length === 1, 'the terms are searchable');
    });
  }

  it('counts each term once per field with its frequency, in order of first occurrence', () => {
    const t = lexicalTerms({ symbol: 'status', path: 'a/status.py', body: 'status code, status text, code' });
    assert.deepEqual(t.lens, [2, 2, 5]); // 'a' is a stop word
    assert.deepEqual(t.terms[2], ['status', 'code', 'text']);
    assert.deepEqual(t.tf[2], [2, 2, 1]);
    assert.deepEqual(t.terms[0], ['status', '=status']);
  });

  it('refuses terms found with other options', () => {
    const lx = new LexicalIndex({ stemming: true });
    assert.throws(() => lx.add(1, lexicalTerms(DOCS[0], { stemming: false })), /other options/);
    assert.equal(lx.size, 0, 'nothing was added');
  });
});

describe('identifier parts', () => {
  it('splits humps, acronyms, digits and separators', () => {
    assert.deepEqual(identifierParts('HTMLParser'), ['html', 'parser']);
    assert.deepEqual(identifierParts('readFileSync'), ['read', 'file', 'sync']);
    assert.deepEqual(identifierParts('utf8Decode2D'), ['utf', '8', 'decode', '2', 'd']);
    assert.deepEqual(identifierParts('__proto__$scope'), ['proto', 'scope']);
    assert.deepEqual(identifierParts('getHTTPResponseCode'), ['get', 'http', 'response', 'code']);
    assert.deepEqual(identifierParts('größeÄndern'), ['größe', 'ändern']);
  });

  it('the ASCII path gives what the replacements give, for every word of a hard alphabet', () => {
    // Deterministic: words of 1–9 characters over upper, lower, digits and separators, which is where the rules meet.
    const alphabet = 'aAbB0_$zZ9Xx';
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 50_000; i++) {
      let w = '';
      const len = 1 + Math.floor(next() * 9);
      for (let k = 0; k < len; k++) w += alphabet[Math.floor(next() * alphabet.length)];
      assert.deepEqual(identifierParts(w), unicodeIdentifierParts(w), w);
    }
  });
});
