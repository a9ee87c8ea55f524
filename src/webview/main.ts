// Entry of the panel webview: tabs, the search box, result lists and the cluster map.
// Initial data comes from the escaped data-initial attribute; everything else by message.
import type { MapCluster, PanelInitialData, PanelPersistedState, PanelTab, SearchModeName, ToWebview } from '../shared/messages';
import { MAP_CLUSTER_COUNTS, PANEL_TABS, SEARCH_MODES } from '../shared/messages';
import { ClusterMapView } from './map';
import { renderQuality } from './quality';
import { renderResults } from './results';
import { vscode } from './vscodeApi';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function readInitial(): PanelInitialData {
  const fallback: PanelInitialData = { tab: 'search', query: '', mode: 'hybrid', folders: [] };
  try {
    return { ...fallback, ...(JSON.parse(document.body.dataset.initial ?? '{}') as Partial<PanelInitialData>) };
  } catch {
    return fallback;
  }
}

const initial = readInitial();
const state: PanelPersistedState = { tab: initial.tab, query: initial.query, mode: initial.mode, folder: initial.folder, k: initial.k };
let folders = initial.folders;

const searchInput = $<HTMLInputElement>('search-input');
const searchStatus = $('search-status');
const similarStatus = $('similar-status');
const mapStatus = $('map-status');
const folderSelect = $<HTMLSelectElement>('folder-select');
const clusterSelect = $<HTMLSelectElement>('cluster-count');
const map = new ClusterMapView($<HTMLCanvasElement>('map-canvas'), $('map-tooltip'), $('cluster-list'), $('cluster-members'), searchInCluster);
let mapFolderLoaded: string | undefined;
/** Searches stay inside this cluster of the map until cleared (not persisted: a reload starts unrestricted). */
let restriction: { folder: string; cluster: number; label: string; size: number } | undefined;

function save(): void {
  vscode.setState(state);
}

// ---- tabs ----
function showTab(tab: PanelTab, focus = false): void {
  state.tab = tab;
  save();
  for (const t of PANEL_TABS) {
    const button = $(`tab-${t}`);
    button.setAttribute('aria-selected', String(t === tab));
    button.tabIndex = t === tab ? 0 : -1;
    $(`view-${t}`).hidden = t !== tab;
  }
  if (focus) $(`tab-${tab}`).focus();
  if (tab === 'map' && state.folder && mapFolderLoaded !== state.folder) requestMap();
  vscode.postMessage({ type: 'tabChanged', tab });
}

for (const t of PANEL_TABS) {
  const button = $(`tab-${t}`);
  button.addEventListener('click', () => showTab(t));
  button.addEventListener('keydown', (ev) => {
    // Arrow keys move between tabs (WAI-ARIA tabs pattern).
    const i = PANEL_TABS.indexOf(t);
    if (ev.key === 'ArrowRight') showTab(PANEL_TABS[(i + 1) % PANEL_TABS.length], true);
    else if (ev.key === 'ArrowLeft') showTab(PANEL_TABS[(i + PANEL_TABS.length - 1) % PANEL_TABS.length], true);
  });
}

// ---- search ----
let searchTimer: ReturnType<typeof setTimeout> | undefined;
function sendSearch(): void {
  clearTimeout(searchTimer);
  state.query = searchInput.value;
  save();
  if (!state.query.trim()) {
    renderResults($('search-results'), [], { showSimilarButton: true, showFolder: folders.length > 1 });
    searchStatus.textContent = '';
    return;
  }
  if (restriction) vscode.postMessage({ type: 'searchInCluster', query: state.query, mode: state.mode, folder: restriction.folder, cluster: restriction.cluster });
  else vscode.postMessage({ type: 'search', query: state.query, mode: state.mode });
}

// ---- search in a cluster ----
function searchInCluster(cluster: MapCluster): void {
  if (!state.folder) return;
  restriction = { folder: state.folder, cluster: cluster.id, label: cluster.label, size: cluster.size };
  showRestriction();
  showTab('search');
  searchInput.focus();
  sendSearch();
}

function showRestriction(): void {
  $('search-restriction').hidden = !restriction;
  $('search-restriction-text').textContent = restriction
    ? `Searching only the cluster “${restriction.label}” (${restriction.size} ${restriction.size === 1 ? 'chunk' : 'chunks'})`
    : '';
}

$('search-restriction-clear').addEventListener('click', () => {
  restriction = undefined;
  showRestriction();
  searchInput.focus();
  sendSearch();
});

function setMode(mode: SearchModeName): void {
  state.mode = mode;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
    const on = b.dataset.mode === mode;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
  }
  save();
}

searchInput.value = state.query;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(sendSearch, 200);
});
$('search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  sendSearch();
});
searchInput.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown') {
    ev.preventDefault();
    ($('search-results').firstElementChild as HTMLElement | null)?.focus();
  }
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
  b.addEventListener('click', () => {
    setMode(b.dataset.mode as SearchModeName);
    sendSearch();
  });
  b.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const i = SEARCH_MODES.indexOf(state.mode);
    const next = SEARCH_MODES[(i + (ev.key === 'ArrowRight' ? 1 : SEARCH_MODES.length - 1)) % SEARCH_MODES.length];
    setMode(next);
    (document.querySelector(`[data-mode="${next}"]`) as HTMLElement | null)?.focus();
    sendSearch();
  });
}

// ---- map ----
function renderFolders(): void {
  folderSelect.replaceChildren();
  for (const f of folders) {
    const o = document.createElement('option');
    o.value = f.root;
    o.textContent = f.name;
    folderSelect.append(o);
  }
  if (!state.folder || !folders.some((f) => f.root === state.folder)) state.folder = folders[0]?.root;
  if (state.folder) folderSelect.value = state.folder;
}

function requestMap(): void {
  if (!state.folder) return;
  mapFolderLoaded = state.folder;
  mapStatus.textContent = 'Computing clusters…';
  vscode.postMessage({ type: 'requestMap', folder: state.folder, ...(state.k ? { k: state.k } : {}) });
}

for (const k of [0, ...MAP_CLUSTER_COUNTS]) {
  const o = document.createElement('option');
  o.value = String(k);
  o.textContent = k ? String(k) : 'Auto';
  clusterSelect.append(o);
}
clusterSelect.value = String(state.k ?? 0);
clusterSelect.addEventListener('change', () => {
  const k = Number(clusterSelect.value);
  state.k = k > 0 ? k : undefined;
  save();
  requestMap();
});

folderSelect.addEventListener('change', () => {
  state.folder = folderSelect.value;
  save();
  requestMap();
});
$('map-refresh').addEventListener('click', requestMap);
$('map-reset').addEventListener('click', () => map.resetView());
$('map-export-svg').addEventListener('click', () => {
  if (!map.pointCount) return;
  vscode.postMessage({ type: 'exportMap', format: 'svg', data: map.exportSvg() });
});
$('map-export-png').addEventListener('click', () => {
  if (!map.pointCount) return;
  map.exportPng().then(
    (data) => vscode.postMessage({ type: 'exportMap', format: 'png', data }),
    (err: Error) => (mapStatus.textContent = `Could not export the map: ${err.message}`),
  );
});

// ---- quality ----
const qualityStatus = $('quality-status');
const qualityMarkdown = $<HTMLButtonElement>('quality-markdown');
$('quality-measure').addEventListener('click', () => vscode.postMessage({ type: 'qualityCommand', command: 'measure' }));
$('quality-adapt').addEventListener('click', () => vscode.postMessage({ type: 'qualityCommand', command: 'adapt' }));
qualityMarkdown.addEventListener('click', () => vscode.postMessage({ type: 'qualityCommand', command: 'openMarkdown' }));

const statusOf = (what: 'search' | 'similar' | 'map' | 'quality'): HTMLElement =>
  what === 'search' ? searchStatus : what === 'similar' ? similarStatus : what === 'map' ? mapStatus : qualityStatus;
const BUSY_TEXT = { search: 'Searching…', similar: 'Searching…', map: 'Computing clusters…', quality: 'Measuring… (progress and Cancel in the notification)' };

// ---- messages from the extension ----
window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'searchResults':
      if (!m.external && m.query !== searchInput.value && searchInput.value.trim()) return; // stale: the user typed on
      if (m.query !== searchInput.value) searchInput.value = m.query;
      if (m.external && restriction) {
        // A search from the QuickPick spans the workspace: the panel must not claim otherwise.
        restriction = undefined;
        showRestriction();
      }
      state.query = m.query;
      setMode(m.mode);
      renderResults($('search-results'), m.results, { showSimilarButton: true, showFolder: folders.length > 1 });
      searchStatus.textContent = m.results.length
        ? `${m.results.length} ${m.results.length === 1 ? 'result' : 'results'} (${m.mode}, ${m.ms} ms)`
        : `No results for "${m.query}".`;
      break;
    case 'similarResults':
      renderResults($('similar-results'), m.results, { showSimilarButton: true, showFolder: folders.length > 1 });
      similarStatus.textContent = `${m.results.length} chunks similar to ${m.source.symbol || 'the selection'} (${m.source.path}:${m.source.startLine}–${m.source.endLine})`;
      break;
    case 'clusterMap':
      if (m.folder !== state.folder) return;
      map.setData(m.points, m.clusters);
      // Another cluster count renumbers the clusters: a restriction to the old one would now mean another.
      if (restriction?.folder === m.folder && !m.clusters.some((c) => c.id === restriction!.cluster && c.label === restriction!.label)) {
        restriction = undefined;
        showRestriction();
      }
      mapStatus.textContent = `${m.points.length} chunks in ${m.clusters.length} clusters (${m.layout}${m.note ? `; ${m.note}` : ''})`;
      break;
    case 'mapExported':
      mapStatus.textContent = `Saved the map to ${m.file}`;
      break;
    case 'folders':
      folders = m.folders;
      renderFolders();
      break;
    case 'showTab':
      showTab(m.tab);
      break;
    case 'busy':
      if (m.busy) statusOf(m.what).textContent = BUSY_TEXT[m.what];
      break;
    case 'qualityReport':
      renderQuality($('quality-report'), m.report);
      qualityStatus.textContent = `Report of ${new Date().toLocaleTimeString()}, folder ${m.report.folderName}.`;
      qualityMarkdown.hidden = false;
      break;
    case 'error': {
      statusOf(m.what).textContent = m.message;
      if (m.what === 'map') mapFolderLoaded = undefined;
      break;
    }
  }
});

// ---- start ----
renderFolders();
setMode(state.mode);
showTab(state.tab);
vscode.postMessage({ type: 'ready' });
if (state.query.trim()) sendSearch();
