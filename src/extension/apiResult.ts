// The extension API's (and the commands' return values') one mapping of an engine result.
import type { SearchResult } from '../core/index';
import type { ApiSearchResult } from '../shared/extensionApi';

export function toApiResult(r: SearchResult): ApiSearchResult {
  return { file: r.file, path: r.path, startLine: r.startLine, endLine: r.endLine, score: r.score, kind: r.kind, symbol: r.symbol, preview: r.preview };
}
