import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/extensionApi';
import { getApi } from './api';

suite('commands', () => {
  test('every contributed command is registered after activation', async () => {
    await getApi();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(COMMANDS).filter((id) => !all.has(id));
    assert.deepEqual(missing, [], `not registered: ${missing.join(', ')}`);
  });
});
