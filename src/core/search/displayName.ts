// How a result is named for a user: by what it is, never by chunking internals such as `(block)` or `3/5`.
import type { ChunkKind, DisplayKind } from '../types';

/** The parts of a stored chunk a name is made from. */
export interface NamedChunk {
  kind: ChunkKind;
  /** Qualified symbol (`Class.method`), merged names (`a, b`), a heading path (`A > B`), or ''. */
  symbol: string;
  /** '' for a whole definition, else `i/n` and the first inner definition's name (`3/5 fetch`). */
  part: string;
  startLine: number;
  endLine: number;
}

const KIND_WORDS: Record<ChunkKind, DisplayKind> = {
  function: 'function',
  method: 'method',
  class: 'class',
  interface: 'interface',
  type: 'type',
  enum: 'enum',
  module: 'module',
  block: 'code',
  imports: 'imports',
  section: 'section',
  text: 'text',
};

export function displayKind(kind: ChunkKind): DisplayKind {
  return KIND_WORDS[kind] ?? 'code';
}

export function lineRange(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
}

/** Which piece of a split definition this is, and the inner definition it is named after. */
export function parsePart(part: string): { index: number; count: number; inner: string } | undefined {
  const m = /^(\d+)\/(\d+)(?: (.+))?$/.exec(part);
  return m ? { index: Number(m[1]), count: Number(m[2]), inner: m[3] ?? '' } : undefined;
}

/**
 * `Class.method`; a later piece of a split definition by its inner function (`factory › fetch`) or, without one, by
 * its lines (`factory, lines 658–700`); a Markdown section by its heading path (`Install › From npm`); the file's
 * imports as `imports`; anything else without a name by its lines.
 */
export function displayName(c: NamedChunk): string {
  if (c.kind === 'section') return c.symbol ? c.symbol.split(' > ').join(' › ') : lineRange(c.startLine, c.endLine);
  if (c.kind === 'imports' && !c.symbol) return 'imports';
  if (!c.symbol) return lineRange(c.startLine, c.endLine);
  const part = parsePart(c.part);
  // The first piece holds the definition's own line: it is the definition.
  if (!part || part.index === 1) return c.symbol;
  return part.inner ? `${c.symbol} › ${part.inner}` : `${c.symbol}, ${lineRange(c.startLine, c.endLine)}`;
}
