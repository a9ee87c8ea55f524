// The code map keeps its layout across a window reload: the same point sits at the same place and the status
// says the layout was kept (read from the index folder, also by a window that is only a reader).
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { FIXTURE_FILES } from '../fixture';
import { findPoints, openMap, pointAt } from '../map';
import { PANEL } from '../selectors';
import { screenshot, session } from '../session';

suite('code map after a reload', () => {
  test('shows the same layout after the window reloads', async function () {
    this.timeout(240_000);
    const { page } = session();
    await A.closeAllEditors(page);
    const before = await openMap(page);
    const points = await findPoints(before.frame, 3);
    await screenshot('code-map-before-reload');

    await page.reload();
    await A.waitForWorkbench(page, Object.keys(FIXTURE_FILES).map((p) => p.split('/')[0]).sort()[0]);
    await A.closeAllEditors(page);
    const after = await openMap(page);
    assert.equal(after.chunks, before.chunks);
    assert.equal(after.clusters, before.clusters);
    assert.match(await after.frame.locator(PANEL.mapStatus).innerText(), /layout kept/);
    for (const p of points) {
      const tip = await pointAt(after.frame, p.x, p.y);
      assert.equal(tip, p.tooltip, `at (${p.x}, ${p.y}) the map showed "${p.tooltip}" before the reload`);
    }
    await screenshot('code-map-after-reload');
  });
});
