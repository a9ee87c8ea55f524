// (e3) The Semantic Search view: the QuickPick's "Send to Semantic Search view" fills it; results are grouped by file
// with the matched words marked; the filters (code / docs / tests, language, files to include / exclude) change what
// the engine returns; Find Similar on a result fills the view; the view comes back after a reload; and the search
// keybinding works with the focus inside the panel's webview and inside the view's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import * as A from '../actions';
import { assertOpensAt } from '../expect';
import { lineOf, QUERIES } from '../fixture';
import { CMD, SEARCH_PLACEHOLDER, SEND_TO_VIEW, STATUS_READY } from '../labels';
import { QUICK_INPUT, QUICK_INPUT_BOX, VIEW, WORKBENCH, quickInputButton } from '../selectors';
import { screenshot, session } from '../session';

/** Words of the retry function's name: the code, its test and nothing else in the fixture hold both. */
const QUERY = 'exponential backoff';
const { target } = QUERIES.retry;
const TEST_FILE = 'tests/test_retry.py';
/** Written during the run, and removed again. */
const FRESH = {
  path: 'services/backoff_policy.py',
  content: 'def exponential_backoff_delays(attempts, base=0.5):\n    "Pauses of an exponential backoff, one per attempt."\n    return [base * 2 ** i for i in range(attempts)]\n',
};

/** The file paths of the view's groups, in order, once the answer to the view's latest request is drawn. */
async function groupPaths(frame: FrameLocator): Promise<string[]> {
  await frame.locator(VIEW.settled).waitFor({ state: 'attached', timeout: 30_000 });
  return frame.locator(`${VIEW.group} ${VIEW.groupHeader}`).evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
}

/** Makes a change in the view (a filter), then reads the groups of the answer to it. */
async function pathsAfter(frame: FrameLocator, change: () => Promise<void>): Promise<string[]> {
  await change();
  return groupPaths(frame);
}

/** Presses the search keybinding and expects the search QuickPick; closes it again. */
async function keybindingOpensSearch(page: Page, where: string): Promise<void> {
  await page.keyboard.press('Control+Alt+F');
  const box = page.locator(QUICK_INPUT_BOX);
  await box.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`Ctrl+Alt+F with the focus in ${where} did not open the search QuickPick`);
  });
  assert.match((await box.getAttribute('placeholder')) ?? '', new RegExp(SEARCH_PLACEHOLDER), `the QuickPick opened from ${where} is the search`);
  await page.keyboard.press('Escape');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
}

suite('Semantic Search view', () => {
  suiteSetup(async () => {
    const { page } = session();
    await A.statusItem(page).filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 });
    await A.closeAllEditors(page);
  });

  test("the QuickPick's button fills the view: results grouped by file, the query's words marked", async () => {
    const { page } = session();
    await A.runCommand(page, CMD.search, { keepQuickInput: true });
    await A.fillQuickInput(page, QUERY);
    await A.quickInputRows(page, target.path).first().waitFor({ timeout: 20_000 });
    // The palette row's click left the mouse over the input, whose hover can cover the title bar's buttons.
    await page.mouse.move(1200, 800);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await page.locator(quickInputButton(SEND_TO_VIEW)).first().click();
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });

    const view = A.viewWebview(page);
    await view.locator(VIEW.query).waitFor({ timeout: 20_000 });
    const paths = await groupPaths(view);
    assert.equal(await view.locator(VIEW.query).inputValue(), QUERY, 'the view holds the QuickPick query');
    assert.ok(paths.includes(target.path) && paths.includes(TEST_FILE), `groups: ${JSON.stringify(paths)}`);
    assert.equal(new Set(paths).size, paths.length, 'one group per file');
    const group = view.locator(VIEW.group).filter({ has: view.locator(`${VIEW.groupHeader}[title="${target.path}"]`) });
    const row = group.locator('li.result').filter({ hasText: target.symbol }).first();
    const marked = (await row.locator('.result-match mark').allInnerTexts()).map((t) => t.toLowerCase());
    assert.ok(marked.some((m) => m.includes('exponential') || m.includes('backoff')), `marks in the target row: ${JSON.stringify(marked)}`);

    // Keyboard: ↓ from the box focuses the first result, ↓/↑ move (across files), Enter opens it with its range selected.
    const focused = (i: number) => view.locator(VIEW.result).nth(i).evaluate((e) => e === e.ownerDocument.activeElement);
    await view.locator(VIEW.query).press('ArrowDown');
    assert.ok(await focused(0), 'ArrowDown in the box focuses the first result');
    assert.ok((await view.locator(VIEW.result).first().innerText()).includes(target.symbol), 'the first result is the target');
    await page.keyboard.press('ArrowDown');
    assert.ok(await focused(1), 'ArrowDown moves to the next result (the next file)');
    await page.keyboard.press('ArrowUp');
    assert.ok(await focused(0), 'ArrowUp moves back');
    await page.keyboard.press('Enter');
    await A.waitForEditor(page, target.path);
    assertOpensAt(await A.selectionLines(page), lineOf(target.path, target.lineText), target.symbol);
    await screenshot('search-view');
  });

  test('filters: code / docs / tests, language, files to include and exclude', async () => {
    const { page } = session();
    const view = A.viewWebview(page);
    await view.locator(VIEW.toggleFilters).click();
    await view.locator(VIEW.filters).waitFor({ state: 'visible' });

    const testsOnly = await pathsAfter(view, async () => {
      await view.locator(VIEW.typeBox('code')).uncheck();
      await view.locator(VIEW.typeBox('docs')).uncheck();
    });
    assert.ok(testsOnly.length > 0 && testsOnly.every((p) => p.startsWith('tests/')), `tests only: ${JSON.stringify(testsOnly)}`);

    const codeOnly = await pathsAfter(view, async () => {
      await view.locator(VIEW.typeBox('code')).check();
      await view.locator(VIEW.typeBox('tests')).uncheck();
    });
    assert.ok(codeOnly.includes(target.path), `code only: ${JSON.stringify(codeOnly)}`);
    assert.ok(codeOnly.every((p) => !p.startsWith('tests/') && !p.endsWith('.md')), `code only: ${JSON.stringify(codeOnly)}`);

    const docsOnly = await pathsAfter(view, async () => {
      await view.locator(VIEW.typeBox('docs')).check();
      await view.locator(VIEW.typeBox('code')).uncheck();
    });
    assert.ok(docsOnly.every((p) => p.endsWith('.md')), `docs only: ${JSON.stringify(docsOnly)}`);

    // All kinds again; Python only, tests excluded by a glob.
    const python = await pathsAfter(view, async () => {
      await view.locator(VIEW.typeBox('code')).check();
      await view.locator(VIEW.typeBox('tests')).check();
      await view.locator(VIEW.language).selectOption('python');
    });
    assert.ok(python.includes(TEST_FILE) && python.every((p) => p.endsWith('.py')), `python: ${JSON.stringify(python)}`);
    const noTests = await pathsAfter(view, () => view.locator(VIEW.exclude).fill('tests'));
    assert.ok(noTests.includes(target.path) && noTests.every((p) => p.endsWith('.py') && !p.startsWith('tests/')), `python, tests excluded: ${JSON.stringify(noTests)}`);

    // Files to include: only the Go server, whatever the query (language back to any, exclude cleared).
    await view.locator(VIEW.language).selectOption('');
    await view.locator(VIEW.exclude).fill('');
    const included = await pathsAfter(view, () => view.locator(VIEW.include).fill('cmd/**'));
    assert.ok(included.length > 0 && included.every((p) => p.startsWith('cmd/')), `include cmd/**: ${JSON.stringify(included)}`);
    await screenshot('search-view-filters');

    const all = await pathsAfter(view, () => view.locator(VIEW.include).fill(''));
    assert.ok(all.includes(target.path) && all.includes(TEST_FILE), `no filters: ${JSON.stringify(all)}`);
  });

  test('Find Similar on a result fills the view; the view comes back after a reload', async () => {
    const { page } = session();
    const view = A.viewWebview(page);
    const row = view.locator(VIEW.result).filter({ hasText: target.symbol }).first();
    await row.locator('.result-similar').click();
    await view.locator(VIEW.similarBar).waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await view.locator(VIEW.similarBar).innerText(), new RegExp(`Similar to ${target.symbol}`));
    const similar = await groupPaths(view);
    assert.ok(similar.length > 0, 'similar code listed');
    // The source itself is not among its similar results.
    const own = view.locator(VIEW.group).filter({ has: view.locator(`${VIEW.groupHeader}[title="${target.path}"]`) }).locator('li.result').filter({ hasText: target.symbol });
    assert.equal(await own.count(), 0, 'the source range is not listed as similar to itself');

    // Back to the query, then reload the window: the view shows the same query and results again.
    await view.locator(VIEW.similarBack).click();
    await view.locator(VIEW.similarBar).waitFor({ state: 'hidden' });
    const before = await groupPaths(view);
    // Developer: Reload Window, as a user would (a browser reload may cut off the workbench's last storage writes).
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
    await A.runCommand(page, CMD.reloadWindow);
    await reloaded;
    // The sidebar shows the view again (not the explorer): wait for the workbench and the extensions only.
    await page.locator(WORKBENCH).waitFor({ state: 'visible', timeout: 90_000 });
    await page.waitForFunction(() => performance.getEntriesByName('code/didLoadExtensions').length > 0, undefined, { timeout: 90_000 });
    const again = A.viewWebview(page);
    await again.locator(VIEW.query).waitFor({ timeout: 60_000 });
    // The box is in the page's HTML; its script fills it from the saved state and then asks for results, so read the
    // box once the results are drawn (reading it as soon as it exists raced the script: CI saw '' once).
    const after = await groupPaths(again);
    assert.equal(await again.locator(VIEW.query).inputValue(), QUERY, 'the query survives a reload');
    assert.deepEqual(after, before, 'the same results after a reload');
  });

  test('results stay current: a file written on disk shows up in the view without a new search', async () => {
    const { page, workspace } = session();
    await A.runCommand(page, CMD.focusView);
    const view = A.viewWebview(page);
    await view.locator(VIEW.query).fill(QUERY);
    const before = await groupPaths(view);
    assert.ok(!before.includes(FRESH.path), `${FRESH.path} listed before it exists`);
    const file = path.join(workspace, FRESH.path);
    fs.writeFileSync(file, FRESH.content);
    try {
      // Nothing typed or clicked: the index update (file watcher) makes the view search again.
      await view.locator(`${VIEW.groupHeader}[title="${FRESH.path}"]`).waitFor({ timeout: 60_000 });
    } finally {
      fs.rmSync(file, { force: true });
    }
    await view.locator(`${VIEW.groupHeader}[title="${FRESH.path}"]`).waitFor({ state: 'detached', timeout: 60_000 });
  });

  test('the search keybinding works with the focus in the panel and in the view', async () => {
    const { page } = session();
    await A.runCommand(page, CMD.focusView);
    const view = A.viewWebview(page);
    await view.locator(VIEW.query).fill(QUERY);
    assert.ok((await groupPaths(view)).length > 0, 'results to focus');
    await view.locator(VIEW.query).click();
    await keybindingOpensSearch(page, 'the Semantic Search view');
    await view.locator(VIEW.result).first().focus();
    await keybindingOpensSearch(page, 'a result of the Semantic Search view');

    await A.runCommand(page, CMD.showMap);
    const panel = A.webview(page);
    await panel.locator('#tab-search').click();
    await panel.locator('#search-input').click();
    await keybindingOpensSearch(page, 'the panel');
  });

  suiteTeardown(async () => {
    // The specs after this one expect the explorer in the sidebar.
    await A.runCommand(session().page, 'View: Show Explorer');
  });
});
