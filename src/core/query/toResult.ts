// Turns a stored chunk and its score into the one result shape every front end receives.
import * as path from 'node:path';
import type { SearchResult, StoredChunk } from '../types';

export function toResult(chunk: StoredChunk, score: number, root: string): SearchResult {
  return {
    path: chunk.path,
    file: path.join(root, ...chunk.path.split('/')),
    root,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    score: Math.round(score * 1e6) / 1e6,
    kind: chunk.kind,
    symbol: chunk.symbol,
    preview: chunk.preview,
    language: chunk.language,
  };
}
