// Searching inside one cluster of the map: the panel remembers each folder's last map, so a "Search in this
// cluster" request (folder + cluster id from the webview) becomes the engine's `within` list of that cluster's
// chunks. The webview never sends chunk lists itself: it can only name a cluster the extension showed it.
import type { MapPoint } from '../../shared/messages';

export interface ClusterChunk {
  path: string;
  startLine: number;
}

export class LastMaps {
  private readonly byFolder = new Map<string, MapPoint[]>();

  remember(folder: string, points: MapPoint[]): void {
    this.byFolder.set(folder, points);
  }

  /** The chunks of a cluster of the folder's last map; undefined when there is no such map or cluster. */
  within(folder: string, cluster: number): ClusterChunk[] | undefined {
    const points = this.byFolder.get(folder);
    if (!points) return undefined;
    const members = points.filter((p) => p.cluster === cluster).map((p) => ({ path: p.path, startLine: p.startLine }));
    return members.length ? members : undefined;
  }
}

/** Where the map's layout came from, in words for the status line. */
export function mapLayoutNote(stability: { source: 'stored' | 'computed'; placed: number; removed: number; reason?: string } | undefined): string | undefined {
  if (!stability) return undefined;
  if (stability.source === 'computed') return stability.reason === 'no stored layout' ? 'new layout' : `new layout: ${stability.reason ?? 'recomputed'}`;
  const changes = [
    stability.placed ? `${stability.placed} new ${stability.placed === 1 ? 'point' : 'points'} placed` : '',
    stability.removed ? `${stability.removed} removed` : '',
  ].filter(Boolean);
  return changes.length ? `layout kept, ${changes.join(', ')}` : 'layout kept';
}
