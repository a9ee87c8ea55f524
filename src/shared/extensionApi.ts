// The typed API that the extension's activate() returns. Integration tests await engine state
// through it instead of sleeping. Imports nothing (shared by extension, tests and webview).

export const COMMANDS = {
  search: 'semanticSearch.search',
  findSimilar: 'semanticSearch.findSimilar',
  showMap: 'semanticSearch.showMap',
  reindex: 'semanticSearch.reindex',
  pause: 'semanticSearch.pause',
  resume: 'semanticSearch.resume',
  showStatus: 'semanticSearch.showStatus',
  setTeamPassword: 'semanticSearch.setTeamStorePassword',
  measureQuality: 'semanticSearch.measureQuality',
  adapt: 'semanticSearch.adapt',
} as const;

/** `incomplete`: a full pass was cancelled or interrupted; searches answer from the part that is indexed. */
export type IndexStateName = 'starting' | 'indexing' | 'ready' | 'incomplete' | 'paused' | 'error' | 'disabled';

export interface IncompleteRun {
  filesDone: number;
  filesTotal: number;
}

export interface FolderState {
  folder: string; // absolute path of the workspace folder
  state: IndexStateName;
  files: number;
  chunks: number;
  message?: string;
  /** While `incomplete`: how far the last full pass got. */
  incomplete?: IncompleteRun;
  /** Another window writes this folder's index; this one searches it and takes over when that window goes. */
  readOnly?: boolean;
}

export interface ApiSearchResult {
  /** Absolute path of the file. */
  file: string;
  /** Path relative to its workspace folder, forward slashes. */
  path: string;
  startLine: number; // 1-based inclusive
  endLine: number; // 1-based inclusive
  score: number;
  kind: string;
  symbol: string;
  preview: string;
}

/** A folder's team store as *Show Index Status* shows it (`label`: its line there). */
export interface TeamStoreState {
  folder: string;
  /** `unreachable` / `no-snapshot`: searches are answered by the local index. */
  state: 'connected' | 'unreachable' | 'no-snapshot' | 'not-checked';
  /** The URL without its password. */
  store: string;
  repo: string;
  commit?: string;
  publishedAt?: number;
  snapshotChunks?: number;
  overlayFiles: number;
  message?: string;
  label: string;
}

export interface SemanticSearchApi {
  /** Resolves when every folder's first index pass has finished (ready or error). */
  whenIndexed(): Promise<FolderState[]>;
  /** Resolves after pending watcher/editor updates have been applied (debounce flushed, update done). */
  whenIdle(): Promise<void>;
  states(): FolderState[];
  search(query: string, opts?: { k?: number; mode?: 'hybrid' | 'semantic' | 'lexical' }): Promise<ApiSearchResult[]>;
  similar(file: string, startLine: number, endLine: number, k?: number): Promise<ApiSearchResult[]>;
  /** Text of the status bar item, as the user sees it. */
  statusBarText(): string;
  /** Folders searching a team store (contacts the store, as the status view does); [] without one. */
  teamStatus(): Promise<TeamStoreState[]>;
  /** Warning and error notifications shown to the user in this session, oldest first. */
  notifications(): string[];
  /** The last message the panel received (type), for tests; undefined when no panel. */
  panelState():
    | {
        visible: boolean;
        lastMessageType?: string;
        points?: number;
        clusters?: number;
        /** The last report on the Quality tab: its kind, title, table rows, chart groups, and (adapt) whether the adapter is in use. */
        quality?: { kind: 'eval' | 'adapt'; title: string; rows: number; groups: number; inUse?: boolean };
      }
    | undefined;
}
