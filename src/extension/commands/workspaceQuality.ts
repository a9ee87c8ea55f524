// Measure Search Quality / Adapt Search to This Workspace: run the engine's evaluate() or adapt() on one folder
// with cancellable progress, then open the report (Markdown preview). Re-training is always this command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine, EvalProgress } from '../../core/index';
import { adaptReportMarkdown, evalReportMarkdown } from '../vscodeFree/qualityReport';
import type { ExtensionServices } from '../services';

const PHASES: Record<EvalProgress['phase'], string> = {
  reading: 'finding documented code',
  masking: 'hiding each answer’s documentation',
  querying: 'asking the questions',
  training: 'training',
  testing: 'measuring on held-out questions',
  saving: 'saving',
};

async function pickFolder(s: ExtensionServices): Promise<{ root: string; engine: Engine } | undefined> {
  const roots = s.indexes.roots;
  if (roots.length === 0) {
    void vscode.window.showInformationMessage('Semantic Search: open a folder first.');
    return undefined;
  }
  const root =
    roots.length === 1 ? roots[0] : (await vscode.window.showQuickPick(roots.map((r) => ({ label: path.basename(r), description: r, root: r })), { title: 'Which folder?' }))?.root;
  if (!root) return undefined;
  const engine = await s.indexes.get(root)?.usableEngine();
  if (!engine || engine.status().chunks === 0) {
    void vscode.window.showWarningMessage(`Semantic Search: "${path.basename(root)}" has no index yet; wait for indexing to finish.`);
    return undefined;
  }
  return { root, engine };
}

async function withProgress<T>(title: string, run: (signal: AbortSignal, progress: (p: EvalProgress) => void) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (report, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let last = '';
    try {
      return await run(controller.signal, (p) => {
        const text = `${PHASES[p.phase]}${p.total > 0 ? ` ${p.done}/${p.total}` : ''}`;
        if (text !== last) report.report({ message: text });
        last = text;
      });
    } catch (err) {
      if (controller.signal.aborted) return undefined;
      throw err;
    }
  });
}

async function showReport(markdown: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc, { preview: true });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => undefined);
}

export async function measureSearchQuality(s: ExtensionServices): Promise<void> {
  const target = await pickFolder(s);
  if (!target) return;
  const name = path.basename(target.root);
  const report = await withProgress(`Semantic Search: measuring search quality of ${name}`, (signal, onProgress) => target.engine.evaluate({ signal, onProgress }));
  if (report) await showReport(evalReportMarkdown(report, name));
}

export async function adaptSearch(s: ExtensionServices): Promise<void> {
  const target = await pickFolder(s);
  if (!target) return;
  const name = path.basename(target.root);
  if (!target.engine.status().writable) {
    void vscode.window.showWarningMessage(`Semantic Search: another window is indexing "${name}"; adapt it there.`);
    return;
  }
  const report = await withProgress(`Semantic Search: adapting search to ${name}`, (signal, onProgress) => target.engine.adapt({ signal, onProgress }));
  if (!report) return;
  await showReport(adaptReportMarkdown(report, name));
  s.log.info(`[${name}] query adapter: ${report.reason}`);
}
