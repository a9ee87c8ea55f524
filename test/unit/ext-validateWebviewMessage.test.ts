import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateWebviewMessage } from '../../src/extension/vscodeFree/validateWebviewMessage';
import { containingRoot } from '../../src/extension/vscodeFree/pathInside';

const ROOT = path.resolve('/ws/project');
const OTHER = path.resolve('/ws/other');
const roots = [ROOT, OTHER];
const inRoot = path.join(ROOT, 'src', 'a.ts');

describe('validateWebviewMessage', () => {
  it('accepts every known message type with valid fields', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'search', query: 'parse config', mode: 'hybrid' },
      { type: 'search', query: '', mode: 'lexical' },
      { type: 'open', file: inRoot, startLine: 1, endLine: 3 },
      { type: 'findSimilar', file: path.join(OTHER, 'x.py'), startLine: 10, endLine: 10 },
      { type: 'requestMap', folder: OTHER },
      { type: 'requestMap', folder: OTHER, k: 12 },
      { type: 'tabChanged', tab: 'map' },
    ];
    for (const m of good) assert.equal(validateWebviewMessage(m, roots).ok, true, JSON.stringify(m));
  });

  it('rejects unknown types and non-objects', () => {
    for (const m of [null, undefined, 42, 'ready', [], { type: 'exec', command: 'rm -rf /' }, { kind: 'ready' }]) {
      assert.equal(validateWebviewMessage(m, roots).ok, false, JSON.stringify(m));
    }
  });

  it('rejects paths outside the workspace, relative paths and traversal', () => {
    const outside = [
      path.resolve('/etc/passwd'),
      path.join(ROOT, '..', 'secret.txt'),
      path.join(ROOT, '..', 'project-evil', 'a.ts'), // a sibling sharing the prefix
      'src/a.ts',
      `${inRoot}\0.png`,
    ];
    for (const file of outside) {
      const r = validateWebviewMessage({ type: 'open', file, startLine: 1, endLine: 1 }, roots);
      assert.equal(r.ok, false, file);
    }
  });

  it('accepts a file whose name starts with two dots; rejects a symlink inside the workspace that points outside', () => {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ext-inside-')));
    const ws = path.join(tmp, 'ws');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'src', '..foo.ts'), 'x');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'x');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(ws, 'src', 'link.txt'));
    fs.symlinkSync(path.join(ws, 'src', '..foo.ts'), path.join(ws, 'inner-link.ts'));
    const open = (file: string) => validateWebviewMessage({ type: 'open', file, startLine: 1, endLine: 1 }, [ws]).ok;
    assert.equal(open(path.join(ws, 'src', '..foo.ts')), true, '..foo.ts is a name, not a way up');
    assert.equal(open(path.join(ws, '..foo.ts')), true, 'not yet on disk: judged by its text');
    assert.equal(open(path.join(ws, 'src', 'link.txt')), false, 'a symlink to outside is outside');
    assert.equal(open(path.join(ws, 'inner-link.ts')), true, 'a symlink that stays inside is inside');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('rejects bad line numbers and ranges', () => {
    for (const [startLine, endLine] of [[0, 1], [1.5, 2], [5, 4], [-1, 3], ['1', 2], [1, Number.NaN]]) {
      assert.equal(validateWebviewMessage({ type: 'open', file: inRoot, startLine, endLine }, roots).ok, false, `${startLine}-${endLine}`);
    }
  });

  it('rejects unknown modes, tabs and folders, oversized queries and extra fields', () => {
    assert.equal(validateWebviewMessage({ type: 'search', query: 'x', mode: 'regex' }, roots).ok, false);
    assert.equal(validateWebviewMessage({ type: 'search', query: 'x'.repeat(1001), mode: 'hybrid' }, roots).ok, false);
    assert.equal(validateWebviewMessage({ type: 'search', query: 42, mode: 'hybrid' }, roots).ok, false);
    assert.equal(validateWebviewMessage({ type: 'tabChanged', tab: 'settings' }, roots).ok, false);
    assert.equal(validateWebviewMessage({ type: 'requestMap', folder: path.join(ROOT, 'src') }, roots).ok, false);
    assert.equal(validateWebviewMessage({ type: 'ready', html: '<script>' }, roots).ok, false);
    for (const k of [1, 2.5, 1000, '8', null]) assert.equal(validateWebviewMessage({ type: 'requestMap', folder: ROOT, k }, roots).ok, false, String(k));
  });

  it('accepts a cluster search and map exports; rejects bad clusters, formats and content that is not what it says', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of the image')]).toString('base64');
    const good: unknown[] = [
      { type: 'searchInCluster', query: 'retry', mode: 'hybrid', folder: ROOT, cluster: 3 },
      { type: 'exportMap', format: 'png', data: png },
      { type: 'exportMap', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>\n' },
    ];
    for (const m of good) assert.equal(validateWebviewMessage(m, roots).ok, true, JSON.stringify(m).slice(0, 80));
    const bad: [unknown, RegExp][] = [
      [{ type: 'searchInCluster', query: 'retry', mode: 'hybrid', folder: '/etc', cluster: 3 }, /folder/],
      [{ type: 'searchInCluster', query: 'retry', mode: 'hybrid', folder: ROOT, cluster: -1 }, /cluster/],
      [{ type: 'searchInCluster', query: 'retry', mode: 'hybrid', folder: ROOT, cluster: 1.5 }, /cluster/],
      [{ type: 'exportMap', format: 'gif', data: png }, /format/],
      [{ type: 'exportMap', format: 'png', data: Buffer.from('GIF89a not a png').toString('base64') }, /not a PNG/],
      [{ type: 'exportMap', format: 'png', data: 'not base64!' }, /base64/],
      [{ type: 'exportMap', format: 'svg', data: '<script>alert(1)</script>' }, /not an SVG/],
      [{ type: 'exportMap', format: 'svg', data: '' }, /non-empty/],
      [{ type: 'exportMap', format: 'svg', data: '<svg></svg>', path: '/tmp/x' }, /unexpected field/],
    ];
    for (const [m, reason] of bad) {
      const r = validateWebviewMessage(m, roots);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.reason, reason);
    }
  });

  it('picks the innermost root for nested folders', () => {
    const nested = path.join(ROOT, 'packages', 'lib');
    assert.equal(containingRoot(path.join(nested, 'i.ts'), [ROOT, nested]), nested);
    assert.equal(containingRoot(path.join(ROOT, 'i.ts'), [ROOT, nested]), ROOT);
  });
});
