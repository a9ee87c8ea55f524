// Messages between the extension and the panel webview (discriminated unions on `type`).
// Imports nothing: the webview bundle and the extension both compile this file.

export type SearchModeName = 'hybrid' | 'semantic' | 'lexical';
export type PanelTab = 'search' | 'similar' | 'map' | 'quality';

/** One search or similar-code hit as the panel shows it. */
export interface PanelResult {
  /** Absolute path of the file (what `open` sends back). */
  file: string;
  /** Relative to its workspace folder, forward slashes. */
  path: string;
  /** Name of the workspace folder, shown in multi-root workspaces. */
  folderName: string;
  startLine: number; // 1-based inclusive
  endLine: number; // 1-based inclusive
  score: number;
  kind: string;
  symbol: string;
  language: string;
  /** A few source lines from startLine, for the syntax-colored preview. */
  snippet: string;
  /** What the result is, for a reader: `Class.method`, a part by its inner function, a heading path. */
  name?: string;
  /** The lines that matched the query (else the definition line), with the matched words' [start, end) offsets. */
  matches?: { line: number; text: string; highlights: [number, number][] }[];
}

export interface MapPoint {
  file: string;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  kind: string;
  x: number;
  y: number;
  cluster: number;
  /** From a generated list (changelog, contributors, licence, generated code): drawn smaller and fainter. */
  demoted?: boolean;
}

export interface MapCluster {
  id: number;
  label: string;
  size: number;
  x: number;
  y: number;
}

export type MapExportFormat = 'png' | 'svg';
export const MAP_EXPORT_FORMATS: readonly MapExportFormat[] = ['png', 'svg'];

export interface FolderChoice {
  /** Absolute path of the workspace folder. */
  root: string;
  name: string;
}

/** What the panel keeps across reloads (webview state, also read by the serializer). */
export interface PanelPersistedState {
  tab: PanelTab;
  query: string;
  mode: SearchModeName;
  folder?: string;
  /** Clusters on the map; undefined: the engine chooses. */
  k?: number;
}

/** Initial data written (escaped) into data-* attributes of the panel's HTML. */
export interface PanelInitialData extends PanelPersistedState {
  folders: FolderChoice[];
}

/** One row of a quality table: a group (all, a language, code/docs, before/after) in one search mode. */
export interface QualityRow {
  group: string;
  mode: SearchModeName;
  ndcg10: number;
  mrr10: number;
  recall1: number;
  recall5: number;
  recall10: number;
  /** Questions measured in this row. */
  pairs: number;
}

export interface QualityTable {
  /** Caption of the table (also its accessible name). */
  title: string;
  /** Header of the first column: what `group` is ("Set", "Language", "Adapter"). */
  groupLabel: string;
  rows: QualityRow[];
}

/** A grouped bar chart of one metric in 0..1: per group, one bar per series (a mode, or before/after). */
export interface QualityChart {
  title: string;
  metric: string;
  series: string[];
  groups: { label: string; values: (number | null)[] }[];
}

/** A Measure Search Quality or Adapt Search report as the panel's Quality tab draws it (also rendered as Markdown). */
export interface PanelQualityReport {
  kind: 'eval' | 'adapt';
  /** Absolute path of the workspace folder measured. */
  folder: string;
  folderName: string;
  title: string;
  /** Plain sentences: what was measured, on how many questions, how long it took. */
  summary: string[];
  /** Adapt only: is the adapter applied to queries now, and why. */
  verdict?: { inUse: boolean; reason: string };
  chart: QualityChart;
  tables: QualityTable[];
  /** How to read the numbers. */
  note: string;
}

// ---- extension -> webview ----
export type ToWebview =
  /** `external`: the query came from elsewhere (the QuickPick), so it replaces what the search box holds. */
  | { type: 'searchResults'; query: string; mode: SearchModeName; results: PanelResult[]; ms: number; external?: boolean }
  | { type: 'similarResults'; source: { path: string; startLine: number; endLine: number; symbol: string }; results: PanelResult[] }
  /** `note`: where the layout came from (kept from the index, points placed, recomputed and why). */
  | { type: 'clusterMap'; folder: string; points: MapPoint[]; clusters: MapCluster[]; layout: string; note?: string }
  | { type: 'mapExported'; file: string }
  | { type: 'folders'; folders: FolderChoice[] }
  | { type: 'showTab'; tab: PanelTab }
  | { type: 'busy'; what: 'search' | 'similar' | 'map' | 'quality'; busy: boolean }
  | { type: 'error'; what: 'search' | 'similar' | 'map' | 'quality'; message: string }
  | { type: 'qualityReport'; report: PanelQualityReport };

// ---- webview -> extension ----
export type FromWebview =
  | { type: 'ready' }
  | { type: 'search'; query: string; mode: SearchModeName }
  | { type: 'open'; file: string; startLine: number; endLine: number }
  | { type: 'findSimilar'; file: string; startLine: number; endLine: number }
  | { type: 'requestMap'; folder: string; k?: number }
  /** A search restricted to the chunks of one cluster of the folder's last map. */
  | { type: 'searchInCluster'; query: string; mode: SearchModeName; folder: string; cluster: number }
  /** `data`: base64 of the PNG bytes, or the SVG text. */
  | { type: 'exportMap'; format: MapExportFormat; data: string }
  | { type: 'tabChanged'; tab: PanelTab }
  /** The Quality tab's buttons: run Measure Search Quality / Adapt Search, or open the shown report as Markdown. */
  | { type: 'qualityCommand'; command: QualityCommand };

export type QualityCommand = 'measure' | 'adapt' | 'openMarkdown';
export const QUALITY_COMMANDS: readonly QualityCommand[] = ['measure', 'adapt', 'openMarkdown'];

export const SEARCH_MODES: readonly SearchModeName[] = ['hybrid', 'semantic', 'lexical'];
export const PANEL_TABS: readonly PanelTab[] = ['search', 'similar', 'map', 'quality'];
/** Cluster counts offered on the map (besides automatic). */
export const MAP_CLUSTER_COUNTS: readonly number[] = [4, 8, 12, 16, 24, 32];

// ---- the Semantic Search view (a webview view in its own activity-bar container) ----

export type ContentTypeName = 'code' | 'docs' | 'tests';
export const CONTENT_TYPE_NAMES: readonly ContentTypeName[] = ['code', 'docs', 'tests'];
/** Languages offered by the view's language filter (the chunker's language ids; '' = any). */
export const FILTER_LANGUAGES: readonly { id: string; label: string }[] = [
  { id: 'typescript', label: 'TypeScript' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'python', label: 'Python' },
  { id: 'go', label: 'Go' },
  { id: 'rust', label: 'Rust' },
  { id: 'java', label: 'Java' },
  { id: 'c', label: 'C' },
  { id: 'cpp', label: 'C++' },
  { id: 'csharp', label: 'C#' },
  { id: 'ruby', label: 'Ruby' },
  { id: 'php', label: 'PHP' },
  { id: 'markdown', label: 'Markdown' },
];

/** The view's filters, applied inside the engine's search (before the top k is cut). */
export interface SearchFilters {
  /** Empty: every kind. */
  contentTypes: ContentTypeName[];
  /** A language id from FILTER_LANGUAGES; '' = any. */
  language: string;
  /** Comma-separated globs, as typed (like the Search view's "files to include" / "files to exclude"). */
  include: string;
  exclude: string;
}

export const NO_FILTERS: SearchFilters = { contentTypes: [], language: '', include: '', exclude: '' };

/** What the view shows: results of a query, or code similar to a range. */
export type ViewSimilarSource = { file: string; path: string; startLine: number; endLine: number; name: string };

/** What the view keeps across reloads (the extension's workspace state). */
export interface ViewPersistedState {
  query: string;
  mode: SearchModeName;
  filters: SearchFilters;
  filtersOpen: boolean;
  /** Set while the view shows similar code instead of the query's results. */
  similar?: ViewSimilarSource;
}

/** Initial data written (escaped) into the view's HTML. */
export interface ViewInitialData extends ViewPersistedState {
  /** More than one workspace folder: file headers name the folder. */
  multiRoot: boolean;
}

/**
 * `seq` echoes the request's number (the page draws only the answer to its latest request); none: the extension
 * sent it on its own (the QuickPick's query, the state after a reload), and it replaces what the page shows.
 */
export type ToSearchView =
  | { type: 'viewResults'; query: string; mode: SearchModeName; results: PanelResult[]; ms: number; seq?: number; notices?: string[] }
  | { type: 'viewSimilar'; source: ViewSimilarSource; results: PanelResult[]; seq?: number; notices?: string[] }
  | { type: 'viewBusy' }
  | { type: 'viewError'; message: string; seq?: number };

export type FromSearchView =
  | { type: 'ready' }
  | { type: 'viewSearch'; seq: number; query: string; mode: SearchModeName; filters: SearchFilters; filtersOpen: boolean }
  | { type: 'open'; file: string; startLine: number; endLine: number }
  | { type: 'findSimilar'; seq: number; file: string; startLine: number; endLine: number; name: string };
