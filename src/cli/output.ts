// Result printing: the JSON shape of the CLI contract, and a readable terminal form.
import type { ResultLine, SearchResult } from '../core';

export function toJsonResult(r: SearchResult) {
  return {
    path: r.path,
    startLine: r.startLine,
    endLine: r.endLine,
    score: r.score,
    kind: r.kind,
    symbol: r.symbol,
    preview: r.preview,
    ...(r.display ? { display: r.display } : {}),
  };
}

/** ANSI styles for a terminal; none when piped or when NO_COLOR is set (https://no-color.org). */
function styles(stream: NodeJS.WriteStream) {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  const wrap = (open: string) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[0m` : s);
  return { name: wrap('1'), where: wrap('36'), dim: wrap('2'), match: wrap('1;33') };
}

/**
 * Per result: its name, `path:line` (the first line shown, so an editor opens it there) and its kind, then the
 * matching lines with the query's words highlighted. Scores are left to --json.
 */
export function printResults(results: SearchResult[], stream: NodeJS.WriteStream = process.stdout): void {
  if (results.length === 0) {
    stream.write('No results.\n');
    return;
  }
  const s = styles(stream);
  const out: string[] = [];
  for (const r of results) {
    // A file that could not be read gives no lines: the stored preview then.
    const lines: ResultLine[] = r.display?.lines.length ? r.display.lines : [{ line: r.startLine, text: r.preview, highlights: [] }];
    const name = r.display?.name ?? (r.symbol || r.path);
    const kind = r.display?.kind ?? r.kind;
    out.push(`${s.name(name)}  ${s.where(`${r.path}:${lines[0]?.line ?? r.startLine}`)}  ${s.dim(kind)}`);
    const width = String(Math.max(...lines.map((l) => l.line))).length;
    for (const l of lines) out.push(`  ${s.dim(String(l.line).padStart(width))}  ${highlight(l, s.match)}`);
  }
  stream.write(out.join('\n') + '\n');
}

function highlight(l: ResultLine, mark: (s: string) => string): string {
  let text = '';
  let at = 0;
  for (const [a, b] of l.highlights) {
    text += l.text.slice(at, a) + mark(l.text.slice(a, b));
    at = b;
  }
  return text + l.text.slice(at);
}
