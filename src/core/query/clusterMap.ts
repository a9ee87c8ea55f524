// The code map: cluster a sample of the indexed chunks and lay them out in 2-D.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitIdentifiers } from '../chunk';
import { computeClusters } from '../clusters';
import type { ClusterMap, StoredChunk } from '../types';
import type { QueryContext } from './context';

const DEFAULT_MAX_POINTS = 3000;

export async function runClusters(
  ctx: QueryContext,
  opts: { k?: number; seed?: number; maxPoints?: number } = {},
): Promise<ClusterMap> {
  const chunks = sample([...ctx.store.allChunks()].sort((a, b) => a.id - b.id), opts.maxPoints ?? DEFAULT_MAX_POINTS);
  const withVectors: { chunk: StoredChunk; vector: Float32Array }[] = [];
  for (const chunk of chunks) {
    const vector = ctx.store.getVector(chunk.id);
    if (vector) withVectors.push({ chunk, vector });
  }
  if (withVectors.length === 0) return { k: 0, silhouette: 0, layout: 'pca', clusters: [], points: [] };
  const texts = await labelTexts(ctx.root, withVectors.map((w) => w.chunk));
  const result = computeClusters({
    vectors: withVectors.map((w) => w.vector),
    texts,
    k: opts.k,
    kRange: autoKRange(withVectors.length),
    seed: opts.seed ?? 42,
  });
  const points = withVectors.map(({ chunk }, i) => ({
    chunkId: chunk.id,
    path: chunk.path,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    symbol: chunk.symbol,
    kind: chunk.kind,
    x: result.coords[2 * i],
    y: result.coords[2 * i + 1],
    cluster: result.assignments[i],
  }));
  const clusters = result.labels.map((label, c) => ({
    id: c,
    label: label.label,
    terms: label.terms,
    size: points.filter((p) => p.cluster === c).length,
    x: result.centers[2 * c],
    y: result.centers[2 * c + 1],
    representatives: (result.representatives[c] ?? []).map((i) => {
      const ch = withVectors[i].chunk;
      return { path: ch.path, startLine: ch.startLine, endLine: ch.endLine, symbol: ch.symbol };
    }),
  }));
  return { k: result.k, silhouette: result.silhouette, layout: result.layout, clusters, points };
}

/**
 * The k range silhouette chooses from. Silhouette on sentence embeddings often peaks at k = 2,
 * which makes a useless map; a floor that grows with the codebase keeps the groups readable.
 */
export function autoKRange(n: number): [number, number] {
  const low = Math.max(2, Math.min(12, Math.round(Math.sqrt(n / 8))));
  const high = Math.max(low, Math.min(24, Math.round(Math.sqrt(n))));
  return [low, high];
}

/** Evenly spaced, deterministic sample. */
function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** Words of each chunk (symbol, path, identifier-split source) for the cluster labels. */
async function labelTexts(root: string, chunks: StoredChunk[]): Promise<string[]> {
  const files = new Map<string, string[] | null>();
  const out: string[] = [];
  for (const c of chunks) {
    if (!files.has(c.path)) {
      const text = await fs.promises.readFile(path.join(root, c.path), 'utf8').catch(() => null);
      files.set(c.path, text === null ? null : text.split('\n'));
    }
    const lines = files.get(c.path);
    const body = lines ? lines.slice(c.startLine - 1, c.endLine).join('\n') : c.preview;
    out.push(splitIdentifiers(`${c.symbol} ${body}`));
  }
  return out;
}
