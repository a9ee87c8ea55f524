// (e2) Search in the panel: each result is named and shows the line that matched, the query's words marked; no raw score.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { QUERIES } from '../fixture';
import { CMD, STATUS_READY } from '../labels';
import { PANEL } from '../selectors';
import { screenshot, session } from '../session';

suite('panel search results', () => {
  test('show the matching lines with the query words highlighted', async () => {
    const { page } = session();
    // The whole fixture indexed first (when this spec runs alone, the first pass may still be going).
    await A.statusItem(page).filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 });
    await A.closeAllEditors(page);
    await A.runCommand(page, CMD.showMap);
    const frame = A.webview(page);
    await frame.locator('#tab-search').click();
    // Words that occur in the target's code (split from its identifier), so the marks are certain.
    const { target } = QUERIES.retry;
    const query = 'exponential backoff';
    await frame.locator('#search-input').fill(query);
    await frame.locator('#search-input').press('Enter');
    const row = frame.locator(PANEL.searchResults).filter({ hasText: target.symbol }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.locator('.result-match mark').first().waitFor({ timeout: 10_000 });
    const marked = (await row.locator('.result-match mark').allInnerTexts()).map((t) => t.toLowerCase());
    assert.ok(marked.some((m) => m.includes('exponential') || m.includes('backoff')), `the target row marks ${JSON.stringify(marked)} for "${query}"`);
    assert.equal(await frame.locator(`${PANEL.searchResults} .result-score`).count(), 0, 'no raw scores in the panel');
    await screenshot('panel-search-highlights');
  });
});
