// (e4) Accessibility: axe-core, injected into the panel's and the view's webview frames in Chromium, reports no
// serious or critical violation — the panel's three tabs with content, and the view with results and its filters open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import * as A from '../actions';
import { QUERIES } from '../fixture';
import { CMD, STATUS_READY } from '../labels';
import { PANEL, VIEW, VIEW_WEBVIEW_OUTER, WEBVIEW_OUTER } from '../selectors';
import { screenshot, session } from '../session';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe in a webview's frame (evaluated through the DevTools protocol, so the webview's CSP does not block it). */
async function axeViolations(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate('typeof axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  // A string: this runs in the page (no DOM types in the test's compilation).
  return frame.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`) as Promise<Violation[]>;
}

async function check(frame: Frame, where: string): Promise<void> {
  const violations = await axeViolations(frame);
  for (const v of violations) console.log(`      axe ${where}: ${v.impact} ${v.id} — ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  assert.deepEqual(blocking.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`), [], `axe in ${where}`);
}

suite('accessibility (axe-core)', () => {
  suiteSetup(async () => {
    const { page } = session();
    await A.statusItem(page).filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 });
  });

  test('the panel: search results, similar code and the code map', async () => {
    const { page } = session();
    await A.runCommand(page, CMD.showMap);
    const panel = A.webview(page);
    await panel.locator(PANEL.clusterItem).first().waitFor({ timeout: 60_000 });
    const frame = await A.webviewFrame(page, WEBVIEW_OUTER);
    await check(frame, 'the panel, code map tab');

    await panel.locator('#tab-search').click();
    await panel.locator('#search-input').fill(QUERIES.retry.query);
    await panel.locator('#search-input').press('Enter');
    await panel.locator(PANEL.searchResults).first().waitFor({ timeout: 30_000 });
    await check(frame, 'the panel, search tab');

    await panel.locator(`${PANEL.searchResults} .result-similar`).first().click();
    await panel.locator(PANEL.similarResults).first().waitFor({ timeout: 30_000 });
    await check(frame, 'the panel, similar code tab');
  });

  test('the Semantic Search view: results grouped by file, filters open', async () => {
    const { page } = session();
    await A.runCommand(page, CMD.focusView);
    const view = A.viewWebview(page);
    await view.locator(VIEW.query).fill(QUERIES.welcome.query);
    await view.locator(VIEW.query).press('Enter');
    await view.locator(VIEW.result).first().waitFor({ timeout: 30_000 });
    if (!(await view.locator(VIEW.filters).isVisible())) await view.locator(VIEW.toggleFilters).click();
    await view.locator(VIEW.filters).waitFor({ state: 'visible' });
    const frame = await A.webviewFrame(page, VIEW_WEBVIEW_OUTER);
    await check(frame, 'the view');
    await screenshot('search-view-accessibility');
    await A.runCommand(page, 'View: Show Explorer');
  });
});
