import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type ApiSearchResult } from '../../src/shared/extensionApi';
import { FIXTURE_FILES, lineOf, SIMILAR } from '../e2e/fixture';
import { getApi, workspaceRoot } from './api';

function blockEnd(rel: string, from: number): number {
  const lines = FIXTURE_FILES[rel].split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i] === '}') return i + 1;
  throw new Error(`no closing brace after line ${from} in ${rel}`);
}

suite('similar', () => {
  test(`code like ${SIMILAR.source.symbol} lists ${SIMILAR.sibling.symbol} from another file, not itself`, async () => {
    const api = await getApi();
    await api.whenIndexed();
    const file = path.join(workspaceRoot(), SIMILAR.source.path);
    const start = lineOf(SIMILAR.source.path, SIMILAR.source.lineText);
    const end = blockEnd(SIMILAR.source.path, start);
    const results = await api.similar(file, start, end, 10);
    const listing = results.map((r, i) => `${i + 1}. ${r.path}:${r.startLine}-${r.endLine} ${r.symbol}`).join('\n');
    const self = results.filter((r) => r.path === SIMILAR.source.path && r.startLine <= end && r.endLine >= start);
    assert.deepEqual(self, [], `the query's own range is listed:\n${listing}`);
    const rank = results.findIndex((r) => r.path === SIMILAR.sibling.path && r.symbol.includes(SIMILAR.sibling.symbol));
    assert.ok(rank >= 0 && rank < 3, `${SIMILAR.sibling.symbol} is ${rank < 0 ? 'missing' : `#${rank + 1}`}:\n${listing}`);
  });

  test('the Find Similar Code command on an editor selection returns the sibling', async () => {
    const api = await getApi();
    await api.whenIndexed();
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), SIMILAR.source.path));
    const start = lineOf(SIMILAR.source.path, SIMILAR.source.lineText);
    const end = blockEnd(SIMILAR.source.path, start);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(start - 1, 0, end - 1, doc.lineAt(end - 1).text.length);
    const results = await vscode.commands.executeCommand<ApiSearchResult[]>(COMMANDS.findSimilar);
    assert.ok(Array.isArray(results), 'the command returns its results');
    assert.ok(results.some((r) => r.path === SIMILAR.sibling.path), results.map((r) => `${r.path}:${r.startLine}`).join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
