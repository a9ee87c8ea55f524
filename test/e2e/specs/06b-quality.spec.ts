// (g) Measure Search Quality on the fixture workspace shows its report on the panel's Quality tab: a bar chart
// in the theme's chart colours and tables with NDCG@10, MRR@10 and Recall per mode, overall and per language.
// Adapt Search, run from the tab's own button, says whether the adapter is used and why. Open as Markdown
// gives the same numbers as text.
import * as assert from 'node:assert/strict';
import * as A from '../actions';
import type { Page } from 'playwright-core';
import { CMD, QUALITY, STATUS_READY, THEME } from '../labels';
import { ACTIVE_EDITOR, PANEL } from '../selectors';
import { screenshot, session } from '../session';

const MODES = ['hybrid', 'semantic', 'lexical'];

async function setColorTheme(page: Page, theme: string): Promise<void> {
  await A.runCommand(page, CMD.colorTheme, { keepQuickInput: true });
  await A.fillQuickInput(page, theme);
  await A.quickInputRows(page, theme).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
}

interface Bar {
  group: string;
  series: string;
  width: number;
  title: string;
  fill: string;
  themeVariable: string;
  /** The theme variable resolved to a colour by the browser ('' when the theme lacks it). */
  themeColour: string;
}

/** Runs in the webview: each bar, its fill, and its series' theme colour resolved by the browser. */
function barsInBrowser(rects: unknown[]): Bar[] {
  // This project's e2e code compiles without DOM types: the browser's globals, loosely typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const w = globalThis as any;
  const variables = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return rects.map((r: any) => {
    const themeVariable = variables[Number(/series-(\d)/.exec(r.getAttribute('class'))![1])];
    const probe = w.document.createElement('span');
    probe.style.color = `var(${themeVariable}, transparent)`;
    w.document.body.append(probe);
    const defined = w.getComputedStyle(w.document.body).getPropertyValue(themeVariable).trim() !== '';
    const themeColour = defined ? w.getComputedStyle(probe).color : '';
    probe.remove();
    return { group: r.dataset.group, series: r.dataset.series, width: r.width.baseVal.value, title: r.querySelector('title').textContent, fill: w.getComputedStyle(r).fill, themeVariable, themeColour };
  });
}

suite('search quality report', () => {
  test('Measure Search Quality shows a table and a bar chart in the panel; Adapt reports its verdict', async () => {
    const { page } = session();
    await A.statusItem(page).filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 }); // measuring needs the index
    await A.closeAllEditors(page);
    await A.runCommand(page, CMD.measureQuality);
    const frame = A.webview(page);
    await frame.locator(PANEL.qualityView).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator(PANEL.qualityTitle).filter({ hasText: /^Search quality of / }).waitFor({ timeout: 120_000 });

    // The first table: a row per mode for all questions, each with five metrics in 0..1 and a question count.
    const overall = frame.locator(PANEL.qualityTable).first();
    assert.equal(await overall.locator('caption').innerText(), 'Overall');
    assert.deepEqual(await overall.locator('thead th').allInnerTexts(), ['Set', 'mode', 'NDCG@10', 'MRR@10', 'Recall@1', 'Recall@5', 'Recall@10', 'questions']);
    const allRows = overall.locator('tbody tr').filter({ has: frame.locator('th', { hasText: /^all$/ }) });
    assert.deepEqual(await allRows.locator('td[data-col="mode"]').allInnerTexts(), MODES);
    const ndcg: Record<string, string> = {};
    for (const mode of MODES) {
      const cells = await allRows.filter({ hasText: mode }).locator('td').allInnerTexts();
      for (const v of cells.slice(1, 6)) assert.match(v, /^[01]\.\d{3}$/, `${mode}: ${cells.join(' ')}`);
      assert.ok(Number(cells[6]) > 0, `${mode}: no questions counted (${cells.join(' ')})`);
      ndcg[mode] = cells[1];
    }
    const languages = frame.locator(PANEL.qualityTable).filter({ has: frame.locator('caption', { hasText: 'By language' }) });
    const languageNames = new Set(await languages.locator('tbody th').allInnerTexts());
    for (const language of ['typescript', 'python']) assert.ok(languageNames.has(language), `no ${language} row: ${[...languageNames].join(', ')}`);

    // The chart: bars per group and mode, their widths proportional to the table's NDCG@10, filled with the theme's chart colours.
    const chart = frame.locator(PANEL.qualityChart);
    await chart.waitFor({ state: 'visible' });
    assert.equal(await chart.getAttribute('role'), 'img');
    const bars = await frame.locator(PANEL.qualityBar).evaluateAll(barsInBrowser);
    const allBars = bars.filter((b) => b.group === 'all');
    assert.deepEqual(allBars.map((b) => b.series), MODES);
    for (const b of allBars) assert.match(b.title, new RegExp(`NDCG@10 ${ndcg[b.series].replace('.', '\\.')}$`), `bar of ${b.series} says "${b.title}", table ${ndcg[b.series]}`);
    const best = Math.max(...Object.values(ndcg).map(Number));
    const maxWidth = Math.max(...allBars.map((b) => b.width));
    assert.ok(best === 0 || maxWidth > 0, 'every bar is empty');
    for (const b of allBars) if (best > 0) assert.ok(Math.abs(b.width / maxWidth - Number(ndcg[b.series]) / best) < 0.01, `bar width of ${b.series} is not proportional to its NDCG@10`);
    assert.ok(bars.some((b) => b.group !== 'all'), 'no per-language bars');
    for (const b of bars) {
      assert.notEqual(b.themeColour, '', `the theme defines no ${b.themeVariable}`);
      assert.equal(b.fill, b.themeColour, `${b.group}/${b.series} is not filled with ${b.themeVariable}`);
    }
    await screenshot('quality-report');

    // Theme-aware: in another theme the same bars take that theme's chart colours.
    await setColorTheme(page, THEME.highContrast);
    await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 20_000 });
    const hcBars = await frame.locator(PANEL.qualityBar).evaluateAll(barsInBrowser);
    assert.equal(hcBars.length, bars.length);
    for (const b of hcBars) assert.equal(b.fill, b.themeColour, `${b.group}/${b.series} in high contrast is not filled with ${b.themeVariable}`);
    assert.notEqual(hcBars[0].fill, allBars[0].fill, 'the hybrid bars kept their colour in another theme');
    await screenshot('quality-report-high-contrast');
    await setColorTheme(page, THEME.light);
    await frame.locator('body.vscode-light').waitFor({ timeout: 20_000 });

    // Adapt, from the tab's button: the fixture has too few documented definitions to train, and the report says so.
    await frame.getByRole('button', { name: QUALITY.adaptButton }).click();
    await frame.locator(PANEL.qualityTitle).filter({ hasText: /^Query adapter for / }).waitFor({ timeout: 120_000 });
    const verdict = await frame.locator(PANEL.qualityVerdict).innerText();
    assert.match(verdict, QUALITY.verdict);
    await screenshot('quality-adapt');

    // Open as Markdown: the same report as an editor's text.
    await frame.getByRole('button', { name: QUALITY.markdownButton }).click();
    // \s: the editor renders spaces as no-break spaces.
    await page.locator(ACTIVE_EDITOR).filter({ hasText: /#\sQuery\sadapter\sfor/ }).first().waitFor({ timeout: 20_000 });
    // The report is an unsaved editor: closed without saving, so the next spec's Close All Editors asks nothing.
    await A.runCommand(page, 'View: Revert and Close Editor');
  });
});
