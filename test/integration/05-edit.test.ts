import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EDIT } from '../e2e/fixture';
import { getApi, workspaceRoot } from './api';

suite('edit and save', () => {
  test('a function written through a WorkspaceEdit and saved is found after whenIdle()', async () => {
    const api = await getApi();
    await api.whenIndexed();
    const before = await api.search(EDIT.query, { k: 10 });
    assert.ok(!before.some((r) => r.symbol.includes(EDIT.symbol)), 'found before it was written');

    const uri = vscode.Uri.file(path.join(workspaceRoot(), EDIT.path));
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), EDIT.content);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    assert.ok(await doc.save(), 'save failed');
    await api.whenIdle();

    const after = await api.search(EDIT.query, { k: 10 });
    const listing = after.map((r, i) => `${i + 1}. ${r.path}:${r.startLine} ${r.symbol}`).join('\n');
    const rank = after.findIndex((r) => r.path === EDIT.path && r.symbol.includes(EDIT.symbol));
    assert.ok(rank >= 0 && rank < 3, `${EDIT.symbol} is ${rank < 0 ? 'missing' : `#${rank + 1}`} after save + whenIdle():\n${listing}`);
    assert.equal(api.states()[0]?.state, 'ready');
  });
});
