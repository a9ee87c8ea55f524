// Result printing: the JSON shape of the CLI contract, and a readable terminal form.
import type { SearchResult } from '../core';

export function toJsonResult(r: SearchResult) {
  return {
    path: r.path,
    startLine: r.startLine,
    endLine: r.endLine,
    score: r.score,
    kind: r.kind,
    symbol: r.symbol,
    preview: r.preview,
  };
}

export function printResults(results: SearchResult[]): void {
  if (results.length === 0) {
    process.stdout.write('No results.\n');
    return;
  }
  for (const r of results) {
    const symbol = r.symbol ? `  ${r.symbol}` : '';
    process.stdout.write(`${r.path}:${r.startLine}-${r.endLine}  ${r.score.toFixed(3)}  ${r.kind}${symbol}\n    ${r.preview}\n`);
  }
}
