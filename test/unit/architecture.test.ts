// Dependency direction (design.md §8) as a test: only src/extension may import vscode,
// and the engine never reaches into its front ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/models';

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of src.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

const SRC = path.join(repoRoot(), 'src');

describe('architecture', () => {
  it('src/core, src/cli, src/shared and src/webview never import vscode', () => {
    const offenders = ['core', 'cli', 'shared', 'webview']
      .flatMap((d) => tsFiles(path.join(SRC, d)))
      .filter((f) => imports(f).includes('vscode'))
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(offenders, []);
  });

  it('src/core imports nothing from the extension, the CLI or the webview', () => {
    const offenders = tsFiles(path.join(SRC, 'core')).filter((f) =>
      imports(f).some((i) => i.startsWith('.') && /[\\/](extension|cli|webview)([\\/]|$)/.test(path.resolve(path.dirname(f), i).slice(SRC.length))),
    );
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('src/shared imports nothing at all', () => {
    const offenders = tsFiles(path.join(SRC, 'shared')).filter((f) => imports(f).length > 0);
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('front ends use the engine only through its facade (src/core/index.ts)', () => {
    const offenders = ['extension', 'cli']
      .flatMap((d) => tsFiles(path.join(SRC, d)))
      .filter((f) =>
        imports(f).some((i) => {
          if (!i.startsWith('.')) return false;
          const target = path.resolve(path.dirname(f), i);
          const rel = path.relative(path.join(SRC, 'core'), target);
          return !rel.startsWith('..') && rel !== '' && rel !== 'index';
        }),
      )
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(offenders, []);
  });
});
