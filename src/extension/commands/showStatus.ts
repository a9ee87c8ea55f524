// Show Index Status: per folder what is indexed, where, with which model, what was skipped
// and why, plus the actions that apply (pause/resume, reindex, map, settings).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/extensionApi';
import { formatCount } from '../vscodeFree/statusText';
import { teamStatusLine } from '../vscodeFree/teamStatusLine';
import type { ExtensionServices } from '../services';

interface StatusItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

function bytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

async function folderItems(s: ExtensionServices): Promise<StatusItem[]> {
  const items: StatusItem[] = [];
  for (const f of s.indexes.all) {
    const st = f.status;
    const engine = st.state === 'error' ? undefined : await f.usableEngine();
    const es = engine?.status();
    const skipped = es ? Object.entries(es.skipped).filter(([, n]) => n > 0).map(([why, n]) => `${why} ${n}`).join(', ') : '';
    const disk = es ? Object.values(es.diskBytes).reduce((a, b) => a + b, 0) : 0;
    const progress = st.progress
      ? ` ${st.progress.percent}%`
      : st.incomplete
        ? ` (${formatCount(st.incomplete.filesDone)} of ${formatCount(st.incomplete.filesTotal)} files; searches see that part)`
        : st.readOnly
          ? ' (read-only: another window indexes this folder)'
          : '';
    items.push({ label: path.basename(f.folder), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: `$(database) ${st.state}${progress} — ${formatCount(st.chunks)} chunks in ${formatCount(st.files)} files`,
      description: st.message,
      detail: es
        ? `Model ${es.model?.name ?? '?'} (${es.model?.dimensions ?? '?'} dims) · ${es.precision} vectors · ${bytes(disk)} on disk${skipped ? ` · skipped: ${skipped}` : ''}`
        : f.indexDir,
      run: () => vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(f.indexDir)),
    });
    const adapter = engine?.adapterStatus();
    if (adapter?.saved) {
      const gain = adapter.gain ? ` (held-out gain: semantic ${adapter.gain.semantic >= 0 ? '+' : ''}${adapter.gain.semantic.toFixed(3)} NDCG@10)` : '';
      items.push({
        label: `$(beaker) Query adapter ${adapter.inUse ? 'in use' : 'not used'}${gain}`,
        description: adapter.setting === 'off' ? 'setting: off' : adapter.reason,
        run: () => vscode.commands.executeCommand(COMMANDS.adapt),
      });
    }
    // Which store answers: the team snapshot (with its commit and age) plus this machine's overlay, or the local index.
    const team = await engine?.teamStatus?.().catch(() => undefined);
    if (team) items.push(teamStatusLine(team));
  }
  return items;
}

export async function showStatus(s: ExtensionServices): Promise<void> {
  const paused = s.indexing.isPaused || s.indexes.all.some((f) => f.status.state === 'incomplete');
  const actions: StatusItem[] = [
    { label: 'Actions', kind: vscode.QuickPickItemKind.Separator },
    paused
      ? { label: '$(debug-start) Resume Indexing', run: () => vscode.commands.executeCommand(COMMANDS.resume) }
      : { label: '$(debug-pause) Pause Indexing', run: () => vscode.commands.executeCommand(COMMANDS.pause) },
    { label: '$(refresh) Reindex', description: 'rebuild every folder index', run: () => vscode.commands.executeCommand(COMMANDS.reindex) },
    { label: '$(graph) Measure Search Quality', description: 'on questions mined from this workspace', run: () => vscode.commands.executeCommand(COMMANDS.measureQuality) },
    { label: '$(beaker) Adapt Search to This Workspace', run: () => vscode.commands.executeCommand(COMMANDS.adapt) },
    { label: '$(type-hierarchy) Show Code Map', run: () => vscode.commands.executeCommand(COMMANDS.showMap) },
    { label: '$(search) Search Workspace', run: () => vscode.commands.executeCommand(COMMANDS.search) },
    { label: '$(gear) Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'semanticSearch.') },
    { label: '$(output) Show Log', run: () => s.log.show() },
  ];
  const items = [...(await folderItems(s)), ...actions];
  const picked = await vscode.window.showQuickPick(items, { title: 'Semantic Search: Index Status', placeHolder: 'Index status per folder; pick an action' });
  picked?.run?.();
}
