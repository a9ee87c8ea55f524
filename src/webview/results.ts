// Renders a result list (search or similar code) as accessible list items: Enter or click
// opens the code, the "Similar" button asks for code like this result.
import type { PanelResult } from '../shared/messages';
import { highlighted } from './highlight';
import { vscode } from './vscodeApi';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The lines that matched, the matched words marked (<mark>: announced by screen readers, themed by CSS). */
function matchLines(matches: NonNullable<PanelResult['matches']>): HTMLElement {
  const box = el('div', 'result-matches');
  for (const m of matches) {
    const row = el('div', 'result-match');
    row.append(el('span', 'result-line-no', String(m.line)));
    const text = el('span', 'result-match-text');
    let at = 0;
    for (const [start, end] of m.highlights) {
      if (start < at || end > m.text.length || start >= end) continue;
      text.append(document.createTextNode(m.text.slice(at, start)), el('mark', undefined, m.text.slice(start, end)));
      at = end;
    }
    text.append(document.createTextNode(m.text.slice(at)));
    row.append(text);
    box.append(row);
  }
  return box;
}

export function renderResults(list: HTMLElement, results: PanelResult[], opts: { showSimilarButton: boolean; showFolder?: boolean }): void {
  list.replaceChildren();
  results.forEach((r, i) => {
    const item = el('li', 'result');
    item.tabIndex = 0;
    const name = r.name || r.symbol || `(${r.kind})`;
    const first = r.matches?.[0];
    item.setAttribute('aria-label', `${name} in ${r.path} line ${first?.line ?? r.startLine}${first ? `: ${first.text}` : ''}`);
    item.dataset.index = String(i);

    const head = el('div', 'result-head');
    head.append(el('span', 'result-symbol', name));
    head.append(el('span', 'result-kind', r.kind));
    const loc = el('span', 'result-path', `${opts.showFolder ? `${r.folderName} › ` : ''}${r.path}:${first?.line ?? r.startLine}`);
    // The score stays in the API and the CLI: a number like 0.015 means nothing to a reader.
    loc.title = `${r.folderName} · lines ${r.startLine}–${r.endLine}`;
    head.append(loc);
    if (opts.showSimilarButton) {
      const similar = el('button', 'result-similar', 'Similar');
      similar.type = 'button';
      similar.title = 'Find code similar to this result';
      similar.addEventListener('click', (ev) => {
        ev.stopPropagation();
        vscode.postMessage({ type: 'findSimilar', file: r.file, startLine: r.startLine, endLine: r.endLine });
      });
      head.append(similar);
    }
    item.append(head);
    if (r.matches?.length) item.append(matchLines(r.matches));

    const pre = el('pre', 'result-snippet');
    const code = el('code');
    code.append(highlighted(r.snippet, r.language));
    pre.append(code);
    item.append(pre);

    const open = () => vscode.postMessage({ type: 'open', file: r.file, startLine: r.startLine, endLine: r.endLine });
    item.addEventListener('click', open);
    item.addEventListener('keydown', (ev) => {
      if (ev.target !== item) return; // keys on the inner "Similar" button are the button's
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        open();
      } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        const next = (ev.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling) as HTMLElement | null;
        next?.focus();
      }
    });
    list.append(item);
  });
}
