// The team index from a real VS Code: scripts/e2e/run.sh starts a PostgreSQL server (PGlite + pgvector behind a
// password-checking front door, scripts/e2e/team-pg.mjs), publishes this workspace's git commit to it with the CLI as
// the writer role, and runs this suite (SEMSEARCH_IT_SUITE=team) on a code-server of its own. The suite configures the
// store as a user would (setting + Set Team Store Password), searches, edits, then stops the server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type SemanticSearchApi, type TeamStoreState } from '../../src/shared/extensionApi';
import { EDIT, lineOf, QUERIES } from '../e2e/fixture';
import { getApi, workspaceRoot } from './api';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: this suite runs from scripts/e2e/run.sh, which starts the team store`);
  return v;
}

async function waitFor<T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The one folder's team state once its engine is in team mode (the settings change restarts engines). */
async function teamState(api: SemanticSearchApi): Promise<TeamStoreState> {
  const st = await waitFor('the team-mode engine', async () => (await api.teamStatus())[0]);
  await api.whenIndexed();
  return (await api.teamStatus())[0] ?? st;
}

/** The rank (0-based) of a fixture target in the results, -1 when absent; and a listing for messages. */
function rankOf(results: { path: string; startLine: number; endLine: number; symbol: string }[], target: { path: string; lineText: string }) {
  const line = lineOf(target.path, target.lineText);
  const rank = results.findIndex((r) => r.path === target.path && r.startLine <= line && r.endLine >= line);
  return { rank, listing: results.map((r, i) => `${i + 1}. ${r.path}:${r.startLine}-${r.endLine} ${r.symbol}`).join('\n') };
}

suite('team store (PostgreSQL) in VS Code', () => {
  const url = env('SEMSEARCH_IT_TEAM_URL');
  const password = env('SEMSEARCH_IT_TEAM_PASSWORD');
  const commit = env('SEMSEARCH_IT_TEAM_COMMIT');
  const serverPid = Number(JSON.parse(fs.readFileSync(env('SEMSEARCH_IT_TEAM_INFO'), 'utf8')).pid);
  const config = () => vscode.workspace.getConfiguration('semanticSearch');
  const { distance } = QUERIES;

  suiteSetup(async () => {
    assert.ok(!url.includes(password), 'the URL in the setting carries no password');
    await (await getApi()).whenIndexed(); // a first-time user: the local index, built as usual
  });

  suiteTeardown(async () => {
    await config().update('teamStore.url', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(COMMANDS.setTeamPassword, '');
  });

  test('the store URL without the password: refused, the local index answers, and the user is told', async () => {
    const api = await getApi();
    await config().update('teamStore.url', url, vscode.ConfigurationTarget.Global);
    await teamState(api);
    const { rank, listing } = rankOf(await api.search(distance.query, { k: 10 }), distance.target);
    assert.ok(rank >= 0 && rank < 3, `the local index answers: ${distance.target.path} is #${rank + 1}\n${listing}`);
    const st = (await api.teamStatus())[0];
    assert.equal(st.state, 'unreachable');
    assert.match(st.message ?? '', /password authentication failed for user "semsearch_reader"/);
    assert.match(st.label, /Team store unreachable — the local index answers/);
    const told = api.notifications().filter((n) => /password authentication failed/.test(n));
    assert.ok(told.length > 0, `no notification about the refused store: ${JSON.stringify(api.notifications())}`);
    assert.match(told.at(-1)!, /postgres:\/\/semsearch_reader@127\.0\.0\.1:\d+\/postgres/);
  });

  test('Set Team Store Password: the team snapshot of the commit answers; nothing is searched locally', async () => {
    const api = await getApi();
    const shownBefore = api.notifications().length;
    await vscode.commands.executeCommand(COMMANDS.setTeamPassword, password);
    const st = await teamState(api);
    const { rank, listing } = rankOf(await api.search(distance.query, { k: 10 }), distance.target);
    assert.ok(rank >= 0 && rank < 3, `${distance.target.path} is #${rank + 1}\n${listing}`);
    const after = (await api.teamStatus())[0];
    assert.equal(after.state, 'connected', JSON.stringify(after));
    assert.equal(after.commit, commit, 'the snapshot is the workspace\'s git commit, as published by the CLI');
    assert.equal(after.repo, path.basename(workspaceRoot()));
    assert.ok((after.snapshotChunks ?? 0) >= 10, `snapshot chunks: ${after.snapshotChunks}`);
    assert.equal(after.overlayFiles, 0, 'nothing differs from the snapshot yet');
    // The overlay (the only local index in team mode) is empty, so every result above came from the server.
    assert.equal(api.states()[0]?.chunks, 0, JSON.stringify(api.states()));
    assert.match(after.label, new RegExp(`^\\$\\(cloud\\) Team index answers: ${after.repo} @ ${commit.slice(0, 12)} \\(published \\d+ (s|min) ago\\)$`));
    assert.ok(!after.store.includes(password) && !JSON.stringify(st).includes(password), 'the password is never shown');
    assert.deepEqual(api.notifications().slice(shownBefore), [], 'no warning while the store answers');
  });

  test('an edited file is searched through the overlay at once (no reindex, no wait)', async () => {
    const api = await getApi();
    const before = await api.search(EDIT.query, { k: 10 });
    assert.ok(!before.some((r) => r.symbol.includes(EDIT.symbol)), 'found before it was written');
    const uri = vscode.Uri.file(path.join(workspaceRoot(), EDIT.path));
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), EDIT.content);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    assert.ok(await doc.save(), 'save failed');
    const after = await api.search(EDIT.query, { k: 10 });
    const rank = after.findIndex((r) => r.path === EDIT.path && r.symbol.includes(EDIT.symbol));
    assert.ok(rank >= 0 && rank < 3, `${EDIT.symbol} is ${rank < 0 ? 'missing' : `#${rank + 1}`}:\n${after.map((r) => `${r.path} ${r.symbol}`).join('\n')}`);
    const st = (await api.teamStatus())[0];
    assert.equal(st.state, 'connected');
    assert.equal(st.overlayFiles, 1, 'the edited file is the overlay');
  });

  test('the server stops: search falls back to the local index within seconds and the user is told', async () => {
    const api = await getApi();
    const shownBefore = api.notifications().length;
    process.kill(serverPid, 'SIGTERM');
    await waitFor('the team store to exit', async () => {
      try {
        process.kill(serverPid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 15_000);
    const started = Date.now();
    const results = await api.search(distance.query, { k: 10 });
    const ms = Date.now() - started;
    assert.ok(ms < 10_000, `the fallback search took ${ms} ms`);
    const { rank, listing } = rankOf(results, distance.target);
    assert.ok(rank >= 0 && rank < 3, `the local index answers: ${distance.target.path} is #${rank + 1}\n${listing}`);
    const told = api.notifications().slice(shownBefore);
    assert.equal(told.length, 1, `one notification: ${JSON.stringify(told)}`);
    assert.match(told[0], /Team store postgres:\/\/semsearch_reader:\*\*\*@127\.0\.0\.1:\d+\/postgres (stopped answering|unreachable).* — searching the local index \(\d+ chunks\) instead\./);
    assert.ok(!told[0].includes(password));
    // Further searches say nothing new until the user dismisses the message; none of them waits on the dead server.
    const again = Date.now();
    await api.search(QUERIES.retry.query, { k: 10 });
    assert.ok(Date.now() - again < 10_000);
    assert.equal(api.notifications().length, shownBefore + 1);
    const st = (await api.teamStatus())[0];
    assert.equal(st.state, 'unreachable');
    assert.match(st.label, /Team store unreachable — the local index answers: .* @ [0-9a-f]{12}/);
  });
});
