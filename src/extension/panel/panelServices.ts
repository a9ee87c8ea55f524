// What the panel needs from the rest of the extension (kept narrow so the panel does not
// reach into the indexes directly).
import type { FolderChoice, MapCluster, MapPoint, SearchModeName } from '../../shared/messages';
import type { FolderSearchResult } from '../vscodeFree/workspaceIndexes';

export interface PanelServices {
  roots(): string[];
  folders(): FolderChoice[];
  search(query: string, mode: SearchModeName): Promise<FolderSearchResult[]>;
  similar(file: string, startLine: number, endLine: number, text?: string): Promise<FolderSearchResult[]>;
  clusterMap(folder: string, k?: number): Promise<{ points: MapPoint[]; clusters: MapCluster[]; layout: string }>;
  warn(message: string): void;
}
