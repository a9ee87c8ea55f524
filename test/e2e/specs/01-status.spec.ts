// (e) The extension's status bar item reaches its "ready" text after the first index pass.
import * as assert from 'node:assert/strict';
import { statusItem } from '../actions';
import { STATUS_READY } from '../labels';
import { screenshot, session } from '../session';

suite('status bar', () => {
  test('the Semantic Search item reaches "Ready"', async () => {
    const item = statusItem(session().page);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    // First index of the small fixture with the static stand-in model: seconds; allow for a loaded 2-core box.
    await item.filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 });
    const text = await item.innerText();
    assert.match(text, STATUS_READY);
    assert.match(text, /\d+ chunks?/, `ready text should count the chunks: "${text}"`);
    await screenshot('status-ready');
  });
});
