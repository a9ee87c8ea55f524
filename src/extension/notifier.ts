// Shows one actionable message per kind of failure (with the button that fixes it), and
// never the same one twice while it is still unresolved.
import * as vscode from 'vscode';
import { adviceFor, errorText } from './vscodeFree/errorAdvice';

export class Notifier {
  private readonly shown = new Set<string>();
  /** Texts of the notifications shown, oldest first (the extension API reports them to tests). */
  readonly history: string[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  failure(err: unknown, folderName: string): void {
    const advice = adviceFor(err, folderName);
    this.log.error(`[${folderName}] ${errorText(err)}`);
    if (this.shown.has(advice.key)) return;
    this.shown.add(advice.key);
    this.remember(advice.message);
    // Not awaited: a message the user leaves open must not hold anything up.
    void vscode.window.showErrorMessage(advice.message, ...advice.actions.map((a) => a.title)).then((picked) => {
      this.shown.delete(advice.key); // dismissed or acted on: say it again if it happens again
      const action = advice.actions.find((a) => a.title === picked);
      if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
    });
  }

  /** The engine recovered by itself (e.g. rebuilt a damaged index): say so once, offer the log. */
  notice(text: string, folderName: string): void {
    this.log.warn(`[${folderName}] ${text}`);
    const key = `notice:${folderName}:${text}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    this.remember(`Semantic Search (${folderName}): ${text}`);
    void vscode.window.showWarningMessage(`Semantic Search (${folderName}): ${text}`, 'Show Log').then((picked) => {
      if (picked) this.log.show();
    });
  }

  /**
   * The team store did not answer and the local index did. Once per folder until the user dismisses it (every search
   * meanwhile says the same), with the way to the status view.
   */
  teamStore(text: string, folderName: string): void {
    this.log.warn(`[${folderName}] ${text}`);
    const key = `team:${folderName}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    const message = `Semantic Search (${folderName}): ${text}`;
    this.remember(message);
    void vscode.window.showWarningMessage(message, 'Show Index Status').then((picked) => {
      this.shown.delete(key);
      if (picked) void vscode.commands.executeCommand('semanticSearch.showStatus');
    });
  }

  private remember(text: string): void {
    this.history.push(text);
    if (this.history.length > 50) this.history.shift();
  }

  /** Everything may have changed (settings, reindex): allow the messages again. */
  reset(): void {
    this.shown.clear();
  }
}
