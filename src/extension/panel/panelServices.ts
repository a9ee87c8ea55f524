// What the panel needs from the rest of the extension (kept narrow so the panel does not
// reach into the indexes directly).
import type { FolderChoice, MapCluster, MapPoint, SearchModeName } from '../../shared/messages';
import type { SearchResult } from '../../core/index';

export interface PanelServices {
  roots(): string[];
  folders(): FolderChoice[];
  search(query: string, mode: SearchModeName): Promise<SearchResult[]>;
  /** A search in one folder, only among these chunks (a cluster of the map). */
  searchWithin(query: string, mode: SearchModeName, folder: string, within: { path: string; startLine: number }[]): Promise<SearchResult[]>;
  similar(file: string, startLine: number, endLine: number, text?: string): Promise<SearchResult[]>;
  clusterMap(folder: string, k?: number): Promise<{ points: MapPoint[]; clusters: MapCluster[]; layout: string; note?: string }>;
  warn(message: string): void;
}
