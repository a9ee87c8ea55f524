// The extension under test and its typed API. One job: get hold of them.
import * as vscode from 'vscode';
import type { SemanticSearchApi } from '../../src/shared/extensionApi';

export const EXTENSION_ID = 'semsearch.semantic-code-search';

export async function getApi(): Promise<SemanticSearchApi> {
  const ext = vscode.extensions.getExtension<SemanticSearchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this extension host`);
  const api = await ext.activate();
  if (!api || typeof api.whenIndexed !== 'function') throw new Error('activate() did not return the SemanticSearchApi');
  return api;
}

/** The single workspace folder the suite runs in. */
export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration suite needs a workspace folder (the E2E fixture)');
  return f.uri.fsPath;
}
