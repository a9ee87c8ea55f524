// Composition root: builds the pieces, registers commands, the panel serializer and the
// status bar, starts background indexing, and returns the typed API (shared/extensionApi).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type SemanticSearchApi } from '../shared/extensionApi';
import { findSimilar } from './commands/findSimilar';
import { pauseIndexing, resumeIndexing } from './commands/pauseResume';
import { reindex } from './commands/reindex';
import { searchWorkspace } from './commands/searchWorkspace';
import { showMap } from './commands/showMap';
import { showStatus } from './commands/showStatus';
import { TEAM_PASSWORD_SECRET, setTeamPassword } from './commands/teamPassword';
import { adaptSearch, measureSearchQuality } from './commands/workspaceQuality';
import { EngineFactory } from './engineFactory';
import { toApiResult } from './apiResult';
import { teamStates } from './vscodeFree/teamStatusLine';
import { EditorFileEvents } from './editorFileEvents';
import { IndexingController } from './indexing';
import { RETRY_COMMAND } from './vscodeFree/errorAdvice';
import { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';
import { Notifier } from './notifier';
import { PANEL_VIEW_TYPE, SearchPanel } from './panel/searchPanel';
import { createPanelServices } from './panelServicesImpl';
import { SEARCH_VIEW_ID, SearchViewProvider } from './view/searchView';
import type { ExtensionServices } from './services';
import { currentSettings } from './settings';
import { IndexStatusBar } from './statusBar';

let teardown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): SemanticSearchApi {
  const log = vscode.window.createOutputChannel('Semantic Search', { log: true });
  // One index per folder and model in global storage, shared by every window; earlier versions kept a copy per
  // workspace in workspace storage, which is moved (or removed) on first use.
  const storage = {
    indexesRoot: path.join(context.globalStorageUri.fsPath, 'indexes'),
    legacyRoot: context.storageUri?.fsPath,
    teamPassword: async () => context.secrets.get(TEAM_PASSWORD_SECRET),
  };
  const factory = new EngineFactory(context.extensionPath, storage, (what) => log.info(what));
  const indexes = new WorkspaceIndexes();
  const notifier = new Notifier(log);
  const statusBar = new IndexStatusBar();
  const fileEvents = new EditorFileEvents(indexes);
  const indexing = new IndexingController(factory, indexes, statusBar, notifier, log);
  const panel = createPanelServices(indexes, log);
  const searchView = new SearchViewProvider(context.extensionUri, panel, context.workspaceState, () => indexes.all.map((f) => f.status));
  const services: ExtensionServices = { extensionUri: context.extensionUri, indexes, indexing, panel, searchView, log };

  const register = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          // A command must never take the extension host down with it.
          log.error(`${id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          void vscode.window.showErrorMessage(`Semantic Search: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        }
      }),
    );
  register(COMMANDS.search, (query) => searchWorkspace(services, typeof query === 'string' ? query : undefined));
  register(COMMANDS.findSimilar, () => findSimilar(services));
  register(COMMANDS.showMap, () => showMap(services));
  register(COMMANDS.reindex, () => reindex(services));
  register(COMMANDS.pause, () => pauseIndexing(services));
  register(COMMANDS.resume, () => resumeIndexing(services));
  register(COMMANDS.showStatus, () => showStatus(services));
  register(COMMANDS.setTeamPassword, (password) => setTeamPassword(services, context.secrets, password));
  register(COMMANDS.measureQuality, () => measureSearchQuality(services));
  register(COMMANDS.adapt, () => adaptSearch(services));
  register(RETRY_COMMAND, () => indexing.reindexAll(false));

  context.subscriptions.push(
    log,
    statusBar,
    fileEvents,
    indexing,
    indexing.onDidChangeStatus(() => searchView.indexStatusChanged()),
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW_ID, searchView, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel, state) {
        SearchPanel.revive(webviewPanel, context.extensionUri, panel, state);
      },
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(async () => {
      await indexing.syncFolders();
      SearchPanel.instance?.refreshFolders();
    }),
  );

  teardown = async () => {
    await indexes.dispose();
    await factory.close();
  };

  // Background indexing; failures are reported per folder and never escape.
  void indexing.syncFolders().catch((err) => log.error(`startup: ${String(err)}`));

  const api: SemanticSearchApi = {
    whenIndexed: () => indexes.whenIndexed(),
    async whenIdle() {
      // Let the file system events of just-written files arrive, then apply them now.
      await new Promise((r) => setTimeout(r, 100));
      await indexes.flushPending();
      await indexes.whenIdle();
    },
    states: () => indexes.states(),
    search: async (query, opts) =>
      (await indexes.search(query, { k: opts?.k ?? currentSettings().maxResults, mode: opts?.mode ?? 'hybrid', semanticWeight: currentSettings().hybridSemanticWeight })).map(toApiResult),
    similar: async (file, startLine, endLine, k) => (await indexes.similar(file, startLine, endLine, { k: k ?? currentSettings().maxResults })).map(toApiResult),
    statusBarText: () => statusBar.plainText,
    panelState: () => SearchPanel.instance?.state,
    teamStatus: () => teamStates(indexes),
    notifications: () => [...notifier.history],
  };
  return api;
}

export async function deactivate(): Promise<void> {
  await teardown?.();
  teardown = undefined;
}
