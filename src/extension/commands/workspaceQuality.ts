// Measure Search Quality / Adapt Search to This Workspace: run the engine's evaluate() or adapt() on one folder
// with cancellable progress, then show the report on the panel's Quality tab. Re-training is always this command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine, EvalProgress } from '../../core/index';
import type { PanelQualityReport } from '../../shared/messages';
import { errorText } from '../vscodeFree/errorAdvice';
import { adaptQualityView, evalQualityView } from '../vscodeFree/qualityView';
import { SearchPanel } from '../panel/searchPanel';
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

/** Runs with a cancellable progress notification; an open panel's Quality tab says it is busy, then how it ended. */
async function withProgress<T>(title: string, run: (signal: AbortSignal, progress: (p: EvalProgress) => void) => Promise<T>): Promise<T | undefined> {
  SearchPanel.instance?.qualityStatus({ busy: true });
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
      SearchPanel.instance?.qualityStatus({ message: controller.signal.aborted ? 'Cancelled.' : `Failed: ${errorText(err)}` });
      if (controller.signal.aborted) return undefined;
      throw err;
    }
  });
}

function showReport(s: ExtensionServices, report: PanelQualityReport): void {
  SearchPanel.createOrShow(s.extensionUri, s.panel, 'quality').showQuality(report);
}

export async function measureSearchQuality(s: ExtensionServices): Promise<void> {
  const target = await pickFolder(s);
  if (!target) return;
  const name = path.basename(target.root);
  const report = await withProgress(`Semantic Search: measuring search quality of ${name}`, (signal, onProgress) => target.engine.evaluate({ signal, onProgress }));
  if (report) showReport(s, evalQualityView(report, target.root, name));
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
  showReport(s, adaptQualityView(report, target.root, name));
  s.log.info(`[${name}] query adapter: ${report.reason}`);
}
