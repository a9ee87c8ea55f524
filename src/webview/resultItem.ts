// One result as an accessible, focusable list item: its name, kind, path:line, the lines that matched with the
// query's words marked, and (optionally) a syntax-colored preview. Shared by the panel and the Semantic Search
// view; it posts nothing itself (each page owns its one acquireVsCodeApi()), the caller passes the actions.
import type { PanelResult } from '../shared/messages';
import { highlighted } from './highlight';
import { leadToMatch } from './leadToMatch';

export interface ResultActions {
  open(r: PanelResult): void;
  /** Absent: no "Similar" button. */
  findSimilar?(r: PanelResult): void;
}

export interface ResultItemOptions {
  /** Prefix the path with the workspace folder's name (multi-root). */
  showFolder?: boolean;
  /** The path is shown by a file header around the item (the view's groups): only the line number here. */
  pathInHeader?: boolean;
  /** The syntax-colored preview of the first lines; otherwise it only stands in when no line matched. */
  snippet?: boolean;
  /** Narrow lists (the sidebar): a line whose first match starts later than this many characters is shown from a
   * little before it, behind "…", so the marked words are in sight (like the Search view). */
  leadBeforeMatch?: number;
}


export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A name for a reader: the engine's display name, else the symbol, else the kind. */
export function resultName(r: PanelResult): string {
  return r.name || r.symbol || `(${r.kind})`;
}

/** The lines that matched, the matched words marked (<mark>: announced by screen readers, themed by CSS). */
function matchLines(matches: NonNullable<PanelResult['matches']>, lead?: number): HTMLElement {
  const box = el('div', 'result-matches');
  for (const line of matches) {
    const m = lead === undefined ? line : { line: line.line, ...leadToMatch(line, lead) };
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

/** Moves focus to the previous or next `.result` inside the closest `[data-results]` container (across file groups). */
function moveFocus(item: HTMLElement, step: 1 | -1): void {
  const scope = item.closest('[data-results]') ?? item.parentElement;
  const all = [...(scope?.querySelectorAll<HTMLElement>('.result') ?? [])];
  all[all.indexOf(item) + step]?.focus();
}

export function renderResultItem(r: PanelResult, actions: ResultActions, opts: ResultItemOptions = {}): HTMLLIElement {
  const item = el('li', 'result');
  item.tabIndex = 0;
  const name = resultName(r);
  const first = r.matches?.[0];
  const line = first?.line ?? r.startLine;
  item.setAttribute('aria-label', `${name} in ${r.path} line ${line}${first ? `: ${first.text}` : ''}`);

  const head = el('div', 'result-head');
  head.append(el('span', 'result-symbol', name));
  head.append(el('span', 'result-kind', r.kind));
  const where = opts.pathInHeader ? `line ${line}` : `${opts.showFolder ? `${r.folderName} › ` : ''}${r.path}:${line}`;
  const loc = el('span', 'result-path', where);
  // The score stays in the API and the CLI: a number like 0.015 means nothing to a reader.
  loc.title = `${r.folderName} · lines ${r.startLine}–${r.endLine}`;
  head.append(loc);
  if (actions.findSimilar) {
    const similar = el('button', 'result-similar', 'Similar');
    similar.type = 'button';
    similar.title = 'Find code similar to this result';
    similar.setAttribute('aria-label', `Find code similar to ${name}`);
    similar.addEventListener('click', (ev) => {
      ev.stopPropagation();
      actions.findSimilar?.(r);
    });
    head.append(similar);
  }
  item.append(head);
  if (r.matches?.length) item.append(matchLines(r.matches, opts.leadBeforeMatch));

  if (opts.snippet || !r.matches?.length) {
    const pre = el('pre', 'result-snippet');
    const code = el('code');
    code.append(highlighted(r.snippet, r.language));
    pre.append(code);
    item.append(pre);
  }

  item.addEventListener('click', () => actions.open(r));
  item.addEventListener('keydown', (ev) => {
    if (ev.target !== item) return; // keys on the inner "Similar" button are the button's
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      actions.open(r);
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      moveFocus(item, ev.key === 'ArrowDown' ? 1 : -1);
    }
  });
  return item;
}
