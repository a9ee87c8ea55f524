import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, type SemanticSearchApi } from '../../src/shared/extensionApi';
import { getApi } from './api';

type QualityState = NonNullable<NonNullable<ReturnType<SemanticSearchApi['panelState']>>['quality']>;

/** The report the command sent to the panel's Quality tab. */
async function waitForReport(api: SemanticSearchApi, title: RegExp, timeoutMs = 60_000): Promise<QualityState> {
  const started = Date.now();
  for (;;) {
    const q = api.panelState()?.quality;
    if (q && title.test(q.title)) return q;
    if (Date.now() - started > timeoutMs) throw new Error(`no report matching ${title} reached the panel (last: ${JSON.stringify(q)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('workspace search quality', () => {
  let api: SemanticSearchApi;
  suiteSetup(async () => {
    api = await getApi();
    await api.whenIndexed();
  });

  test('Measure Search Quality shows a report measured on questions from this workspace in the panel', async () => {
    void vscode.commands.executeCommand(COMMANDS.measureQuality);
    const q = await waitForReport(api, /^Search quality of /);
    assert.equal(q.kind, 'eval');
    // At least all three modes overall, and a chart group per language besides "all".
    assert.ok(q.rows >= 6, `table rows: ${JSON.stringify(q)}`);
    assert.ok(q.groups >= 2, `chart groups: ${JSON.stringify(q)}`);
    assert.equal(api.panelState()?.visible, true);
  });

  test('Adapt Search to This Workspace reports whether the adapter is used and why', async () => {
    void vscode.commands.executeCommand(COMMANDS.adapt);
    const q = await waitForReport(api, /^Query adapter for /);
    assert.equal(q.kind, 'adapt');
    // The fixture has fewer documented definitions than training needs: the report must say so, not pretend.
    assert.equal(q.inUse, false);
  });
});
