// Entry of the Semantic Search view (a webview view in its own activity-bar container): query box, mode, filters
// (code / docs / tests, language, files to include / exclude) and results grouped by file. The extension runs the
// searches and keeps the state; this page sends what the user asks for and draws what comes back.
import type { ContentTypeName, PanelResult, SearchFilters, SearchModeName, ToSearchView, ViewInitialData, ViewSimilarSource } from '../../shared/messages';
import { CONTENT_TYPE_NAMES, FILTER_LANGUAGES, NO_FILTERS, SEARCH_MODES } from '../../shared/messages';
import { el, renderResultItem } from '../resultItem';
import { groupByFile } from './groupByFile';
import { viewApi } from './viewApi';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function readInitial(): ViewInitialData {
  const fallback: ViewInitialData = { query: '', mode: 'hybrid', filters: NO_FILTERS, filtersOpen: false, multiRoot: false };
  try {
    return { ...fallback, ...(JSON.parse(document.body.dataset.initial ?? '{}') as Partial<ViewInitialData>) };
  } catch {
    return fallback;
  }
}

const initial = readInitial();
let mode: SearchModeName = initial.mode;
let filtersOpen = initial.filtersOpen;

const queryInput = $<HTMLInputElement>('view-query');
const status = $('view-status');
const list = $('view-results');
const similarBar = $('view-similar-bar');
const noticeBox = $('view-notices');
const filtersBox = $('view-filters');
const filtersToggle = $<HTMLButtonElement>('view-toggle-filters');
const language = $<HTMLSelectElement>('view-language');
const include = $<HTMLInputElement>('view-include');
const exclude = $<HTMLInputElement>('view-exclude');
const typeBoxes = CONTENT_TYPE_NAMES.map((t) => $<HTMLInputElement>(`view-type-${t}`));

// ---- filters ----
for (const l of FILTER_LANGUAGES) {
  const o = el('option', undefined, l.label);
  o.value = l.id;
  language.append(o);
}

function readFilters(): SearchFilters {
  const checked = CONTENT_TYPE_NAMES.filter((_, i) => typeBoxes[i].checked);
  return {
    // All three ticked is no restriction.
    contentTypes: checked.length === CONTENT_TYPE_NAMES.length ? [] : checked,
    language: language.value,
    include: include.value,
    exclude: exclude.value,
  };
}

function showFilters(f: SearchFilters): void {
  CONTENT_TYPE_NAMES.forEach((t, i) => (typeBoxes[i].checked = f.contentTypes.length === 0 || f.contentTypes.includes(t as ContentTypeName)));
  language.value = f.language;
  include.value = f.include;
  exclude.value = f.exclude;
}

function activeFilterCount(f: SearchFilters): number {
  return (f.contentTypes.length ? 1 : 0) + (f.language ? 1 : 0) + (f.include.trim() ? 1 : 0) + (f.exclude.trim() ? 1 : 0);
}

function setFiltersOpen(open: boolean): void {
  filtersOpen = open;
  filtersBox.hidden = !open;
  filtersToggle.setAttribute('aria-expanded', String(open));
  const n = activeFilterCount(readFilters());
  filtersToggle.textContent = n ? `Filters (${n})` : 'Filters';
}

// ---- search ----
/** Number of the latest request: only its answer is drawn. `data-settled` on the list says the answer is drawn. */
let asked = 0;
const settle = (done: boolean) => (list.dataset.settled = String(done));
/** A typed change not sent yet (the debounce is running): what the user types wins over what the extension sends. */
let typing = false;
/**
 * Whether an answer is the one to draw: the latest request's, or one the extension sent on its own (no seq) — and in
 * neither case while a change is still waiting to be sent (its own answer follows; drawing this one as settled would
 * show results for filters the user has already changed).
 */
const isCurrent = (seq: number | undefined) => !typing && (seq === undefined || seq === asked);

let timer: ReturnType<typeof setTimeout> | undefined;
function search(): void {
  clearTimeout(timer);
  typing = false;
  const filters = readFilters();
  setFiltersOpen(filtersOpen); // the count on the toggle
  if (CONTENT_TYPE_NAMES.every((_, i) => !typeBoxes[i].checked)) {
    asked++;
    list.replaceChildren();
    status.textContent = 'Tick at least one of code, docs or tests.';
    settle(true);
    return;
  }
  if (!queryInput.value.trim()) {
    list.replaceChildren();
    similarBar.hidden = true;
    status.textContent = '';
  }
  // Sent even when empty: the extension keeps the state (query, mode, filters) across reloads.
  settle(false);
  viewApi.postMessage({ type: 'viewSearch', seq: ++asked, query: queryInput.value, mode, filters, filtersOpen });
}
const searchSoon = () => {
  clearTimeout(timer);
  typing = true;
  settle(false);
  timer = setTimeout(search, 250);
};

function setMode(m: SearchModeName): void {
  mode = m;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
    const on = b.dataset.mode === m;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
  }
}

queryInput.addEventListener('input', searchSoon);
$('view-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  search();
});
queryInput.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown') {
    ev.preventDefault();
    list.querySelector<HTMLElement>('.result')?.focus();
  }
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
  b.addEventListener('click', () => {
    setMode(b.dataset.mode as SearchModeName);
    search();
  });
  b.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const i = SEARCH_MODES.indexOf(mode);
    const next = SEARCH_MODES[(i + (ev.key === 'ArrowRight' ? 1 : SEARCH_MODES.length - 1)) % SEARCH_MODES.length];
    setMode(next);
    document.querySelector<HTMLElement>(`[data-mode="${next}"]`)?.focus();
    search();
  });
}
filtersToggle.addEventListener('click', () => {
  setFiltersOpen(!filtersOpen);
  search(); // persists the open state too
});
for (const box of typeBoxes) box.addEventListener('change', search);
language.addEventListener('change', search);
for (const input of [include, exclude]) {
  input.addEventListener('input', searchSoon);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      search();
    }
  });
}
$('view-similar-back').addEventListener('click', search);

// ---- results ----
const actions = {
  open: (r: PanelResult) => viewApi.postMessage({ type: 'open', file: r.file, startLine: r.startLine, endLine: r.endLine }),
  findSimilar: (r: PanelResult) => {
    settle(false);
    viewApi.postMessage({ type: 'findSimilar', seq: ++asked, file: r.file, startLine: r.startLine, endLine: r.endLine, name: r.name || r.symbol || r.path });
  },
};

function renderGroups(results: PanelResult[]): void {
  list.replaceChildren();
  for (const g of groupByFile(results)) {
    const group = el('li', 'file-group');
    const header = el('div', 'file-header');
    const base = g.path.slice(g.path.lastIndexOf('/') + 1);
    const dir = g.path.slice(0, Math.max(0, g.path.length - base.length - 1));
    header.append(el('span', 'file-name', base));
    if (dir || initial.multiRoot) header.append(el('span', 'file-dir', `${initial.multiRoot ? `${g.folderName} › ` : ''}${dir}`));
    header.append(el('span', 'file-count', String(g.results.length)));
    header.title = g.path;
    const id = `group-${list.children.length}`;
    header.id = id;
    const items = el('ol', 'results');
    items.setAttribute('aria-labelledby', id);
    for (const r of g.results) items.append(renderResultItem(r, actions, { pathInHeader: true, leadBeforeMatch: 12 }));
    group.append(header, items);
    list.append(group);
  }
}

/** What the index says about these results (being built, incomplete, paused, no model …). */
function showNotices(notices: string[] | undefined): void {
  noticeBox.replaceChildren(...(notices ?? []).map((n) => el('p', 'view-notice', n)));
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'result' : 'results'}`;
}

function showSimilar(source: ViewSimilarSource, results: PanelResult[]): void {
  similarBar.hidden = false;
  $('view-similar-label').textContent = `Similar to ${source.name} (${source.path}:${source.startLine}–${source.endLine})`;
  renderGroups(results);
  const files = groupByFile(results).length;
  status.textContent = results.length ? `${count(results.length)} in ${files} ${files === 1 ? 'file' : 'files'}` : 'Nothing similar found.';
}

window.addEventListener('message', (ev: MessageEvent<ToSearchView>) => {
  const m = ev.data;
  switch (m.type) {
    case 'viewResults': {
      if (!isCurrent(m.seq)) return; // stale: the user asked for something else since
      if (m.query !== queryInput.value) queryInput.value = m.query;
      setMode(m.mode);
      similarBar.hidden = true;
      settle(true);
      showNotices(m.notices);
      if (!m.query.trim()) {
        list.replaceChildren();
        status.textContent = '';
        return;
      }
      renderGroups(m.results);
      const files = groupByFile(m.results).length;
      const filtered = activeFilterCount(readFilters()) ? ', filtered' : '';
      status.textContent = m.results.length
        ? `${count(m.results.length)} in ${files} ${files === 1 ? 'file' : 'files'} (${m.mode}${filtered}, ${m.ms} ms)`
        : `No results for "${m.query}"${filtered ? ' with these filters' : ''}.`;
      break;
    }
    case 'viewSimilar':
      if (!isCurrent(m.seq)) return;
      showNotices(m.notices);
      showSimilar(m.source, m.results);
      settle(true);
      break;
    case 'viewBusy':
      status.textContent = 'Searching…';
      break;
    case 'viewError':
      if (!isCurrent(m.seq)) return;
      status.textContent = m.message;
      settle(true);
      break;
  }
});

// ---- start ----
queryInput.value = initial.query;
showFilters(initial.filters);
setMode(initial.mode);
setFiltersOpen(initial.filtersOpen);
settle(false); // until the extension sends what the state holds
viewApi.postMessage({ type: 'ready' });
