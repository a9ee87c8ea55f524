// Runs only in a host started with SEMSEARCH_MODEL_DIR naming an empty folder (SEMSEARCH_IT_SUITE=missing-model).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './api';

suite('missing model', () => {
  test('the folder goes to the error state with a message that says how to get a model', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    if (fs.existsSync(path.join(ext.extensionPath, 'models', 'all-MiniLM-L6-v2', 'onnx', 'model_quantized.onnx'))) {
      // The packaged model wins over SEMSEARCH_MODEL_DIR (core/embed/resolve.ts), so the model cannot be missing here.
      this.skip();
    }
    const api = await getApi();
    const states = await api.whenIndexed();
    assert.equal(states.length, 1, JSON.stringify(states));
    assert.equal(states[0].state, 'error', JSON.stringify(states[0]));
    assert.match(states[0].message ?? '', /model/i, `message: ${states[0].message}`);
    // In the user's words: which setting to set (or reinstall), not the developer's npm script.
    assert.match(states[0].message ?? '', /semanticSearch\.modelPath/, 'the message names the setting that fixes it');
    assert.doesNotMatch(states[0].message ?? '', /npm run fetch-model/);
    assert.match(api.statusBarText(), /error/i);
    const results = await api.search('anything at all').catch((e: Error) => e);
    assert.ok(results instanceof Error || results.length === 0, 'search without a model returns nothing or an error');
  });
});
