// What the panel needs from the rest of the extension (kept narrow so the panel does not
// reach into the indexes directly).
import type { FolderChoice, MapCluster, MapPoint, SearchModeName } from '../../shared/messages';
import type { SearchResult } from '../../core/index';

export interface PanelServices {
  roots(): string[];
  folders(): FolderChoice[];
  search(query: string, mode: SearchModeName): Promise<SearchResult[]>;
  similar(file: string, startLine: number, endLine: number, text?: string): Promise<SearchResult[]>;
  clusterMap(folder: string, k?: number): Promise<{ points: MapPoint[]; clusters: MapCluster[]; layout: string }>;
  warn(message: string): void;
}
