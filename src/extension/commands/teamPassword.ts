// Set Team Store Password: the team index's password goes to VS Code's SecretStorage, never to settings.json;
// the engines are recreated so the next search uses it.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export const TEAM_PASSWORD_SECRET = 'semanticSearch.teamStore.password';

export async function setTeamPassword(s: ExtensionServices, secrets: vscode.SecretStorage): Promise<void> {
  const password = await vscode.window.showInputBox({
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
