// createPathFilter must give the scanner's answer for any single path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPathFilter, scanWorkspace } from '../../src/core/scan';
import type { ScanOptions, SkipReason } from '../../src/core/types';
import { makeTempWorkspace } from '../helpers/tempWorkspace';

const FIXTURE: Record<string, string> = {
  '.gitignore': '*.log\n!important.log\nsecret/\ncache/\n',
  '.ignore': '*.snap\n',
  '.git/info/exclude': 'scratch/\n',
  'scratch/s.ts': 'x',
  'a.ts': 'a',
  'debug.log': 'x',
  'important.log': 'x',
  'x.snap': 'x',
  'secret/key.ts': 'x',
  'sub/.gitignore': '!keep.log\ngen/\n',
  'sub/keep.log': 'x',
  'sub/other.log': 'x',
  'sub/gen/out.ts': 'x',
  'sub/code.ts': 'x',
  'pkg/.gitignore': '!cache/\n',
  'pkg/cache/c.ts': 'x',
  'cache/c.ts': 'x',
  'node_modules/lib/index.js': 'x',
  'pkg/dist/bundle.js': 'x',
  'yarn.lock': 'x',
  'img/logo.png': 'x',
  'src/app.ts': 'x',
  'src/app.test.ts': 'x',
  'src/vendor/v.ts': 'x',
  'tools/run.sh': 'x',
  'my-index/data.txt': 'x',
};

test('the filter agrees with the scanner on every path of a mixed workspace', async () => {
  const ws = makeTempWorkspace(FIXTURE);
  try {
    const opts: ScanOptions = {
      root: ws.root,
      include: ['**/*.ts', '**/*.log', '**/*.lock', '**/*.png', '**/*.js', '**/*.snap', '**/*.txt', '.gitignore', '.ignore'],
      exclude: ['*.test.ts', 'src/vendor/**'],
      indexDir: path.join(ws.root, 'my-index'),
    };
    const scan = await scanWorkspace(opts);
    const skippedAt = new Map<string, SkipReason>(scan.skipped.map((s) => [s.path, s.reason]));
    const included = new Set(scan.files.map((f) => f.path));
    // Sanity: the fixture exercises every rule reason.
    assert.deepEqual(new Set(skippedAt.values()), new Set(['ignored', 'builtin-exclude', 'binary']));

    const filter = createPathFilter(opts);
    for (const rel of Object.keys(FIXTURE)) {
      // The scanner's answer: the file's own entry, or the skipped folder it sits in.
      const parts = rel.split('/');
      let expected: SkipReason | null = null;
      for (let i = 1; i <= parts.length && expected === null; i++) expected = skippedAt.get(parts.slice(0, i).join('/')) ?? null;
      if (expected === null) assert.ok(included.has(rel), `${rel} neither included nor skipped`);
      assert.equal(filter.check(rel), expected, rel);
    }
    // Folders too, told as folders.
    let folders = 0;
    for (const [rel, reason] of skippedAt) {
      if (!fs.statSync(path.join(ws.root, rel)).isDirectory()) continue;
      folders++;
      assert.equal(filter.check(rel, true), reason, rel);
    }
    assert.equal(folders, 9);
    assert.equal(filter.check('sub', true), null);
    assert.equal(filter.check('pkg/cache', true), null);
  } finally {
    ws.cleanup();
  }
});

test('paths are normalised; the root and paths outside it are not rejected', () => {
  const ws = makeTempWorkspace({ '.gitignore': 'gen/\n', 'gen/a.ts': 'a', 'b.ts': 'b' });
  try {
    const filter = createPathFilter({ root: ws.root });
    assert.equal(filter.check('gen\\a.ts'), 'ignored');
    assert.equal(filter.check('./gen/a.ts'), 'ignored');
    assert.equal(filter.check('b.ts'), null);
    assert.equal(filter.check(''), null);
    assert.equal(filter.check('../elsewhere.ts'), null);
    // Folder-ness is looked up on disk when not given.
    assert.equal(filter.check('gen'), 'ignored');
  } finally {
    ws.cleanup();
  }
});

test('ignore files are cached until invalidated', () => {
  const ws = makeTempWorkspace({ 'lib/a.ts': 'a', 'lib/b.tmp.ts': 'b' });
  try {
    const filter = createPathFilter({ root: ws.root });
    assert.equal(filter.check('lib/b.tmp.ts'), null);
    ws.write('lib/.gitignore', '*.tmp.ts\n');
    assert.equal(filter.check('lib/b.tmp.ts'), null, 'cached rules until invalidate()');
    filter.invalidate('lib');
    assert.equal(filter.check('lib/b.tmp.ts'), 'ignored');
    ws.write('.ignore', 'lib/\n');
    filter.invalidate();
    assert.equal(filter.check('lib/a.ts'), 'ignored');
  } finally {
    ws.cleanup();
  }
});
