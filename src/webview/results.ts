// Renders the panel's result lists (search or similar code): Enter or click opens the code, the "Similar" button
// asks for code like this result. Each item is the shared resultItem.ts.
import type { PanelResult } from '../shared/messages';
import { renderResultItem } from './resultItem';
import { vscode } from './vscodeApi';

const actions = {
  open: (r: PanelResult) => vscode.postMessage({ type: 'open', file: r.file, startLine: r.startLine, endLine: r.endLine }),
  findSimilar: (r: PanelResult) => vscode.postMessage({ type: 'findSimilar', file: r.file, startLine: r.startLine, endLine: r.endLine }),
};

export function renderResults(list: HTMLElement, results: PanelResult[], opts: { showSimilarButton: boolean; showFolder?: boolean }): void {
  list.replaceChildren();
  list.dataset.results = '';
  results.forEach((r, i) => {
    const item = renderResultItem(r, opts.showSimilarButton ? actions : { open: actions.open }, { showFolder: opts.showFolder, snippet: true });
    item.dataset.index = String(i);
    list.append(item);
  });
}
