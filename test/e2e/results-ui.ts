// Where the extension lists similar code: its panel webview (#similar-results), or a quick pick.
// One job: wait for a result mentioning some text, wherever the extension shows it.
import type { Locator, Page } from 'playwright-core';
import * as A from './actions';
import { PANEL } from './selectors';

export type ResultSurface = { kind: 'quickpick' | 'webview'; rows: Locator };

/** Resolves with the surface that first shows a result containing `text`. */
export async function waitForListedResult(page: Page, text: string, timeout = 20_000): Promise<ResultSurface> {
  const pickRows = A.quickInputRows(page);
  const panelRows = A.webview(page).locator(PANEL.similarResults);
  const inPick = pickRows.filter({ hasText: text }).first().waitFor({ timeout }).then(() => ({ kind: 'quickpick' as const, rows: pickRows }));
  const inPanel = panelRows.filter({ hasText: text }).first().waitFor({ timeout }).then(() => ({ kind: 'webview' as const, rows: panelRows }));
  try {
    return await Promise.any([inPick, inPanel]);
  } catch {
    throw new Error(`no similar-code result mentioning "${text}" in a quick pick or the panel within ${timeout} ms`);
  }
}
