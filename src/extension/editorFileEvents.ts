// The editor's own save, create, delete and rename events, which arrive sooner than the file
// watcher's and cost nothing: they join the engine's watch queue of the folder holding the file.
import * as vscode from 'vscode';
import type { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';

export class EditorFileEvents implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(indexes: WorkspaceIndexes) {
    const files = (uris: readonly vscode.Uri[]) => uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.subscriptions = [
      vscode.workspace.onDidSaveTextDocument((d) => indexes.changed(files([d.uri]))),
      vscode.workspace.onDidCreateFiles((e) => indexes.changed(files(e.files))),
      vscode.workspace.onDidDeleteFiles((e) => indexes.changed(files(e.files))),
      vscode.workspace.onDidRenameFiles((e) => indexes.changed(files(e.files.flatMap((f) => [f.oldUri, f.newUri])))),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
