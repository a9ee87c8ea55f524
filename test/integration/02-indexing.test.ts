import * as assert from 'node:assert/strict';
import { FIXTURE_FILES } from '../e2e/fixture';
import { getApi, workspaceRoot } from './api';

suite('indexing', () => {
  test('whenIndexed() reports the workspace folder ready with its files and chunks', async () => {
    const api = await getApi();
    const states = await api.whenIndexed();
    assert.equal(states.length, 1, JSON.stringify(states));
    const [s] = states;
    assert.equal(s.folder, workspaceRoot());
    assert.equal(s.state, 'ready', `state ${s.state}: ${s.message ?? ''}`);
    // Every fixture file is a supported language or Markdown.
    assert.equal(s.files, Object.keys(FIXTURE_FILES).length, `files: ${s.files}`);
    assert.ok(s.chunks >= s.files, `chunks: ${s.chunks}`);
    assert.deepEqual(api.states().map((x) => x.state), ['ready']);
    assert.match(api.statusBarText(), /Ready/);
  });
});
