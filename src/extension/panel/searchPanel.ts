// The one Semantic Search panel (create-or-show; restored after reload by a serializer):
// search, similar code, the cluster map and the quality report. Every message from the webview is validated.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/extensionApi';
import type { FromWebview, PanelPersistedState, PanelQualityReport, PanelTab, QualityCommand, SearchModeName, ToWebview } from '../../shared/messages';
import { errorText } from '../vscodeFree/errorAdvice';
import { panelHtml } from '../vscodeFree/panelHtml';
import { qualityMarkdown } from '../vscodeFree/qualityMarkdown';
import { containingRoot } from '../vscodeFree/pathInside';
import { validateWebviewMessage } from '../vscodeFree/validateWebviewMessage';
import { LastMaps } from '../vscodeFree/clusterRestriction';
import { saveMapExport } from './mapExport';
import { openRange, toPanelResults } from '../locations';
import type { PanelServices } from './panelServices';

export const PANEL_VIEW_TYPE = 'semanticSearch.panel';

export interface PanelTestState {
  visible: boolean;
  lastMessageType?: string;
  points?: number;
  clusters?: number;
  /** The last quality report sent to the Quality tab. */
  quality?: { kind: 'eval' | 'adapt'; title: string; rows: number; groups: number; inUse?: boolean };
}

export class SearchPanel {
  private static current: SearchPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private testState: PanelTestState = { visible: true };
  private ready: Promise<void>;
  private markReady!: () => void;
  private searchGeneration = 0;
  private readonly maps = new LastMaps();
  private lastMapFolder: string | undefined;
  private maximized = false;
  /** The report the Quality tab shows (what "Open as Markdown" writes out). */
  private qualityReport: PanelQualityReport | undefined;

  static get instance(): SearchPanel | undefined {
    return SearchPanel.current;
  }

  static createOrShow(extensionUri: vscode.Uri, services: PanelServices, tab: PanelTab = 'search'): SearchPanel {
    if (SearchPanel.current) {
      SearchPanel.current.panel.reveal(undefined, tab !== 'map');
      SearchPanel.current.post({ type: 'showTab', tab });
      if (tab === 'map') void SearchPanel.current.fullWidth();
      return SearchPanel.current;
    }
    // The map needs room: it opens in the active editor group (the whole width when there is one group), the
    // other tabs beside the code.
    const column = tab === 'map' ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside;
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Semantic Search', { viewColumn: column, preserveFocus: tab !== 'map' }, SearchPanel.webviewOptions(extensionUri));
    SearchPanel.current = new SearchPanel(panel, extensionUri, services, { tab, query: '', mode: 'hybrid' });
    if (tab === 'map') void SearchPanel.current.fullWidth();
    return SearchPanel.current;
  }

  /** Restores a panel left open in the last session (from its persisted webview state). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, services: PanelServices, state: unknown): void {
    panel.webview.options = SearchPanel.webviewOptions(extensionUri);
    SearchPanel.current?.panel.dispose();
    SearchPanel.current = new SearchPanel(panel, extensionUri, services, sanitizeState(state, services.roots()));
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only the bundled assets; nothing from the workspace or the network.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
      retainContextWhenHidden: true,
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly services: PanelServices,
    state: PanelPersistedState,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const webview = panel.webview;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', f)).toString();
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: media('webview.js'),
      styleUri: media('panel.css'),
      initial: { ...state, folders: services.folders() },
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidChangeViewState((e) => (this.testState = { ...this.testState, visible: e.webviewPanel.visible })),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The map in a split layout: maximize the panel's group once (the user can restore it; we do not toggle it back). */
  private async fullWidth(): Promise<void> {
    if (this.maximized || vscode.window.tabGroups.all.length < 2) return;
    this.maximized = true;
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup').then(undefined, () => undefined);
  }

  get state(): PanelTestState {
    return this.testState;
  }

  post(message: ToWebview): void {
    this.testState = { ...this.testState, lastMessageType: message.type };
    if (message.type === 'clusterMap') this.testState = { ...this.testState, points: message.points.length, clusters: message.clusters.length };
    if (message.type === 'qualityReport') {
      const r = message.report;
      const rows = r.tables.reduce((n, t) => n + t.rows.length, 0);
      this.testState = { ...this.testState, quality: { kind: r.kind, title: r.title, rows, groups: r.chart.groups.length, inUse: r.verdict?.inUse } };
    }
    // Messages sent before the page is ready would be lost.
    void this.ready.then(() => this.panel.webview.postMessage(message));
  }

  /** Folders were added or removed. */
  refreshFolders(): void {
    this.post({ type: 'folders', folders: this.services.folders() });
  }

  async showSearch(query: string, mode: SearchModeName): Promise<void> {
    this.post({ type: 'showTab', tab: 'search' });
    await this.runSearch(query, mode, true);
  }

  async showSimilar(file: string, startLine: number, endLine: number, symbol: string, results?: Awaited<ReturnType<PanelServices['similar']>>): Promise<void> {
    this.post({ type: 'showTab', tab: 'similar' });
    const root = containingRoot(file, this.services.roots()) ?? path.dirname(file);
    const source = { path: path.relative(root, file).split(path.sep).join('/'), startLine, endLine, symbol };
    try {
      if (!results) {
        this.post({ type: 'busy', what: 'similar', busy: true });
        results = await this.services.similar(file, startLine, endLine);
      }
      this.post({ type: 'similarResults', source, results: await toPanelResults(results) });
    } catch (err) {
      this.post({ type: 'error', what: 'similar', message: errorText(err) });
    }
  }

  /** A finished Measure Search Quality / Adapt Search report, on the Quality tab. */
  showQuality(report: PanelQualityReport): void {
    this.qualityReport = report;
    this.post({ type: 'showTab', tab: 'quality' });
    this.post({ type: 'qualityReport', report });
  }

  /** Measuring or training has started (`busy`), or ended without a report (`message`: cancelled, failed). */
  qualityStatus(update: { busy: true } | { message: string }): void {
    this.post('busy' in update ? { type: 'busy', what: 'quality', busy: true } : { type: 'error', what: 'quality', message: update.message });
  }

  private receive(raw: unknown): void {
    const checked = validateWebviewMessage(raw, this.services.roots());
    if (!checked.ok) {
      this.services.warn(`Ignored a message from the panel: ${checked.reason}`);
      return;
    }
    void this.handle(checked.message);
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.markReady();
        this.refreshFolders();
        return;
      case 'search':
        return this.runSearch(m.query, m.mode);
      case 'open':
        return openRange(m.file, m.startLine, m.endLine, { preview: true }).catch((err) => this.services.warn(errorText(err)));
      case 'findSimilar':
        return this.showSimilar(m.file, m.startLine, m.endLine, '');
      case 'requestMap':
        return this.runMap(m.folder, m.k);
      case 'searchInCluster':
        return this.runSearch(m.query, m.mode, false, { folder: m.folder, cluster: m.cluster });
      case 'exportMap':
        return this.exportMap(m.format, m.data);
      case 'tabChanged':
        return;
      case 'qualityCommand':
        return this.runQualityCommand(m.command);
    }
  }

  private async runQualityCommand(command: QualityCommand): Promise<void> {
    if (command === 'measure') await vscode.commands.executeCommand(COMMANDS.measureQuality);
    else if (command === 'adapt') await vscode.commands.executeCommand(COMMANDS.adapt);
    else if (this.qualityReport) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: qualityMarkdown(this.qualityReport) });
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
    }
  }

  private async runSearch(query: string, mode: SearchModeName, external = false, cluster?: { folder: string; cluster: number }): Promise<void> {
    const generation = ++this.searchGeneration;
    const started = Date.now();
    try {
      let results;
      if (cluster) {
        const within = this.maps.within(cluster.folder, cluster.cluster);
        if (!within) throw new Error('That cluster is not on the current map any more: open the map again and choose a cluster.');
        results = await this.services.searchWithin(query, mode, cluster.folder, within);
      } else {
        results = await this.services.search(query, mode);
      }
      if (generation !== this.searchGeneration) return; // a newer query is on its way
      this.post({ type: 'searchResults', query, mode, results: await toPanelResults(results), ms: Date.now() - started, external });
    } catch (err) {
      this.post({ type: 'error', what: 'search', message: errorText(err) });
    }
  }

  private async runMap(folder: string, k?: number): Promise<void> {
    this.post({ type: 'busy', what: 'map', busy: true });
    try {
      const map = await this.services.clusterMap(folder, k);
      this.maps.remember(folder, map.points);
      this.lastMapFolder = folder;
      this.post({ type: 'clusterMap', folder, ...map });
    } catch (err) {
      this.post({ type: 'error', what: 'map', message: `Could not compute the map: ${errorText(err)}` });
    }
  }

  private async exportMap(format: 'png' | 'svg', data: string): Promise<void> {
    try {
      const file = await saveMapExport(format, data, this.lastMapFolder);
      if (file) this.post({ type: 'mapExported', file });
    } catch (err) {
      this.post({ type: 'error', what: 'map', message: `Could not export the map: ${errorText(err)}` });
    }
  }

  private dispose(): void {
    if (SearchPanel.current === this) SearchPanel.current = undefined;
    this.testState = { ...this.testState, visible: false };
    for (const d of this.disposables) d.dispose();
  }
}

/** The persisted state comes from the webview: accept only what we understand. */
function sanitizeState(raw: unknown, roots: string[]): PanelPersistedState {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    tab: s.tab === 'similar' || s.tab === 'map' || s.tab === 'quality' ? s.tab : 'search',
    query: typeof s.query === 'string' ? s.query.slice(0, 1000) : '',
    mode: s.mode === 'semantic' || s.mode === 'lexical' ? s.mode : 'hybrid',
    folder: typeof s.folder === 'string' && roots.includes(s.folder) ? s.folder : undefined,
    k: typeof s.k === 'number' && Number.isInteger(s.k) && s.k >= 2 && s.k <= 64 ? s.k : undefined,
  };
}
