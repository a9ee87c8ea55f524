// CSS selectors of the VS Code 1.100 workbench (code-server 4.100.3) that the E2E specs use.
// One job: keep every DOM detail in one place. Verified recipe: shared/docs/vscode-e2e.md.

export const WORKBENCH = '.monaco-workbench';
export const STATUSBAR = '#workbench\\.parts\\.statusbar';
/** Status bar items contributed by an extension have ids "<publisher>.<name>.<item id>". */
export const EXT_STATUSBAR_ITEM = `${STATUSBAR} .statusbar-item[id^="semsearch.semantic-code-search"]`;
/** The editor's "Ln X, Col Y" item. */
export const CURSOR_POSITION = '#status\\.editor\\.selection';

export const QUICK_INPUT = '.quick-input-widget';
export const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
export const QUICK_INPUT_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
export const QUICK_INPUT_ACTIVE_ROW = `${QUICK_INPUT_ROW}.focused`;
export const QUICK_INPUT_PROGRESS = `${QUICK_INPUT} .quick-input-progress.active.infinite, ${QUICK_INPUT} .quick-input-progress.active`;

export const EXPLORER_ROW = '.explorer-folders-view .monaco-list-row';

/** The editor showing a file whose URI ends with `suffix`. */
export function editorFor(suffix: string): string {
  return `.editor-instance .monaco-editor[data-uri$="${suffix}"]`;
}
export const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';
export const VIEW_LINE = '.view-lines .view-line';
export const SELECTED_TEXT = '.selected-text';

export const CONTEXT_MENU = '.context-view .monaco-menu';

export const NOTIFICATION_MESSAGE = '.notifications-toasts .notification-toast .notification-list-item-message';

/** A webview's content sits two iframes deep (outer host frame, inner #active-frame). The outer frame's URL names
 * the extension, and a webview *view* says `purpose=webviewView`: so the panel and the Semantic Search view differ. */
const OWN_WEBVIEW = 'iframe.webview.ready[src*="extensionId=semsearch.semantic-code-search"]';
export const WEBVIEW_OUTER = `${OWN_WEBVIEW}:not([src*="purpose=webviewView"])`;
export const VIEW_WEBVIEW_OUTER = `${OWN_WEBVIEW}[src*="purpose=webviewView"]`;
export const WEBVIEW_INNER = 'iframe#active-frame';

/** Inside the extension's panel webview (src/extension/vscodeFree/panelHtml.ts, src/webview/*). */
export const PANEL = {
  similarResults: '#similar-results li.result',
  searchResults: '#search-results li.result',
  mapView: '#view-map',
  mapCanvas: '#map-canvas',
  mapTooltip: '#map-tooltip',
  mapStatus: '#map-status',
  clusterItem: '#cluster-list li.cluster-item',
  clusterList: '#cluster-list',
  clusterMembers: '#cluster-members',
  memberFile: '#members-list li.member-file',
  member: '#members-list li.member',
  membersSearch: '#members-search',
  mapExportSvg: '#map-export-svg',
  mapExportPng: '#map-export-png',
  searchView: '#view-search',
  searchInput: '#search-input',
  searchStatus: '#search-status',
  searchRestriction: '#search-restriction',
  searchRestrictionClear: '#search-restriction-clear',
  resultPath: '.result-path',
  qualityView: '#view-quality',
  qualityStatus: '#quality-status',
  qualityTitle: '#quality-report h2.quality-title',
  qualityChart: '#quality-chart',
  qualityBar: '#quality-chart rect.chart-bar',
  qualityTable: '#quality-report table.quality-table',
  qualityVerdict: '#quality-verdict',
} as const;

/** The workbench's editor area (the map should fill its width). */
export const EDITOR_PART = '#workbench\\.parts\\.editor';

/** Inside the Semantic Search view's webview (src/extension/vscodeFree/viewHtml.ts, src/webview/view/*). */
export const VIEW = {
  query: '#view-query',
  toggleFilters: '#view-toggle-filters',
  filters: '#view-filters',
  typeBox: (t: 'code' | 'docs' | 'tests') => `#view-type-${t}`,
  language: '#view-language',
  include: '#view-include',
  exclude: '#view-exclude',
  status: '#view-status',
  group: '#view-results li.file-group',
  groupHeader: '.file-header',
  result: '#view-results li.result',
  /** The answer to the view's latest request is drawn (src/webview/view/main.ts sets data-settled). */
  settled: '#view-results[data-settled="true"]',
  similarBar: '#view-similar-bar',
  similarBack: '#view-similar-back',
} as const;

/** A QuickPick title-bar button by its tooltip. */
export function quickInputButton(tooltip: string): string {
  return `${QUICK_INPUT} .quick-input-titlebar .action-label[aria-label="${tooltip}"], ${QUICK_INPUT} .quick-input-titlebar .action-label[title="${tooltip}"]`;
}
