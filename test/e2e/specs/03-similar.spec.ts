// (b) Find Similar Code from the editor context menu on a selection lists the sibling from another file,
// not the selection itself; choosing it opens the sibling.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { assertOpensAt } from '../expect';
import { FIXTURE_FILES, lineOf, SIMILAR } from '../fixture';
import { MENU_FIND_SIMILAR } from '../labels';
import { waitForListedResult } from '../results-ui';
import { screenshot, session } from '../session';

/** Last line of the block that starts at `from`: the first line after it that is just "}". */
function blockEnd(rel: string, from: number): number {
  const lines = FIXTURE_FILES[rel].split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i] === '}') return i + 1;
  throw new Error(`no closing brace after line ${from} in ${rel}`);
}

suite('find similar code', () => {
  test(`selection of ${SIMILAR.source.symbol} lists ${SIMILAR.sibling.symbol} in ${SIMILAR.sibling.path}`, async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    await A.openFile(page, SIMILAR.source.path);
    const from = lineOf(SIMILAR.source.path, SIMILAR.source.lineText);
    await A.selectLines(page, from, blockEnd(SIMILAR.source.path, from));
    await A.editorContextMenu(page, MENU_FIND_SIMILAR);

    const surface = await waitForListedResult(page, SIMILAR.sibling.path);
    await screenshot('similar-results');
    const sibling = surface.rows.filter({ hasText: SIMILAR.sibling.path }).first();
    assert.match(await sibling.innerText(), new RegExp(SIMILAR.sibling.symbol), 'the sibling result names the function');
    // The selection itself is not a result (other chunks of the same file may be).
    const texts = await surface.rows.allInnerTexts();
    assert.ok(
      !texts.some((t) => t.includes(SIMILAR.source.symbol) && t.includes(SIMILAR.source.path)),
      `the selected ${SIMILAR.source.symbol} is listed as similar to itself:\n${texts.join('\n---\n')}`,
    );

    if (surface.kind === 'quickpick') {
      await A.focusQuickInputRow(page, [SIMILAR.sibling.symbol, SIMILAR.sibling.path]);
      await page.keyboard.press('Enter');
    } else {
      await sibling.click();
    }
    await A.waitForEditor(page, SIMILAR.sibling.path);
    assertOpensAt(await A.selectionLines(page), lineOf(SIMILAR.sibling.path, SIMILAR.sibling.lineText), SIMILAR.sibling.symbol);
  });
});
