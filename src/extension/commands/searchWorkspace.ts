// Search Workspace: a QuickPick with live results while typing (debounced; stale answers
// dropped), mode buttons (hybrid / semantic / lexical), Enter opens the range, and a button
// sends the results to the panel, another fills the Semantic Search view with the same query and mode.
import * as vscode from 'vscode';
import type { SearchModeName } from '../../shared/messages';
import { errorText } from '../vscodeFree/errorAdvice';
import { LatestOnly, debounce } from '../vscodeFree/latestOnly';
import { openRange } from '../locations';
import { SearchPanel } from '../panel/searchPanel';
import type { ExtensionServices } from '../services';
import { resultItem, type ResultItem } from './resultItem';
import { searchNotices, type SearchNotice } from '../vscodeFree/searchNotices';

/** A row that is not a result: the index's state, or why nothing was found, with the action that helps. */
interface NoticeItem extends vscode.QuickPickItem {
  notice: SearchNotice;
}
type SearchItem = ResultItem | NoticeItem;

function noticeItems(s: ExtensionServices, query: string, resultCount: number): NoticeItem[] {
  return searchNotices(s.indexes.all.map((f) => f.status), query, resultCount).map((n) => ({ label: n.label, detail: n.detail, alwaysShow: true, notice: n }));
}

const TYPING_DEBOUNCE_MS = 150;

const MODE_BUTTONS: Record<SearchModeName, { icon: string; label: string }> = {
  hybrid: { icon: 'combine', label: 'Hybrid (meaning + words)' },
  semantic: { icon: 'sparkle', label: 'Semantic (meaning only)' },
  lexical: { icon: 'whole-word', label: 'Lexical (words only)' },
};

interface ModeButton extends vscode.QuickInputButton {
  mode?: SearchModeName;
  toPanel?: boolean;
  toView?: boolean;
}

/** The QuickPick button that fills the Semantic Search view (its tooltip is what the e2e spec clicks). */
export const SEND_TO_VIEW_TOOLTIP = 'Send to Semantic Search view';

let lastMode: SearchModeName = 'hybrid';

export function searchWorkspace(s: ExtensionServices, initialQuery?: string): void {
  const qp = vscode.window.createQuickPick<SearchItem>();
  qp.placeholder = 'Describe the code, e.g. "retry with backoff"';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  // Keep the engine's ranking: VS Code otherwise moves items whose label matches the typed text to
  // the top. sortByLabel is still proposed in the typings, but extension hosts honour it (1.90+);
  // where one does not, the list is merely re-sorted.
  (qp as vscode.QuickPick<SearchItem> & { sortByLabel?: boolean }).sortByLabel = false;
  qp.value = typeof initialQuery === 'string' ? initialQuery : '';
  let mode = lastMode;
  const latest = new LatestOnly();

  const buttons = (): ModeButton[] => [
    ...(Object.keys(MODE_BUTTONS) as SearchModeName[]).map((m) => ({
      mode: m,
      iconPath: new vscode.ThemeIcon(m === mode ? 'pass-filled' : MODE_BUTTONS[m].icon),
      tooltip: `${MODE_BUTTONS[m].label}${m === mode ? ' — current' : ''}`,
    })),
    { toView: true, iconPath: new vscode.ThemeIcon('list-tree'), tooltip: SEND_TO_VIEW_TOOLTIP },
    { toPanel: true, iconPath: new vscode.ThemeIcon('open-preview'), tooltip: 'Show results in the panel' },
  ];
  const refreshChrome = () => {
    qp.title = `Semantic Search — ${MODE_BUTTONS[mode].label}`;
    qp.buttons = buttons();
  };

  const run = async (query: string) => {
    if (!query.trim()) {
      latest.invalidate();
      qp.items = noticeItems(s, '', 0);
      qp.busy = false;
      return;
    }
    qp.busy = true;
    try {
      const answer = await latest.run(() => s.panel.search(query, mode));
      if (!answer) return; // stale: the user typed on
      // alwaysShow: the QuickPick must not filter our ranked list by its own fuzzy match.
      const multiRoot = s.indexes.roots.length > 1;
      qp.items = [...noticeItems(s, query, answer.length), ...answer.map((r) => resultItem(r, multiRoot))];
      qp.busy = false;
      refreshChrome();
    } catch (err) {
      qp.busy = false;
      const failure: NoticeItem = { label: `$(error) Search failed: ${errorText(err)}`, alwaysShow: true, notice: { label: 'failed', command: 'semanticSearch.showStatus' } };
      qp.items = [failure, ...noticeItems(s, query, 0).filter((n) => !n.label.includes('Nothing matched'))];
    }
  };
  const runDebounced = debounce(run, TYPING_DEBOUNCE_MS);

  qp.onDidChangeValue((v) => runDebounced(v));
  qp.onDidTriggerButton((b) => {
    const button = b as ModeButton;
    if (button.toView) {
      const query = qp.value;
      qp.hide();
      void s.searchView.show(query, mode);
      return;
    }
    if (button.toPanel) {
      const panel = SearchPanel.createOrShow(s.extensionUri, s.panel, 'search');
      void panel.showSearch(qp.value, mode);
      qp.hide();
      return;
    }
    if (button.mode) {
      mode = lastMode = button.mode;
      refreshChrome();
      void run(qp.value);
    }
  });
  qp.onDidAccept(() => {
    const picked = qp.selectedItems[0] ?? qp.activeItems[0];
    if (!picked) return;
    if ('notice' in picked) {
      if (!picked.notice.command) return;
      qp.hide();
      void vscode.commands.executeCommand(picked.notice.command, ...(picked.notice.args ?? []));
      return;
    }
    qp.hide();
    void openRange(picked.result.file, picked.result.startLine, picked.result.endLine, { preview: false });
  });
  qp.onDidHide(() => {
    runDebounced.cancel();
    latest.invalidate();
    qp.dispose();
  });
  refreshChrome();
  qp.show();
  void run(qp.value);
}
