// Search Workspace: a QuickPick with live results while typing (debounced; stale answers
// dropped), mode buttons (hybrid / semantic / lexical), Enter opens the range, and a button
// sends the results to the panel.
import * as vscode from 'vscode';
import type { SearchModeName } from '../../shared/messages';
import { errorText } from '../vscodeFree/errorAdvice';
import { LatestOnly, debounce } from '../vscodeFree/latestOnly';
import { openRange } from '../locations';
import { SearchPanel } from '../panel/searchPanel';
import type { ExtensionServices } from '../services';
import { resultItem, type ResultItem } from './resultItem';

const TYPING_DEBOUNCE_MS = 150;

const MODE_BUTTONS: Record<SearchModeName, { icon: string; label: string }> = {
  hybrid: { icon: 'combine', label: 'Hybrid (meaning + words)' },
  semantic: { icon: 'sparkle', label: 'Semantic (meaning only)' },
  lexical: { icon: 'whole-word', label: 'Lexical (words only)' },
};

interface ModeButton extends vscode.QuickInputButton {
  mode?: SearchModeName;
  toPanel?: boolean;
}

let lastMode: SearchModeName = 'hybrid';

/** Results may be incomplete while the index is still being built: say so in the title. */
function indexHint(s: ExtensionServices): string {
  const busy = s.indexes.all.map((f) => f.status).filter((st) => st.state === 'indexing' || st.state === 'starting');
  if (!busy.length) return '';
  const percent = Math.floor(busy.reduce((n, st) => n + (st.progress?.percent ?? 0), 0) / busy.length);
  return ` (index ${percent}% built)`;
}

/** No results: because nothing is indexed (and why), or because nothing matched. */
function noResultsText(s: ExtensionServices, query: string): string {
  const failed = s.indexes.all.map((f) => f.status).find((st) => st.state === 'error');
  if (failed && s.indexes.all.every((f) => f.status.state === 'error' || f.status.chunks === 0)) {
    return `No usable index: ${failed.message ?? 'see Semantic Search: Show Index Status'}`;
  }
  return `No results for "${query}"`;
}

export function searchWorkspace(s: ExtensionServices, initialQuery?: string): void {
  const qp = vscode.window.createQuickPick<ResultItem>();
  qp.placeholder = 'Describe the code, e.g. "retry with backoff"';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  // Keep the engine's ranking: VS Code otherwise moves items whose label matches the typed text to
  // the top. sortByLabel is still proposed in the typings, but extension hosts honour it (1.90+);
  // where one does not, the list is merely re-sorted.
  (qp as vscode.QuickPick<ResultItem> & { sortByLabel?: boolean }).sortByLabel = false;
  qp.value = typeof initialQuery === 'string' ? initialQuery : '';
  let mode = lastMode;
  const latest = new LatestOnly();

  const buttons = (): ModeButton[] => [
    ...(Object.keys(MODE_BUTTONS) as SearchModeName[]).map((m) => ({
      mode: m,
      iconPath: new vscode.ThemeIcon(m === mode ? 'pass-filled' : MODE_BUTTONS[m].icon),
      tooltip: `${MODE_BUTTONS[m].label}${m === mode ? ' — current' : ''}`,
    })),
    { toPanel: true, iconPath: new vscode.ThemeIcon('open-preview'), tooltip: 'Show results in the panel' },
  ];
  const refreshChrome = () => {
    qp.title = `Semantic Search — ${MODE_BUTTONS[mode].label}${indexHint(s)}`;
    qp.buttons = buttons();
  };

  const run = async (query: string) => {
    if (!query.trim()) {
      latest.invalidate();
      qp.items = [];
      qp.busy = false;
      return;
    }
    qp.busy = true;
    try {
      const answer = await latest.run(() => s.panel.search(query, mode));
      if (!answer) return; // stale: the user typed on
      // alwaysShow: the QuickPick must not filter our ranked list by its own fuzzy match.
      const multiRoot = s.indexes.roots.length > 1;
      qp.items = answer.map((r) => resultItem(r, multiRoot));
      qp.busy = false;
      if (!answer.length) qp.placeholder = noResultsText(s, query);
      refreshChrome();
    } catch (err) {
      qp.busy = false;
      qp.items = [];
      qp.placeholder = `Search failed: ${errorText(err)}`;
    }
  };
  const runDebounced = debounce(run, TYPING_DEBOUNCE_MS);

  qp.onDidChangeValue((v) => runDebounced(v));
  qp.onDidTriggerButton((b) => {
    const button = b as ModeButton;
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
  if (qp.value) void run(qp.value);
}
