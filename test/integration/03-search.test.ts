import * as assert from 'node:assert/strict';
import { lineOf, QUERIES } from '../e2e/fixture';
import { getApi } from './api';

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

  test('lexical mode finds an identifier verbatim', async () => {
    const api = await getApi();
    const results = await api.search('formatBytes', { k: 5, mode: 'lexical' });
    assert.equal(results[0]?.path, 'lib/batching.js', JSON.stringify(results.map((r) => r.path)));
  });
});
