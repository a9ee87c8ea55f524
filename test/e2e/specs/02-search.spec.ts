// (a) Palette search: a query worded unlike the code lists the intended function; Enter opens it at its line.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { lineOf, QUERIES } from '../fixture';
import { assertOpensAt } from '../expect';
import { CMD } from '../labels';
import { screenshot, session } from '../session';

/** How far down the list the intended result may be (the static stand-in model is weaker than MiniLM). */
const MAX_RANK = 3;

suite('palette search', () => {
  setup(async () => {
    await A.closeAllEditors(session().page);
  });

  for (const key of ['distance', 'retry'] as const) {
    const { query, target } = QUERIES[key];
    test(`"${query}" opens ${target.symbol} in ${target.path}`, async () => {
      const { page } = session();
      await A.runCommand(page, CMD.search, { keepQuickInput: true });
      await A.fillQuickInput(page, query);
      await A.quickInputRows(page, target.path).filter({ hasText: target.symbol }).first().waitFor({ timeout: 20_000 });
      await screenshot(`search-${key}-results`);
      const rank = await A.focusQuickInputRow(page, [target.symbol, target.path], MAX_RANK - 1);
      assert.ok(rank < MAX_RANK, `${target.path} is result #${rank + 1}`);
      console.log(`      ${target.symbol} is result #${rank + 1}`);
      await page.keyboard.press('Enter');

      const editor = await A.waitForEditor(page, target.path);
      const defLine = lineOf(target.path, target.lineText);
      assertOpensAt(await A.selectionLines(page), defLine, target.symbol);
      await editor.locator('.view-line', { hasText: target.symbol }).first().waitFor({ state: 'visible' });
      await screenshot(`search-${key}-opened`);
    });
  }
});
