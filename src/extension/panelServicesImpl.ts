// The panel's services over the workspace indexes.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { MapCluster, MapPoint } from '../shared/messages';
import type { WorkspaceIndexes } from './vscodeFree/workspaceIndexes';
import type { PanelServices } from './panel/panelServices';
import { currentSettings } from './settings';
import { mapLayoutNote } from './vscodeFree/clusterRestriction';

const MAP_MAX_POINTS = 5000;

export function createPanelServices(indexes: WorkspaceIndexes, log: vscode.LogOutputChannel): PanelServices {
  return {
    roots: () => indexes.roots,
    folders: () => indexes.roots.map((root) => ({ root, name: path.basename(root) })),
    search(query, mode, filters) {
      const s = currentSettings();
      // describe: each result named for a reader, with the lines that matched the query.
      return indexes.search(query, { ...filters, k: s.maxResults, mode, semanticWeight: s.hybridSemanticWeight, describe: true });
    },
    async searchWithin(query, mode, folder, within) {
      const s = currentSettings();
      const index = indexes.get(folder);
      if (!index) throw new Error(`${folder} is not a workspace folder`);
      return index.search(query, { k: s.maxResults, mode, semanticWeight: s.hybridSemanticWeight, describe: true, within });
    },
    similar(file, startLine, endLine, text, filters) {
      return indexes.similar(file, startLine, endLine, { ...filters, k: currentSettings().maxResults, describe: true }, text);
    },
    async clusterMap(folder, k) {
      const index = indexes.get(folder);
      const engine = await index?.usableEngine();
      if (!engine) throw new Error('this folder has no usable index yet');
      const map = await engine.clusters({ k, maxPoints: MAP_MAX_POINTS, seed: 42 });
      const points: MapPoint[] = map.points.map((p) => ({
        file: path.join(folder, p.path),
        path: p.path,
        startLine: p.startLine,
        endLine: p.endLine,
        symbol: p.symbol,
        kind: p.kind,
        x: p.x,
        y: p.y,
        cluster: p.cluster,
        ...(p.demoted ? { demoted: true } : {}),
      }));
      const clusters: MapCluster[] = map.clusters.map((c) => ({ id: c.id, label: c.label, size: c.size, x: c.x, y: c.y }));
      return { points, clusters, layout: map.layout, note: mapLayoutNote(map.stability) };
    },
    warn: (message) => log.warn(message),
  };
}
