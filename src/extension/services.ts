// The extension's pieces as one object handed to the commands (the composition root builds it).
import type * as vscode from 'vscode';
import type { IndexingController } from './indexing';
import type { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';
import type { PanelServices } from './panel/panelServices';
import type { SearchViewProvider } from './view/searchView';

export interface ExtensionServices {
  extensionUri: vscode.Uri;
  indexes: WorkspaceIndexes;
  indexing: IndexingController;
  panel: PanelServices;
  /** The Semantic Search view (activity bar). */
  searchView: SearchViewProvider;
  log: vscode.LogOutputChannel;
}
