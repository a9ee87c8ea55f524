// The Semantic Search view: a webview view in its own activity-bar container. It runs the searches the page asks for
// (with its filters, inside the engine), Find Similar on a result, and queries sent from the QuickPick; its state
// (query, mode, filters, a similar-code source) lives in the workspace state, so a reload shows the same results.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FromSearchView, SearchModeName, ToSearchView, ViewPersistedState, ViewSimilarSource } from '../../shared/messages';
import { errorText } from '../vscodeFree/errorAdvice';
import type { FolderStatus } from '../vscodeFree/folderState';
import { anyRunning, plainNotices } from '../vscodeFree/searchNotices';
import { containingRoot } from '../vscodeFree/pathInside';
import { filterOptions, sanitizeViewState, validateViewMessage } from '../vscodeFree/validateViewMessage';
import { viewHtml } from '../vscodeFree/viewHtml';
import { openRange, toPanelResults } from '../locations';
import type { PanelServices } from '../panel/panelServices';

export const SEARCH_VIEW_ID = 'semanticSearch.view';
const STATE_KEY = 'semanticSearch.view.state';
/** Quiet time after the last index change before the view searches again. */
const REFRESH_DELAY_MS = 300;

export class SearchViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private generation = 0;
  /** Results may be out of date: an index changed since the view last searched. */
  private stale = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The page's latest request number (reset with each new page). */
  private lastSeq: number | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: PanelServices,
    private readonly memento: vscode.Memento,
    /** The folders' index states: what the results may be missing (building, incomplete, …). */
    private readonly folderStatus: () => readonly FolderStatus[],
  ) {}

  /**
   * An index changed state. Once no index is being written (after a first pass, an update after a save, a commit
   * another window made), the view searches again, so results that stay on screen stay current. A hidden view
   * searches when it is shown.
   */
  indexStatusChanged(): void {
    this.stale = true;
    if (anyRunning(this.folderStatus())) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refreshIfStale(), REFRESH_DELAY_MS);
  }

  private refreshIfStale(): void {
    if (!this.stale || !this.view?.visible) return;
    // Answered as the page's latest request: dropped there if the user has asked for something else since.
    void this.ready.then(() => this.runFromState(this.lastSeq));
  }

  private notices(): string[] | undefined {
    const list = plainNotices(this.folderStatus());
    return list.length ? list : undefined;
  }

  private get state(): ViewPersistedState {
    return sanitizeViewState(this.memento.get(STATE_KEY), this.services.roots());
  }

  private async setState(patch: Partial<ViewPersistedState>): Promise<void> {
    const next: ViewPersistedState = { ...this.state, ...patch };
    if ('similar' in patch && patch.similar === undefined) delete next.similar;
    await this.memento.update(STATE_KEY, next);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.lastSeq = undefined;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    const media = (f: string) => view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f)).toString();
    view.webview.html = viewHtml({
      cspSource: view.webview.cspSource,
      scriptUri: media('view.js'),
      styleUris: [media('panel.css'), media('view.css')],
      initial: { ...this.state, multiRoot: this.services.roots().length > 1 },
    });
    view.webview.onDidReceiveMessage((raw) => this.receive(raw));
    view.onDidChangeVisibility(() => this.refreshIfStale());
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** From the QuickPick: show the view and fill it with this query and mode (the view's filters stay). */
  async show(query: string, mode: SearchModeName): Promise<void> {
    await this.setState({ query, mode, similar: undefined });
    await vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`);
    // A view that already existed keeps its page: search now. A new one searches when its page says it is ready.
    if (this.view) await this.ready.then(() => this.runFromState());
  }

  private post(message: ToSearchView): void {
    const view = this.view;
    void this.ready.then(() => view?.webview.postMessage(message));
  }

  private receive(raw: unknown): void {
    const checked = validateViewMessage(raw, this.services.roots());
    if (!checked.ok) {
      this.services.warn(`Ignored a message from the Semantic Search view: ${checked.reason}`);
      return;
    }
    void this.handle(checked.message).catch((err) => this.services.warn(errorText(err)));
  }

  private async handle(m: FromSearchView): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.markReady();
        return this.runFromState();
      case 'viewSearch':
        this.lastSeq = m.seq;
        await this.setState({ query: m.query, mode: m.mode, filters: m.filters, filtersOpen: m.filtersOpen, similar: undefined });
        this.stale = false;
        return this.runSearch(m.seq);
      case 'open':
        return openRange(m.file, m.startLine, m.endLine, { preview: true });
      case 'findSimilar': {
        this.lastSeq = m.seq;
        const root = containingRoot(m.file, this.services.roots()) ?? path.dirname(m.file);
        const source: ViewSimilarSource = { file: m.file, path: path.relative(root, m.file).split(path.sep).join('/'), startLine: m.startLine, endLine: m.endLine, name: m.name };
        await this.setState({ similar: source });
        return this.runSimilar(source, m.seq);
      }
    }
  }

  /** What the state says the view shows: similar code, or the query's results. `seq`: see runSearch. */
  private runFromState(seq?: number): Promise<void> {
    this.stale = false;
    const similar = this.state.similar;
    return similar ? this.runSimilar(similar, seq) : this.runSearch(seq);
  }

  /** `seq`: the page's request number, echoed; none: the state's query, which replaces what the page shows. */
  private async runSearch(seq?: number): Promise<void> {
    const { query, mode, filters } = this.state;
    const generation = ++this.generation;
    if (!query.trim()) {
      this.post({ type: 'viewResults', query, mode, results: [], ms: 0, seq, notices: this.notices() });
      return;
    }
    const started = Date.now();
    this.post({ type: 'viewBusy' });
    try {
      const results = await this.services.search(query, mode, filterOptions(filters));
      if (generation !== this.generation) return; // a newer query is on its way
      this.post({ type: 'viewResults', query, mode, results: await toPanelResults(results), ms: Date.now() - started, seq, notices: this.notices() });
    } catch (err) {
      if (generation === this.generation) this.post({ type: 'viewError', message: errorText(err), seq });
    }
  }

  private async runSimilar(source: ViewSimilarSource, seq?: number): Promise<void> {
    const generation = ++this.generation;
    this.post({ type: 'viewBusy' });
    try {
      const results = await this.services.similar(source.file, source.startLine, source.endLine, undefined, filterOptions(this.state.filters));
      if (generation !== this.generation) return;
      this.post({ type: 'viewSimilar', source, results: await toPanelResults(results), seq, notices: this.notices() });
    } catch (err) {
      if (generation === this.generation) this.post({ type: 'viewError', message: errorText(err), seq });
    }
  }
}
