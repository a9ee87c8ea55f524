import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/extensionApi';
import { getApi } from './api';

/** The Markdown report the command opened (an untitled document). */
async function waitForReport(title: RegExp, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const doc = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'markdown' && title.test(d.getText()));
    if (doc) return doc.getText();
    if (Date.now() - started > timeoutMs) throw new Error(`no report matching ${title} was opened`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('workspace search quality', () => {
  suiteSetup(async () => {
    await (await getApi()).whenIndexed();
  });

  test('Measure Search Quality opens a report measured on questions from this workspace', async () => {
    void vscode.commands.executeCommand(COMMANDS.measureQuality);
    const text = await waitForReport(/^# Search quality of /);
    const m = /(\d+) questions from this workspace/.exec(text);
    assert.ok(m && Number(m[1]) > 0, `questions counted:\n${text}`);
    assert.match(text, /\| all \| hybrid \| \d\.\d{3} \|/);
    assert.match(text, /\| all \| lexical \| \d\.\d{3} \|/);
  });

  test('Adapt Search to This Workspace reports whether the adapter is used and why', async () => {
    void vscode.commands.executeCommand(COMMANDS.adapt);
    const text = await waitForReport(/^# Query adapter for /);
    // The fixture has fewer documented definitions than training needs: the report must say so, not pretend.
    assert.match(text, /\*\*(In use|Not used)\.\*\* \S/);
  });
});
