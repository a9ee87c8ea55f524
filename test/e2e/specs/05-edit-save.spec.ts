// (d) Editing and saving a file changes the results without a manual reindex.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { EDIT } from '../fixture';
import { CMD } from '../labels';
import { CURSOR_POSITION } from '../selectors';
import { screenshot, session } from '../session';

/** Runs the palette search and reports whether a row names `symbol` (after results settle). */
async function searchLists(query: string, symbol: string, waitMs: number): Promise<boolean> {
  const { page } = session();
  await A.runCommand(page, CMD.search, { keepQuickInput: true });
  await A.fillQuickInput(page, query);
  try {
    await A.quickInputRows(page, symbol).first().waitFor({ timeout: waitMs });
    return true;
  } catch {
    return false;
  }
}

suite('edit and save', () => {
  test(`saving ${EDIT.path} with a new function makes "${EDIT.query}" find it`, async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    // Before: there is no such function anywhere (results for the query do appear, just not this one).
    await A.runCommand(page, CMD.search, { keepQuickInput: true });
    await A.fillQuickInput(page, EDIT.query);
    await A.quickInputRows(page).first().waitFor({ timeout: 20_000 });
    assert.equal(await A.quickInputRows(page, EDIT.symbol).count(), 0, `${EDIT.symbol} listed before it was written`);
    await page.keyboard.press('Escape');

    await A.openFile(page, EDIT.path);
    await A.replaceEditorText(page, EDIT.content);
    await A.save(page);

    // The watcher/editor-save path updates the index in the background; poll the UI as a user would.
    const deadline = Date.now() + 60_000;
    let found = false;
    while (!found && Date.now() < deadline) found = await searchLists(EDIT.query, EDIT.symbol, 5_000);
    await screenshot('edit-save-results');
    assert.ok(found, `${EDIT.symbol} never appeared in the results within 60 s of saving`);
    await A.focusQuickInputRow(page, EDIT.symbol);
    await page.keyboard.press('Enter');
    await A.waitForEditor(page, EDIT.path);
    // The file was already open: wait until the result's range is selected, or that late focus change closes
    // whatever the next spec opens (the command palette).
    await page.locator(CURSOR_POSITION).filter({ hasText: 'selected' }).waitFor({ timeout: 20_000 });
  });
});
