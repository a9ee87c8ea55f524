// (c) "Show Code Map" renders clusters (screenshot kept as an artifact); clicking a point opens its code.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import { CMD } from '../labels';
import { findPoint } from '../map';
import { PANEL } from '../selectors';
import { screenshot, session } from '../session';

suite('code map', () => {
  test('renders clusters, and a click on a point opens its code', async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    await A.runCommand(page, CMD.showMap);
    const frame = A.webview(page);
    await frame.locator(PANEL.mapView).waitFor({ state: 'visible', timeout: 20_000 });
    const status = frame.locator(PANEL.mapStatus).filter({ hasText: /\d+ chunks in \d+ clusters/ });
    await status.waitFor({ timeout: 60_000 });
    const [, chunks, clusters] = /(\d+) chunks in (\d+) clusters/.exec(await status.innerText())!.map(Number);
    assert.ok(chunks >= 5, `only ${chunks} chunks on the map`);
    assert.ok(clusters >= 2, `only ${clusters} cluster(s)`);
    assert.equal(await frame.locator(PANEL.clusterItem).count(), clusters, 'one list entry per cluster');
    await screenshot('code-map');

    const hit = await findPoint(frame);
    await frame.locator(PANEL.mapCanvas).click({ position: { x: hit.x, y: hit.y } });
    await A.waitForEditor(page, hit.path);
    const sel = await A.selectionLines(page);
    assert.equal(sel.start, hit.line, `the map point said ${hit.path}:${hit.line}; the editor shows "${sel.text}"`);
    await screenshot('code-map-opened');
  });
});
