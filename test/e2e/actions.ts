// Things a user does in the workbench, as small awaitable steps built on selectors.ts.
// One job: drive the UI. No assertions about the extension here (specs do that).
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import * as S from './selectors';

const T = { short: 20_000, long: 90_000 };

/** Waits until the workbench shows the folder and the remote extensions are registered. */
export async function waitForWorkbench(page: Page, anyTopLevelName: string): Promise<void> {
  await page.locator(S.WORKBENCH).waitFor({ state: 'visible', timeout: T.long });
  await page.locator(S.STATUSBAR).waitFor({ state: 'visible', timeout: T.long });
  await page.locator(`${S.EXPLORER_ROW}[aria-label^="${anyTopLevelName}"]`).first().waitFor({ timeout: T.long });
  await page.waitForFunction(() => performance.getEntriesByName('code/didLoadExtensions').length > 0, undefined, {
    timeout: T.long,
  });
}

/** Opens the command palette and runs the command whose "Category: Title" label is `label`. */
export async function runCommand(page: Page, label: string, opts: { keepQuickInput?: boolean } = {}): Promise<void> {
  const box = page.locator(S.QUICK_INPUT_BOX);
  const row = page.locator(S.QUICK_INPUT_ROW).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  // Right after a window (re)load the workbench still moves focus, which can close a palette it just opened:
  // open it again then. A palette that stays open and still fails is a real failure.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await box.waitFor({ state: 'visible', timeout: T.short });
    try {
      await box.fill('>' + label, { timeout: T.short / 3 });
      await row.waitFor({ timeout: T.short });
      break;
    } catch (e) {
      if (attempt >= 3 || (await box.isVisible())) throw e;
    }
  }
  await row.click();
  if (!opts.keepQuickInput) await page.locator(S.QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short });
}

/** Types into the open quick input (replacing its value). */
export async function fillQuickInput(page: Page, text: string): Promise<void> {
  const box = page.locator(S.QUICK_INPUT_BOX);
  await box.waitFor({ state: 'visible', timeout: T.short });
  await box.fill(text);
}

/** Quick-input rows that contain `text` (label, description or detail). */
export function quickInputRows(page: Page, text?: string | RegExp): Locator {
  const rows = page.locator(S.QUICK_INPUT_ROW);
  return text === undefined ? rows : rows.filter({ hasText: text });
}

/** Moves the quick-input focus down until the focused row contains every text; returns how many rows were passed. */
export async function focusQuickInputRow(page: Page, text: string | string[], maxSteps = 10): Promise<number> {
  const texts = Array.isArray(text) ? text : [text];
  const seen: string[] = [];
  for (let i = 0; i <= maxSteps; i++) {
    const active = page.locator(S.QUICK_INPUT_ACTIVE_ROW).first();
    const rowText = (await active.textContent({ timeout: T.short })) ?? '';
    if (texts.every((t) => rowText.includes(t))) return i;
    seen.push(rowText);
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`none of the first ${maxSteps + 1} quick-input rows contains ${texts.join(' + ')}:\n${seen.join('\n')}`);
}

/** Quick Open (Ctrl+P) a workspace-relative path and wait for its editor. */
export async function openFile(page: Page, rel: string): Promise<Locator> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await fillQuickInput(page, rel);
  const base = rel.split('/').pop()!;
  await page.locator(`${S.QUICK_INPUT_ROW}[aria-label*="${base}"]`).first().waitFor({ timeout: T.short });
  await page.keyboard.press('Enter');
  return waitForEditor(page, rel);
}

/** Waits until the active editor shows the file ending in `rel`, with its text rendered. */
export async function waitForEditor(page: Page, rel: string, timeout = T.short): Promise<Locator> {
  const editor = page.locator(`.editor-group-container.active ${S.editorFor(rel)}`).first();
  await editor.locator(S.VIEW_LINE).first().waitFor({ state: 'visible', timeout });
  return editor;
}

/** The cursor position from the status bar's "Ln X, Col Y" item. */
export async function cursorPosition(page: Page): Promise<{ line: number; col: number; text: string }> {
  const text = (await page.locator(S.CURSOR_POSITION).innerText({ timeout: T.short })).trim();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  if (!m) throw new Error(`cursor position not readable from status bar: "${text}"`);
  return { line: Number(m[1]), col: Number(m[2]), text };
}

/**
 * Lines of the editor's selection (1-based). Opening a result selects its range; the status bar shows only the
 * active end ("Ln <end>, Col c (n selected)"), so the selection is then collapsed to its start with ArrowLeft
 * and read again. An empty selection gives start === end.
 */
export async function selectionLines(page: Page): Promise<{ start: number; end: number; text: string }> {
  const first = await cursorPosition(page);
  if (!/selected/.test(first.text)) return { start: first.line, end: first.line, text: first.text };
  await page.keyboard.press('ArrowLeft');
  await page.locator(S.CURSOR_POSITION).filter({ hasNotText: 'selected' }).waitFor({ timeout: T.short });
  const other = await cursorPosition(page);
  return {
    start: Math.min(first.line, other.line),
    end: Math.max(first.line, other.line),
    text: `${first.text}, collapsed to ${other.text}`,
  };
}

/** Go to a 1-based line in the active editor (Quick Open with ":line"; Ctrl+G is not bound in the browser). */
export async function gotoLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+P');
  await fillQuickInput(page, `:${line}`);
  await page.keyboard.press('Enter');
  await page.locator(S.QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short });
}

/** Selects whole lines from..to (1-based, inclusive) in the active editor. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await gotoLine(page, from);
  await page.keyboard.press('Home');
  await page.keyboard.press('Home'); // twice: Home toggles between indentation and column 1
  for (let i = from; i < to; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await page.locator(`${S.ACTIVE_EDITOR} ${S.SELECTED_TEXT}`).first().waitFor({ timeout: T.short });
}

/** Right-clicks inside the current selection and clicks the context-menu item `name`. */
export async function editorContextMenu(page: Page, name: string | RegExp): Promise<void> {
  const sel = page.locator(`${S.ACTIVE_EDITOR} ${S.SELECTED_TEXT}`).first();
  // The editor redraws its selection layer (e.g. when the language server finishes analysing the file): a box read
  // during the redraw is null, so wait for one (a CI run failed here with the selection on screen).
  let box = await sel.boundingBox();
  for (const until = Date.now() + T.short; !box && Date.now() < until; box = await sel.boundingBox()) await page.waitForTimeout(100);
  if (!box) throw new Error('no visible selection to right-click');
  await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2, { button: 'right' });
  const item = page.getByRole('menuitem', { name });
  await item.first().waitFor({ state: 'visible', timeout: T.short });
  // VS Code arms the menu items' mouseup handler 100 ms after rendering; an earlier click is ignored.
  await page.waitForTimeout(300);
  await item.first().click();
  await page.locator(S.CONTEXT_MENU).waitFor({ state: 'hidden', timeout: T.short });
}

/** Replaces the active editor's whole text by typing it (auto-closing/indent are off in the E2E settings). */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator(`${S.ACTIVE_EDITOR} ${S.VIEW_LINE}`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

export async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  // The dirty marker leaves the active tab once saved.
  await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached', timeout: T.short });
}

/** The extension's status bar item. */
export function statusItem(page: Page): Locator {
  return page.locator(S.EXT_STATUSBAR_ITEM).first();
}

export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
}

export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** The content frame of the (single) visible webview. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator(S.WEBVIEW_OUTER).frameLocator(S.WEBVIEW_INNER);
}

/** Answers VS Code's save dialog (code-server shows its simple, quick-input one) with an absolute path. */
export async function answerSaveDialog(page: Page, absPath: string): Promise<void> {
  const box = page.locator(S.QUICK_INPUT_BOX);
  await box.waitFor({ state: 'visible', timeout: T.short });
  // The dialog writes its default path into the box once it has read the folder: type after that, or it overwrites us.
  for (let i = 0; i < 50 && !(await box.inputValue()); i++) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
  await box.fill(absPath);
  await page.waitForTimeout(500); // it validates the typed path before it accepts
  await page.locator(`${S.QUICK_INPUT} .monaco-button`, { hasText: /^OK$/ }).click();
  await page.locator(S.QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short });
}

/** The content frame of the Semantic Search view (a webview view in the sidebar). */
export function viewWebview(page: Page): FrameLocator {
  return page.frameLocator(S.VIEW_WEBVIEW_OUTER).frameLocator(S.WEBVIEW_INNER);
}

/** The inner Frame of a webview (for evaluating scripts in it, e.g. an accessibility check). */
export async function webviewFrame(page: Page, outer: string): Promise<Frame> {
  const host = await page.locator(outer).first().elementHandle({ timeout: T.short });
  const hostFrame = await host?.contentFrame();
  const inner = await hostFrame?.locator(S.WEBVIEW_INNER).elementHandle({ timeout: T.short });
  const frame = await inner?.contentFrame();
  if (!frame) throw new Error(`no content frame inside ${outer}`);
  return frame;
}
