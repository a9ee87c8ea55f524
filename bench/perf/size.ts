// Bytes on disk per chunk, split into the vector file (USearch HNSW: vectors + graph), the reuse
// cache (vectors kept by content hash for renames and branch switches) and metadata (manifest,
// lexical index, commit record).
import { folderBytes } from './corpus';

export interface SizeResult {
  chunks: number;
  files: Record<string, number>;
  vectorsGraphBytes: number;
  reuseCacheBytes: number;
  metadataBytes: number;
  perChunk: { vectorsGraph: number; reuseCache: number; metadata: number; total: number };
}

export function indexSize(indexDir: string, chunks: number): SizeResult {
  const files = folderBytes(indexDir);
  let vg = 0;
  let reuse = 0;
  let meta = 0;
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('.tmp') || name.includes('.lock')) continue;
    if (name.endsWith('.usearch')) vg += bytes;
    else if (name.startsWith('reuse.')) reuse += bytes;
    else meta += bytes;
  }
  const per = (b: number): number => (chunks > 0 ? b / chunks : 0);
  return {
    chunks,
    files,
    vectorsGraphBytes: vg,
    reuseCacheBytes: reuse,
    metadataBytes: meta,
    perChunk: { vectorsGraph: per(vg), reuseCache: per(reuse), metadata: per(meta), total: per(vg + reuse + meta) },
  };
}
