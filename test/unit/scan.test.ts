// scanWorkspace: ignore files, globs, built-in excludes, size, symlinks, and speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanWorkspace } from '../../src/core/scan';
import type { ScanOptions, ScanResult } from '../../src/core/types';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

function filePaths(r: ScanResult): string[] {
  return r.files.map((f) => f.path);
}

function reasons(r: ScanResult): Record<string, string> {
  return Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
}

async function withWorkspace(
  files: Record<string, string | Buffer>,
  fn: (ws: TempWorkspace, scan: (o?: Partial<ScanOptions>) => Promise<ScanResult>) => Promise<void>,
): Promise<void> {
  const ws = makeTempWorkspace(files);
  try {
    await fn(ws, (o = {}) => scanWorkspace({ root: ws.root, ...o }));
  } finally {
    ws.cleanup();
  }
}

test('nested .gitignore files apply to their subtree, and negations re-include', async () => {
  await withWorkspace(
    {
      '.gitignore': '*.log\n!important.log\nsecret/\n',
      'a.ts': 'a',
      'debug.log': 'x',
      'important.log': 'x',
      'secret/key.ts': 'x',
      'secret/more/deep.ts': 'x',
      'sub/.gitignore': '!keep.log\ngen/\n',
      'sub/keep.log': 'x',
      'sub/other.log': 'x',
      'sub/gen/out.ts': 'x',
      'sub/code.ts': 'x',
      'other/gen/kept.ts': 'x',
      'other/notes.log': 'x',
    },
    async (_ws, scan) => {
      const r = await scan();
      assert.deepEqual(filePaths(r), [
        '.gitignore',
        'a.ts',
        'important.log',
        'other/gen/kept.ts',
        'sub/.gitignore',
        'sub/code.ts',
        'sub/keep.log',
      ]);
      assert.deepEqual(reasons(r), {
        'debug.log': 'ignored',
        'other/notes.log': 'ignored',
        secret: 'ignored', // one entry for the directory, not one per file
        'sub/gen': 'ignored',
        'sub/other.log': 'ignored',
      });
    },
  );
});

test('a deeper ignore file can re-include a directory an upper one excludes by name', async () => {
  await withWorkspace(
    { '.gitignore': 'cache/\n', 'cache/a.ts': 'x', 'pkg/.gitignore': '!cache/\n', 'pkg/cache/b.ts': 'x' },
    async (_ws, scan) => {
      const r = await scan();
      assert.deepEqual(filePaths(r), ['.gitignore', 'pkg/.gitignore', 'pkg/cache/b.ts']);
      assert.deepEqual(reasons(r), { cache: 'ignored' });
    },
  );
});

test('.ignore files are honored and win over .gitignore in the same folder', async () => {
  await withWorkspace(
    {
      '.gitignore': 'notes.md\n',
      '.ignore': '!notes.md\n*.snap\n',
      'notes.md': 'n',
      'x.snap': 's',
      'lib/.ignore': 'fixtures/\n',
      'lib/fixtures/f.ts': 'f',
      'lib/index.ts': 'i',
    },
    async (_ws, scan) => {
      const r = await scan();
      assert.deepEqual(filePaths(r), ['.gitignore', '.ignore', 'lib/.ignore', 'lib/index.ts', 'notes.md']);
      assert.deepEqual(reasons(r), { 'lib/fixtures': 'ignored', 'x.snap': 'ignored' });
    },
  );
});

test('.git/info/exclude is honored, below the root .gitignore', async () => {
  await withWorkspace(
    { '.git/info/exclude': '*.md\nscratch/\n', '.gitignore': '!README.md\n', 'README.md': 'r', 'notes.md': 'n', 'scratch/s.ts': 's', 'a.ts': 'a' },
    async (_ws, scan) => {
      const r = await scan();
      assert.deepEqual(filePaths(r), ['.gitignore', 'README.md', 'a.ts']);
      assert.deepEqual(reasons(r), { '.git': 'builtin-exclude', 'notes.md': 'ignored', scratch: 'ignored' });
    },
  );
});

test('include and exclude globs', async () => {
  await withWorkspace(
    {
      'README.md': 'r',
      'docs/guide.md': 'g',
      'src/a.ts': 'a',
      'src/a.test.ts': 't',
      'src/deep/b.ts': 'b',
      'src/vendor/v.ts': 'v',
      'src/vendor/w.ts': 'w',
      'scripts/run.sh': 's',
    },
    async (_ws, scan) => {
      const r = await scan({ include: ['src/**/*.ts', '*.md'], exclude: ['*.test.ts', 'src/vendor/**'] });
      assert.deepEqual(filePaths(r), ['README.md', 'docs/guide.md', 'src/a.ts', 'src/deep/b.ts']);
      assert.deepEqual(reasons(r), {
        'scripts/run.sh': 'ignored', // not matched by include
        'src/a.test.ts': 'ignored', // excluded by a glob without a slash, at any depth
        'src/vendor': 'ignored', // the excluded folder is pruned as a whole
      });
    },
  );
});

test('every built-in excluded folder is skipped as one entry, at any depth', async () => {
  const dirs = ['.git', 'node_modules', 'dist', 'build', 'out', 'target', '.next', 'coverage', '__pycache__', '.venv', 'venv', '.semsearch'];
  // Only folders go by these names: a file called `build` is a script, and kept.
  const files: Record<string, string> = { 'keep.ts': 'k', 'tools/build': 'make all' };
  for (const d of dirs) {
    files[`${d}/inner/file.ts`] = 'x';
    files[`${d}/other.ts`] = 'x';
    files[`pkg/${d}/nested.ts`] = 'x';
  }
  await withWorkspace(files, async (_ws, scan) => {
    const r = await scan();
    assert.deepEqual(filePaths(r), ['keep.ts', 'tools/build']);
    const expected: Record<string, string> = {};
    for (const d of dirs) {
      expected[d] = 'builtin-exclude';
      expected[`pkg/${d}`] = 'builtin-exclude';
    }
    assert.deepEqual(reasons(r), expected);
  });
});

test('lock files are built-in excludes', async () => {
  const locks = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock', 'composer.lock', 'Gemfile.lock', 'go.sum'];
  const files: Record<string, string> = { 'package.json': '{}', 'go.mod': 'module x' };
  for (const l of locks) {
    files[l] = 'lock';
    files[`sub/${l}`] = 'lock';
  }
  await withWorkspace(files, async (_ws, scan) => {
    const r = await scan();
    assert.deepEqual(filePaths(r), ['go.mod', 'package.json']);
    const expected: Record<string, string> = {};
    for (const l of locks) {
      expected[l] = 'builtin-exclude';
      expected[`sub/${l}`] = 'builtin-exclude';
    }
    assert.deepEqual(reasons(r), expected);
  });
});

test('the index folder is skipped when it lies inside the root, whatever its name', async () => {
  await withWorkspace({ 'a.ts': 'a', 'tools/my-index/vectors.txt': 'v', 'tools/b.ts': 'b' }, async (ws, scan) => {
    const r = await scan({ indexDir: path.join(ws.root, 'tools', 'my-index') });
    assert.deepEqual(filePaths(r), ['a.ts', 'tools/b.ts']);
    assert.deepEqual(reasons(r), { 'tools/my-index': 'builtin-exclude' });
    // A folder whose name merely starts with '..' is still inside the root.
    ws.write('..idx/data.txt', 'd');
    const r3 = await scan({ indexDir: path.join(ws.root, '..idx') });
    assert.equal(reasons(r3)['..idx'], 'builtin-exclude');
    ws.remove('..idx');
    // An index folder outside the root changes nothing.
    const r2 = await scan({ indexDir: path.join(os.tmpdir(), 'elsewhere-index') });
    assert.deepEqual(filePaths(r2), ['a.ts', 'tools/b.ts', 'tools/my-index/vectors.txt']);
  });
});

test('binary extensions are skipped by name, without reading', async () => {
  await withWorkspace(
    { 'logo.PNG': 'not really png', 'font.woff2': 'x', 'model.onnx': 'x', 'lib.wasm': 'x', 'doc.pdf': 'x', 'icon.svg': '<svg/>', 'a.ts': 'a' },
    async (_ws, scan) => {
      const r = await scan();
      assert.deepEqual(filePaths(r), ['a.ts', 'icon.svg']);
      assert.deepEqual(reasons(r), {
        'doc.pdf': 'binary',
        'font.woff2': 'binary',
        'lib.wasm': 'binary',
        'logo.PNG': 'binary',
        'model.onnx': 'binary',
      });
    },
  );
});

test('files over maxFileBytes are too-large; the limit itself is allowed; sizes and mtimes are reported', async () => {
  await withWorkspace({ 'ok.txt': 'x'.repeat(100), 'big.txt': 'x'.repeat(101) }, async (ws, scan) => {
    const r = await scan({ maxFileBytes: 100 });
    assert.deepEqual(filePaths(r), ['ok.txt']);
    assert.equal(r.files[0].size, 100);
    assert.equal(r.files[0].absPath, path.join(ws.root, 'ok.txt'));
    assert.equal(r.files[0].mtimeMs, fs.statSync(path.join(ws.root, 'ok.txt')).mtimeMs);
    assert.deepEqual(r.skipped, [{ path: 'big.txt', reason: 'too-large', detail: '101 bytes' }]);
  });
});

test('default size limit is 1 MB', async () => {
  await withWorkspace({ 'big.txt': Buffer.alloc(1_000_001, 0x61), 'ok.txt': Buffer.alloc(1_000_000, 0x61) }, async (_ws, scan) => {
    const r = await scan();
    assert.deepEqual(filePaths(r), ['ok.txt']);
    assert.deepEqual(reasons(r), { 'big.txt': 'too-large' });
  });
});

test('dangling links, FIFOs and unreadable folders are reported as unreadable', async (t) => {
  await withWorkspace({ 'a.ts': 'a', 'locked/x.ts': 'x' }, async (ws, scan) => {
    fs.symlinkSync(path.join(ws.root, 'missing.ts'), path.join(ws.root, 'dangling.ts'));
    execFileSync('mkfifo', [path.join(ws.root, 'pipe.ts')]);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) fs.chmodSync(path.join(ws.root, 'locked'), 0o000);
    try {
      const r = await scan();
      const byPath = reasons(r);
      assert.equal(byPath['dangling.ts'], 'unreadable');
      assert.equal(byPath['pipe.ts'], 'unreadable');
      assert.ok(!filePaths(r).includes('pipe.ts'));
      if (asRoot) {
        // chmod 000 does not stop root from reading, so that case cannot be produced here.
        t.diagnostic('running as root: chmod 000 does not block reads; unreadable folder assertion skipped');
        assert.deepEqual(filePaths(r), ['a.ts', 'locked/x.ts']);
      } else {
        assert.equal(byPath.locked, 'unreadable');
        assert.deepEqual(filePaths(r), ['a.ts']);
      }
    } finally {
      fs.chmodSync(path.join(ws.root, 'locked'), 0o755);
    }
  });
});

test('symlink loops terminate and are reported; links inside the root are followed', async () => {
  await withWorkspace({ 'a/b/file.ts': 'f', 'real/r.ts': 'r' }, async (ws, scan) => {
    fs.symlinkSync('../..', path.join(ws.root, 'a/b/up')); // back to the root
    fs.symlinkSync('.', path.join(ws.root, 'a/self')); // to itself
    fs.symlinkSync('real', path.join(ws.root, 'linked')); // a sibling folder: followed
    fs.symlinkSync('real/r.ts', path.join(ws.root, 'alias.ts')); // a file: followed
    fs.symlinkSync('cyc2', path.join(ws.root, 'cyc1')); // link -> link -> first link
    fs.symlinkSync('cyc1', path.join(ws.root, 'cyc2'));
    const r = await scan();
    assert.deepEqual(filePaths(r), ['a/b/file.ts', 'alias.ts', 'linked/r.ts', 'real/r.ts']);
    assert.deepEqual(reasons(r), {
      'a/b/up': 'symlink-loop',
      'a/self': 'symlink-loop',
      cyc1: 'symlink-loop',
      cyc2: 'symlink-loop',
    });
    const alias = r.files.find((f) => f.path === 'alias.ts')!;
    assert.equal(alias.absPath, path.join(ws.root, 'alias.ts'));
    assert.equal(alias.size, 1);
  });
});

test('links leading outside the root are not followed', async () => {
  const outside = makeTempWorkspace({ 'secret.ts': 's', 'dir/x.ts': 'x' });
  try {
    await withWorkspace({ 'a.ts': 'a' }, async (ws, scan) => {
      fs.symlinkSync(path.join(outside.root, 'secret.ts'), path.join(ws.root, 'file-link.ts'));
      fs.symlinkSync(path.join(outside.root, 'dir'), path.join(ws.root, 'dir-link'));
      const r = await scan();
      assert.deepEqual(filePaths(r), ['a.ts']);
      assert.deepEqual(reasons(r), { 'dir-link': 'symlink-outside', 'file-link.ts': 'symlink-outside' });
    });
  } finally {
    outside.cleanup();
  }
});

test('ignore rules are checked before following links', async () => {
  await withWorkspace({ '.gitignore': 'ext\n', 'a.ts': 'a' }, async (ws, scan) => {
    fs.symlinkSync(os.tmpdir(), path.join(ws.root, 'ext'));
    const r = await scan();
    assert.deepEqual(reasons(r), { ext: 'ignored' });
  });
});

test('output is relative, forward-slashed and sorted', async () => {
  await withWorkspace({ 'b/z.ts': 'z', 'a.ts': 'a', 'b/a.ts': 'a', 'B.ts': 'B', 'a/b/c/d.ts': 'd' }, async (_ws, scan) => {
    const r = await scan();
    assert.deepEqual(filePaths(r), ['B.ts', 'a.ts', 'a/b/c/d.ts', 'b/a.ts', 'b/z.ts']);
    for (const f of r.files) assert.ok(!f.path.includes('\\') && !path.isAbsolute(f.path));
  });
});

test('a missing root is an error, not an empty result', async () => {
  await assert.rejects(scanWorkspace({ root: path.join(os.tmpdir(), 'semsearch-no-such-root-xyz') }), /ENOENT/);
});

/** The least a walk can do: readdir every folder and stat every file, nothing else. */
async function bareWalk(root: string): Promise<number> {
  let files = 0;
  const walkDir = async (dir: string): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map((e) => {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) return walkDir(abs);
        files++;
        return fs.promises.stat(abs);
      }),
    );
  };
  await walkDir(root);
  return files;
}

async function bestOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

test('walking 10k files takes well under a second', async (t) => {
  const ws = makeTempWorkspace();
  try {
    for (let d = 0; d < 100; d++) {
      const dir = path.join(ws.root, `pkg${d}`, 'src');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(ws.root, `pkg${d}`, '.gitignore'), '*.log\n!keep.log\n');
      for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, `f${f}.ts`), '');
    }
    const r = await scanWorkspace({ root: ws.root });
    assert.equal(r.files.length, 10_100);
    // Best of two: the machine is shared, and one unlucky time slice is not the walk's fault.
    const ms = await bestOf(2, () => scanWorkspace({ root: ws.root }));
    const bare = await bestOf(2, () => bareWalk(ws.root));
    t.diagnostic(`scan ${ms.toFixed(0)} ms; bare readdir+stat ${bare.toFixed(0)} ms`);
    // Under 1 s on a quiet machine; when others load the CPU, allow what the syscalls alone cost, times 2.5.
    const budget = Math.max(1000, 2.5 * bare);
    assert.ok(ms < budget, `walk took ${ms.toFixed(0)} ms, budget ${budget.toFixed(0)} ms`);
  } finally {
    ws.cleanup();
  }
});

test('a file name that is not valid UTF-8 is skipped and says so (not ENOENT)', async () => {
  await withWorkspace({ 'ok.ts': 'export const a = 1;\n' }, async (ws) => {
    const bad = Buffer.concat([Buffer.from(ws.root + '/caf'), Buffer.from([0xe9]), Buffer.from('.ts')]);
    try {
      fs.writeFileSync(bad, 'export const b = 2;\n');
    } catch {
      return; // a file system that refuses such names has nothing to test
    }
    const r = await scanWorkspace({ root: ws.root });
    assert.deepEqual(filePaths(r), ['ok.ts']);
    const skipped = r.skipped.find((s) => s.path.startsWith('caf'));
    assert.equal(skipped?.reason, 'unreadable');
    assert.equal(skipped?.detail, 'the file name is not valid UTF-8');
  });
});
