// readSourceFile: what counts as indexable text, and why the rest is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksMinified, readSourceFile } from '../../src/core/scan';
import { makeTempWorkspace } from '../helpers/tempWorkspace';

const ws = makeTempWorkspace({}, 'semsearch-read-');
test.after(() => ws.cleanup());

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

test('plain text: text, size and sha256 of the raw bytes', async () => {
  const content = 'export const x = 1;\n// héllo\n';
  const abs = ws.write('ok.ts', content);
  const r = await readSourceFile(abs);
  assert.deepEqual(r, { ok: true, text: content, hash: sha256(content), size: Buffer.byteLength(content) });
});

test('a UTF-8 BOM is stripped from the text but still part of the hash', async () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hello\n')]);
  const r = await readSourceFile(ws.write('bom.txt', bytes));
  assert.ok(r.ok);
  assert.equal(r.text, 'hello\n');
  assert.equal(r.hash, sha256(bytes));
  assert.equal(r.size, 9);
});

test('a NUL byte in the first 8 KiB means binary; after it, it does not', async () => {
  const early = Buffer.concat([Buffer.from('abc'), Buffer.from([0]), Buffer.from('def')]);
  assert.deepEqual(await readSourceFile(ws.write('early.dat', early)), { ok: false, reason: 'binary' });
  const late = Buffer.concat([Buffer.from('a\n'.repeat(4200)), Buffer.from([0]), Buffer.from('x\n')]);
  const r = await readSourceFile(ws.write('late.txt', late));
  assert.equal(r.ok, true);
});

test('invalid UTF-8 is refused', async () => {
  const bytes = Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x0a]); // 0xC3 followed by a non-continuation byte
  assert.deepEqual(await readSourceFile(ws.write('latin.txt', bytes)), { ok: false, reason: 'invalid-utf8' });
  const latin1 = Buffer.from('caf\xe9\n', 'latin1');
  assert.deepEqual(await readSourceFile(ws.write('latin1.txt', latin1)), { ok: false, reason: 'invalid-utf8' });
});

test('empty and whitespace-only files', async () => {
  assert.deepEqual(await readSourceFile(ws.write('empty.ts', '')), { ok: false, reason: 'empty' });
  assert.deepEqual(await readSourceFile(ws.write('blank.ts', '  \n\t\r\n\n')), { ok: false, reason: 'empty' });
});

test('minified: long lines with a long average, one huge line, or a .min name', async () => {
  const bundle = 'var a=1,b=2;function f(){return a+b}'.repeat(60); // ~2200 chars on one line
  assert.equal((await readSourceFile(ws.write('bundle.js', bundle))).ok, false);
  assert.deepEqual(await readSourceFile(ws.write('bundle2.js', bundle)), { ok: false, reason: 'minified' });

  // One long line among many ordinary ones is a normal file (e.g. a long string literal).
  const normal = 'const a = 1;\n'.repeat(200) + `const s = "${'x'.repeat(1500)}";\n` + 'const b = 2;\n'.repeat(200);
  assert.equal((await readSourceFile(ws.write('normal.ts', normal))).ok, true);

  // But a single enormous line (an inlined data blob) is generated, whatever surrounds it.
  const blob = 'const a = 1;\n'.repeat(2000) + `const data = "${'A'.repeat(20_000)}";\n`;
  assert.deepEqual(await readSourceFile(ws.write('blob.ts', blob)), { ok: false, reason: 'minified' });

  const named = await readSourceFile(ws.write('app.min.js', 'const a = 1;\n'));
  assert.equal(named.ok, false);
  assert.equal(!named.ok && named.reason, 'minified');
  assert.equal((await readSourceFile(ws.write('site.MIN.css', 'a{}\n'))).ok, false);
});

test('maxLineLength tunes the minified check', async () => {
  const text = `${'y'.repeat(400)}\n${'z'.repeat(400)}\n`;
  assert.equal((await readSourceFile(ws.write('mid.txt', text))).ok, true);
  assert.deepEqual(await readSourceFile(ws.write('mid2.txt', text), { maxLineLength: 350 }), { ok: false, reason: 'minified' });
  assert.equal(looksMinified('short\nlines\n'), false);
});

test('missing files, folders and FIFOs are unreadable, with the cause in detail', async () => {
  assert.deepEqual(await readSourceFile(path.join(ws.root, 'nope.ts')), { ok: false, reason: 'unreadable', detail: 'ENOENT' });
  fs.mkdirSync(path.join(ws.root, 'folder.ts'));
  assert.deepEqual(await readSourceFile(path.join(ws.root, 'folder.ts')), { ok: false, reason: 'unreadable', detail: 'EISDIR' });
  // Reading a FIFO would block until a writer shows up; it must return at once instead.
  const fifo = path.join(ws.root, 'pipe.ts');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(await readSourceFile(fifo), { ok: false, reason: 'unreadable', detail: 'not a regular file' });
});

test('permission denied is unreadable (needs a non-root user)', async (t) => {
  const abs = ws.write('locked.ts', 'secret\n');
  fs.chmodSync(abs, 0o000);
  try {
    let canRead = true;
    try {
      fs.readFileSync(abs);
    } catch {
      canRead = false;
    }
    if (canRead) {
      t.skip('running as root: chmod 000 does not block reads, so EACCES cannot be produced here');
      return;
    }
    assert.deepEqual(await readSourceFile(abs), { ok: false, reason: 'unreadable', detail: 'EACCES' });
  } finally {
    fs.chmodSync(abs, 0o644);
  }
});
