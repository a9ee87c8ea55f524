// The team store as a user sees it (run.sh: its own PostgreSQL server, workspace ws-team-ui published to it, and a
// code-server whose user settings name the store without a password): the password typed into Set Team Store
// Password's input box, Show Index Status naming the team snapshot, a search, then the server stopped: the warning
// toast, the same search answered by the local index, and the status view saying so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import * as A from '../actions';
import { QUERIES } from '../fixture';
import { CMD, TEAM } from '../labels';
import { NOTIFICATION_MESSAGE, QUICK_INPUT } from '../selectors';
import { screenshot, session } from '../session';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the team specs run from scripts/e2e/run.sh`);
  return v;
}

/** Opens Show Index Status until a row matches `line` (engines restart after the password is set); returns its text. */
async function statusLine(page: Page, line: RegExp, timeoutMs = 45_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    await A.runCommand(page, CMD.showStatus, { keepQuickInput: true });
    const rows = A.quickInputRows(page);
    await rows.first().waitFor({ timeout: 20_000 });
    seen = (await rows.allInnerTexts()).join('\n');
    await page.keyboard.press('Escape');
    const hit = seen.split('\n').find((l) => line.test(l));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`Show Index Status never showed ${line}; last:\n${seen}`);
    await page.waitForTimeout(1000);
  }
}

/** Runs Search Workspace with `query` and waits for the row of `target`. */
async function searchFinds(page: Page, query: string, target: { path: string; symbol: string }): Promise<void> {
  await A.runCommand(page, CMD.search, { keepQuickInput: true });
  await A.fillQuickInput(page, query);
  await A.quickInputRows(page, target.path).filter({ hasText: target.symbol }).first().waitFor({ timeout: 20_000 });
}

suite('team store (UI)', () => {
  const password = env('E2E_TEAM_PASSWORD');
  const commit = env('E2E_TEAM_COMMIT');
  const pid = Number(JSON.parse(fs.readFileSync(env('E2E_TEAM_INFO'), 'utf8')).pid);
  const { distance } = QUERIES;

  test('the password typed into Set Team Store Password: the status view names the team snapshot; search answers', async () => {
    const { page, workspace } = session();
    await A.statusItem(page).waitFor({ state: 'visible', timeout: 30_000 });
    await A.runCommand(page, CMD.setTeamPassword, { keepQuickInput: true });
    const box = page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await box.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await box.getAttribute('type'), 'password', 'the password is typed into a password box');
    await box.fill(password);
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 20_000 });
    const line = await statusLine(page, TEAM.answers(path.basename(workspace), commit));
    console.log(`      status view: ${line}`);
    await A.runCommand(page, CMD.showStatus, { keepQuickInput: true });
    await A.quickInputRows(page, TEAM.answers(path.basename(workspace), commit)).first().waitFor({ timeout: 20_000 });
    await screenshot('team-status-answers');
    await page.keyboard.press('Escape');
    await searchFinds(page, distance.query, distance.target);
    await screenshot('team-search');
    await page.keyboard.press('Escape');
  });

  test('the server stops: a warning says the local index answers, search still finds, the status view says unreachable', async () => {
    const { page } = session();
    await A.clearNotifications(page);
    process.kill(pid, 'SIGTERM');
    for (let i = 0; ; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        break; // gone
      }
      if (i > 150) throw new Error('the team store did not stop');
      await page.waitForTimeout(100);
    }
    const started = Date.now();
    await searchFinds(page, distance.query, distance.target);
    const ms = Date.now() - started;
    assert.ok(ms < 15_000, `search with the server gone took ${ms} ms`);
    const toast = page.locator(NOTIFICATION_MESSAGE).filter({ hasText: TEAM.fallbackWarning }).first();
    await toast.waitFor({ timeout: 20_000 });
    const text = await toast.innerText();
    assert.ok(!text.includes(password), 'the password is never shown');
    console.log(`      warning: ${text}`);
    await screenshot('team-fallback-warning');
    await page.keyboard.press('Escape');
    const line = await statusLine(page, TEAM.unreachable);
    console.log(`      status view: ${line}`);
  });
});
