// Turns a stored chunk and its score into what the front ends show.
import type { SearchResult, StoredChunk } from '../types';

export function toResult(chunk: StoredChunk, score: number, root: string): SearchResult {
  return {
    path: chunk.path,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    score: Math.round(score * 1e6) / 1e6,
    kind: chunk.kind,
    symbol: chunk.symbol,
    preview: chunk.preview,
    language: chunk.language,
    root,
  };
}
