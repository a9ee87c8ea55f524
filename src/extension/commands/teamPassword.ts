// Set Team Store Password: the team index's password goes to VS Code's SecretStorage, never to settings.json;
// the engines are recreated so the next search uses it.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export const TEAM_PASSWORD_SECRET = 'semanticSearch.teamStore.password';

/** `given`: the password as the command's argument (scripts, tests) instead of the prompt; '' removes it. */
export async function setTeamPassword(s: ExtensionServices, secrets: vscode.SecretStorage, given?: unknown): Promise<void> {
  if (given !== undefined && typeof given !== 'string') throw new Error('Set Team Store Password takes a text argument (the password) or none');
  const password = typeof given === 'string' ? given : await vscode.window.showInputBox({
    title: 'Semantic Search: Team Store Password',
    prompt: 'The password of the database user in semanticSearch.teamStore.url (kept in the system keychain; empty removes it)',
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return;
  if (password) await secrets.store(TEAM_PASSWORD_SECRET, password);
  else await secrets.delete(TEAM_PASSWORD_SECRET);
  await s.indexing.restartAll();
}
