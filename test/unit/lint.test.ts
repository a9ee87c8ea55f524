// The module map of docs/ARCHITECTURE.md is enforced by ESLint (eslint.config.mjs). These tests lint
// small snippets as if they were files at given paths (nothing is written) and check that a forbidden
// import fails and an allowed one passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/models';

// ESLint is an ES module; tsc (module node16, CommonJS output) would turn a plain import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<typeof import('eslint')>;

async function problems(filePath: string, code: string): Promise<string[]> {
  const { ESLint } = await importEsm('eslint');
  const eslint = new ESLint({ cwd: repoRoot() });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot()}/${filePath}` });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: module boundaries', () => {
  it('a leaf core folder may not import the pipeline', async () => {
    const found = await problems('src/core/scan/probe.ts', "import { indexAll } from '../pipeline/indexer';\nexport const x = indexAll;\n");
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^import-x\/no-restricted-paths: .*core\/scan may import only/);
  });

  it('the query layer may use search and the store', async () => {
    assert.deepEqual(await problems('src/core/query/probe.ts', "import { hybridSearch } from '../search';\nimport type { IndexStore } from '../store/types';\nexport const x: [typeof hybridSearch, IndexStore?] = [hybridSearch];\n"), []);
  });

  it('vscode only in src/extension', async () => {
    const code = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
    assert.match((await problems('src/core/store/probe.ts', code)).join('\n'), /no-restricted-imports: .*Only src\/extension imports vscode/);
    assert.match((await problems('src/webview/probe.ts', code)).join('\n'), /Only src\/extension imports vscode/);
    assert.deepEqual(await problems('src/extension/probe.ts', code), []);
  });

  it('front ends only through src/core/index.ts', async () => {
    const deep = await problems('src/cli/probe.ts', "import { createEngine } from '../core/engine';\nexport const x = createEngine;\n");
    assert.match(deep.join('\n'), /facade, src\/core\/index\.ts/);
    assert.deepEqual(await problems('src/cli/probe.ts', "import { createEngine } from '../core';\nexport const x = createEngine;\n"), []);
    assert.match((await problems('src/extension/commands/probe.ts', "import { toResult } from '../../core/query/toResult';\nexport const x = toResult;\n")).join('\n'), /facade/);
  });

  it('src/shared imports nothing; the engine never imports a front end', async () => {
    assert.match((await problems('src/shared/probe.ts', "import type { PanelTab } from './messages';\nexport type X = PanelTab;\n")).join('\n'), /src\/shared imports nothing/);
    assert.match((await problems('src/core/probe.ts', "import { COMMANDS } from '../shared/extensionApi';\nexport const x = COMMANDS;\n")).join('\n'), /never imports/);
  });
});
