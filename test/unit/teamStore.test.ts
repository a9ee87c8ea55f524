// Pure parts of the team store: URLs never show a password, server rows are validated, and BM25F scores of an index
// given another index's statistics equal the scores of one index holding both (the overlay's premise).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl, safeMessage } from '../../src/core/store/postgres/connection';
import { safeRelativePath, validateRow, type RawChunkRow } from '../../src/core/store/postgres/rows';
import { LexicalIndex } from '../../src/core/store/lexical';
import { diffAgainstSnapshot, loadHashCache, saveHashCache, type HashCache } from '../../src/core/team/overlay';
import { makeTempWorkspace } from '../helpers/tempWorkspace';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const row = (over: Partial<RawChunkRow> = {}): RawChunkRow => ({
  id: '7', path: 'src/a.ts', start_line: 1, end_line: 3, kind: 'function', symbol: 'a', part: '', language: 'typescript',
  hash: 'a'.repeat(64), preview: 'function a() {', generated: false, ...over,
});

describe('team store: URLs and rows', () => {
  it('redacts the password of a URL and of error text', () => {
    assert.equal(redactUrl('postgres://writer:s3cr%21t@db:5432/code?sslmode=require'), 'postgres://writer:***@db:5432/code?sslmode=require');
    assert.equal(redactUrl('postgres://reader@db/code'), 'postgres://reader@db/code');
    assert.equal(safeMessage(new Error('auth failed for s3cr!t'), 'postgres://w:s3cr%21t@db/code'), 'auth failed for ***');
  });

  it('accepts only relative paths inside the workspace', () => {
    for (const p of ['src/a.ts', 'a', 'docs/x y.md']) assert.ok(safeRelativePath(p), p);
    for (const p of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\\\b', 'a//b', './a', '', 'a\u0000b', 'x'.repeat(2000)]) assert.ok(!safeRelativePath(p), p);
  });

  it('rejects rows with bad lines, kinds, hashes or oversized text', () => {
    assert.deepEqual(validateRow(row())?.id, 7);
    assert.equal(validateRow(row({ start_line: 0 })), undefined);
    assert.equal(validateRow(row({ start_line: 5, end_line: 2 })), undefined);
    assert.equal(validateRow(row({ kind: 'evil' })), undefined);
    assert.equal(validateRow(row({ hash: 'zz' })), undefined);
    assert.equal(validateRow(row({ preview: 'x'.repeat(201) })), undefined);
    assert.equal(validateRow(row({ symbol: 'x'.repeat(5000) })), undefined);
    assert.equal(validateRow(row({ path: '../../etc/passwd' })), undefined);
    assert.equal(validateRow(row({ id: '-1' })), undefined);
  });
});

describe('lexical scores with another corpus\'s statistics', () => {
  const docs: [number, string][] = [
    [1, 'function readConfig parses the settings file'],
    [2, 'retry the request with exponential backoff'],
    [3, 'settings are merged with defaults'],
    [4, 'read the file and parse json settings'],
    [5, 'backoff grows after each failed request'],
  ];
  const fields = (text: string, i: number) => ({ symbol: '', path: `f${i}.ts`, body: text });

  it('equal the scores of one index over both corpora', () => {
    const all = new LexicalIndex();
    const part = new LexicalIndex();
    const rest = new LexicalIndex();
    for (const [id, text] of docs) {
      all.add(id, fields(text, id));
      (id <= 2 ? part : rest).add(id, fields(text, id));
    }
    for (const q of ['settings file', 'request backoff', 'readConfig']) {
      const whole = new Map(all.search(q, 10).map((s) => [s.id, s.score]));
      const scored = part.search(q, 10, undefined, rest.corpusStats(q));
      assert.ok(scored.length > 0, q);
      for (const s of scored) assert.ok(Math.abs(s.score - whole.get(s.id)!) < 1e-9, `${q}: ${s.id} ${s.score} vs ${whole.get(s.id)}`);
      // Without the statistics the scores differ: the test can fail.
      const alone = part.search(q, 10);
      assert.ok(alone.some((s) => Math.abs(s.score - whole.get(s.id)!) > 1e-6), q);
    }
  });
});

describe('overlay diff', () => {
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');

  it('finds edited, new and deleted files, and hashes each file once across runs (saved cache)', async () => {
    const ws = makeTempWorkspace({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n', 'c.ts': 'export const c = 3;\n' });
    try {
      const team = new Map([['a.ts', sha('export const a = 1;\n')], ['b.ts', sha('old b\n')], ['gone.ts', sha('x')]]);
      const cacheFile = path.join(ws.root, '..', `hashes-${process.pid}.json`);
      const cache: HashCache = new Map();
      const d1 = await diffAgainstSnapshot({ root: ws.root }, team, cache);
      assert.deepEqual(d1.changed.sort(), ['b.ts', 'c.ts']);
      assert.deepEqual(d1.deleted, ['gone.ts']);
      assert.equal(d1.hashed, 3);
      await saveHashCache(cacheFile, cache);
      const d2 = await diffAgainstSnapshot({ root: ws.root }, team, loadHashCache(cacheFile));
      assert.equal(d2.hashed, 0);
      assert.deepEqual(d2.changed.sort(), ['b.ts', 'c.ts']);
      fs.writeFileSync(cacheFile, '{ not json');
      assert.equal(loadHashCache(cacheFile).size, 0);
      fs.rmSync(cacheFile, { force: true });
    } finally {
      ws.cleanup();
    }
  });
});
