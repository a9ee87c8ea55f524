// (f) An index that does not finish, and two windows on one folder. A large generated folder is opened in a
// second tab; its first index is cancelled from the progress notification → the status bar says
// "Incomplete (N of M files) · Resume". A third tab on the same folder searches at once, read-only, while the
// first writes. Resume (a click on the status bar) finishes the index, and the reader follows that commit.
// (Taking over when the writer goes is tested on the engine and FolderIndex: a closed code-server tab keeps its
// extension host for the reconnection grace period, so "the writer went away" has no prompt UI equivalent.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import * as A from '../actions';
import { workbenchUrl } from '../browser';
import { CMD } from '../labels';
import { session } from '../session';

const FILES = 4_000;
const INCOMPLETE = /Incomplete \(([\d,]+) of ([\d,]+) files\)/;

function writeBigFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < FILES; i++) {
    const file = path.join(dir, `pkg${i % 40}`, `ledger${i}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `def settle_account_${i}(balance, fee):\n    """Settle account ${i}: subtract the monthly fee ${i % 13} from the balance."""\n    return balance - fee * ${i % 13}\n\n\n` +
        `def audit_entry_${i}(entry):\n    """Check that ledger entry ${i} has a date and an amount."""\n    return bool(entry.date and entry.amount)\n`,
    );
  }
}

async function openTab(folder: string): Promise<Page> {
  const { page } = session();
  const tab = await page.context().newPage();
  await tab.goto(workbenchUrl(new URL(page.url()).origin, folder));
  await A.waitForWorkbench(tab, 'pkg0');
  return tab;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = session().artifacts;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

suite('index lifecycle: cancel → incomplete → resume, and a second window', () => {
  const big = path.join(path.dirname(session().workspace), 'ws-big');
  let writer: Page | undefined;
  let reader: Page | undefined;
  suiteSetup(() => writeBigFolder(big));
  suiteTeardown(async () => {
    await reader?.close().catch(() => undefined);
    await writer?.close().catch(() => undefined);
  });

  test('cancelling the first index leaves "Incomplete (N of M files) · Resume", searchable', async function () {
    this.timeout(240_000);
    writer = await openTab(big);
    const toast = writer.locator('.notifications-toasts .notification-toast', { hasText: /Semantic Search: indexing ws-big/ });
    await toast.waitFor({ timeout: 120_000 });
    // Let it index a part first (the status bar shows a percentage above 0), then cancel.
    await A.statusItem(writer).filter({ hasText: /Indexing [1-9]\d?%/ }).waitFor({ timeout: 120_000 });
    await toast.hover();
    await toast.getByRole('button', { name: 'Cancel' }).click();
    const item = A.statusItem(writer).filter({ hasText: INCOMPLETE });
    await item.waitFor({ timeout: 60_000 });
    const [, done, total] = INCOMPLETE.exec(await item.innerText())!;
    assert.equal(Number(total.replace(/,/g, '')), FILES);
    assert.ok(Number(done.replace(/,/g, '')) < FILES, `${done} of ${total}`);
    assert.match(await item.innerText(), /Resume/);
    await shot(writer, 'lifecycle-incomplete');

    await A.runCommand(writer, CMD.search, { keepQuickInput: true });
    await A.fillQuickInput(writer, 'subtract the monthly fee from the balance');
    await A.quickInputRows(writer, /incomplete \([\d,]+ of [\d,]+ files\) — Resume/).first().waitFor({ timeout: 30_000 });
    await A.quickInputRows(writer, /ledger\d+\.py/).first().waitFor({ timeout: 30_000 });
    await shot(writer, 'lifecycle-incomplete-search');
    await writer.keyboard.press('Escape');
  });

  test('a second window on the same folder searches at once, read-only, while the first writes', async function () {
    this.timeout(240_000);
    reader = await openTab(big);
    await A.statusItem(reader).filter({ hasText: INCOMPLETE }).waitFor({ timeout: 60_000 });
    await A.runCommand(reader, CMD.search, { keepQuickInput: true });
    await A.fillQuickInput(reader, 'check a ledger entry has a date and an amount');
    await A.quickInputRows(reader, /ledger\d+\.py/).first().waitFor({ timeout: 30_000 });
    await reader.keyboard.press('Escape');

    // Resume in the writer: a click on the status bar finishes the index.
    await A.statusItem(writer!).filter({ hasText: INCOMPLETE }).click();
    await A.statusItem(writer!).filter({ hasText: /Ready, [\d,]+ chunks(?! \(read-only\))/ }).waitFor({ timeout: 180_000 });
    // The reader follows the writer's commit by itself.
    await A.statusItem(reader).filter({ hasText: /Ready, [\d,]+ chunks \(read-only\)/ }).waitFor({ timeout: 60_000 });
    await shot(reader, 'lifecycle-reader-follows');
  });
});
