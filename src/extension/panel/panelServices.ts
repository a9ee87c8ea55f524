// What the panel needs from the rest of the extension (kept narrow so the panel does not
// reach into the indexes directly).
import type { FolderChoice, MapCluster, MapPoint, SearchModeName } from '../../shared/messages';
import type { SearchOptions, SearchResult } from '../../core/index';

/** Filters of a search, applied inside the engine (the view's code / docs / tests, language, globs). */
export type SearchFilterOptions = Pick<SearchOptions, 'include' | 'exclude' | 'languages' | 'contentTypes'>;

export interface PanelServices {
  roots(): string[];
  folders(): FolderChoice[];
  search(query: string, mode: SearchModeName, filters?: SearchFilterOptions): Promise<SearchResult[]>;
  /** A search in one folder, only among these chunks (a cluster of the map). */
  searchWithin(query: string, mode: SearchModeName, folder: string, within: { path: string; startLine: number }[]): Promise<SearchResult[]>;
  similar(file: string, startLine: number, endLine: number, text?: string, filters?: SearchFilterOptions): Promise<SearchResult[]>;
  clusterMap(folder: string, k?: number): Promise<{ points: MapPoint[]; clusters: MapCluster[]; layout: string; note?: string }>;
  warn(message: string): void;
}
