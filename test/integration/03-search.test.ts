import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lineOf, QUERIES } from '../e2e/fixture';
import { getApi, workspaceRoot } from './api';

/** The intended chunk must be among the first few (the static stand-in model is weaker than MiniLM). */
const MAX_RANK = 3;

suite('search', () => {
  suiteSetup(async () => {
    await (await getApi()).whenIndexed();
  });

  for (const { query, target } of Object.values(QUERIES)) {
    test(`"${query}" finds ${target.symbol}`, async () => {
      const api = await getApi();
      const results = await api.search(query, { k: 10 });
      const def = lineOf(target.path, target.lineText);
      const rank = results.findIndex((r) => r.path === target.path && r.startLine <= def && r.endLine >= def);
      const listing = results.map((r, i) => `${i + 1}. ${r.path}:${r.startLine}-${r.endLine} ${r.symbol} ${r.score.toFixed(3)}`).join('\n');
      assert.ok(rank >= 0 && rank < MAX_RANK, `${target.path}:${def} is ${rank < 0 ? 'missing' : `#${rank + 1}`}:\n${listing}`);
      const hit = results[rank];
      assert.ok(hit.file.endsWith(target.path), `absolute path ${hit.file}`);
      assert.match(hit.symbol, new RegExp(target.symbol));
    });
  }

  test('results carry absolute and workspace-relative paths and 1-based ranges, best first', async () => {
    const api = await getApi();
    const results = await api.search(QUERIES.welcome.query, { k: 8 });
    assert.ok(results.length > 0);
    for (const r of results) {
      assert.equal(r.file, path.join(workspaceRoot(), ...r.path.split('/')), `file/path disagree: ${r.file} vs ${r.path}`);
      assert.ok(!r.path.includes('\\') && !path.isAbsolute(r.path), `path not relative/forward-slashed: ${r.path}`);
      assert.ok(r.startLine >= 1 && r.startLine <= r.endLine, `range ${r.startLine}-${r.endLine}`);
    }
    const scores = results.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'sorted by score');
  });

  test('lexical mode finds an identifier verbatim', async () => {
    const api = await getApi();
    const results = await api.search('formatBytes', { k: 5, mode: 'lexical' });
    assert.equal(results[0]?.path, 'lib/batching.js', JSON.stringify(results.map((r) => r.path)));
  });
});
