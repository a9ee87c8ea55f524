// The status bar item: indexing n % with an ETA / ready, N chunks / paused / error; a
// click opens the index status view.
import * as vscode from 'vscode';
import { COMMANDS } from '../shared/extensionApi';
import type { FolderStatus } from './vscodeFree/folderState';
import { plainText, statusView } from './vscodeFree/statusText';

export class IndexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('semanticSearch.status', vscode.StatusBarAlignment.Left, 0);
  private text = '';
  private paused: boolean | undefined;
  private incomplete: boolean | undefined;

  constructor() {
    this.item.name = 'Semantic Search Index';
    this.item.command = COMMANDS.showStatus;
    this.update([]);
    this.item.show();
  }

  update(folders: readonly FolderStatus[]): void {
    const view = statusView(folders);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor =
      view.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.kind === 'incomplete' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // An incomplete index is one click from finishing.
    this.item.command = view.kind === 'incomplete' ? COMMANDS.resume : COMMANDS.showStatus;
    this.item.accessibilityInformation = { label: `Semantic Search: ${plainText(view.text)}`, role: 'button' };
    this.text = plainText(view.text);
    const paused = view.kind === 'paused';
    if (paused !== this.paused) {
      this.paused = paused; // drives the Pause / Resume command visibility
      void vscode.commands.executeCommand('setContext', 'semanticSearch.paused', paused);
    }
    const incomplete = view.kind === 'incomplete';
    if (incomplete !== this.incomplete) {
      this.incomplete = incomplete; // Resume Indexing in the palette finishes an incomplete index too
      void vscode.commands.executeCommand('setContext', 'semanticSearch.incomplete', incomplete);
    }
  }

  /** What the user reads (codicons removed). */
  get plainText(): string {
    return this.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
