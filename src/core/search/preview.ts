// Readable results, pure: for a result's lines and the query, the lines worth showing (those sharing the most query
// words, identifiers split as the lexical index splits them; else the definition line), where the query's words are
// in them, and the result's name. No I/O: core/query/describe.ts reads the lines.
import { LEXICAL_STOP_WORDS, indexTerms, stemWord } from '../store/lexical/terms';
import type { ResultDisplay, ResultLine } from '../types';
import { displayKind, displayName, parsePart, type NamedChunk } from './displayName';
import { mergeRanges } from './terms';

/** At most this many matching lines per result. */
export const MAX_PREVIEW_LINES = 3;
/** Longer lines are cut around their first match. */
export const MAX_LINE_CHARS = 160;
/** Characters kept before the first match when a line is cut. */
const CONTEXT_BEFORE = 40;

const WORD = /[\p{L}\p{N}_$]+/gu;
/** Identifier parts as `identifierParts` in the lexical tokenizer cuts them (camel humps, acronyms, digits). */
const PART = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|\p{L}+/gu;
const SIMPLE_WORD = /^(?:[a-z]+|[0-9]+)$/;
const MAX_TERM = 64;

/** A term of a line (lower case, stemmed, as the lexical index has it) and where it is. */
export interface TermHit {
  term: string;
  start: number;
  end: number;
}

function normalized(raw: string): string | undefined {
  const t = raw.toLowerCase();
  if (t.length > MAX_TERM || LEXICAL_STOP_WORDS.has(t)) return undefined;
  return stemWord(t);
}

/** The lexical index's terms of one line (each identifier whole and in parts), with their offsets. */
export function lineTerms(line: string): TermHit[] {
  const out: TermHit[] = [];
  for (const m of line.matchAll(WORD)) {
    const word = m[0];
    const at = m.index ?? 0;
    const push = (raw: string, start: number, end: number) => {
      const term = normalized(raw);
      if (term) out.push({ term, start, end });
    };
    if (SIMPLE_WORD.test(word)) {
      push(word, at, at + word.length);
      continue;
    }
    const parts = [...word.matchAll(PART)];
    for (const p of parts) push(p[0], at + (p.index ?? 0), at + (p.index ?? 0) + p[0].length);
    if (parts.length > 1) push(parts.map((p) => p[0]).join(''), at, at + word.length);
  }
  return out;
}

/** The distinct query terms a line holds, and the merged ranges where they are. */
export function matchLine(line: string, query: ReadonlySet<string>): { score: number; highlights: [number, number][] } {
  const found = new Set<string>();
  const ranges: [number, number][] = [];
  for (const hit of lineTerms(line)) {
    if (!query.has(hit.term)) continue;
    found.add(hit.term);
    ranges.push([hit.start, hit.end]);
  }
  return { score: found.size, highlights: mergeRanges(ranges) };
}

/** The query as a set of lexical terms (split, stop words dropped, stemmed). */
export function queryTermSet(query: string): Set<string> {
  return new Set(indexTerms(query));
}

/**
 * The lines sharing the most query terms: the best line, and the others holding at least half as many terms as it,
 * at most MAX_PREVIEW_LINES, in file order. Empty when no line holds any.
 */
export function matchingLines(lines: readonly string[], firstLine: number, query: ReadonlySet<string>): ResultLine[] {
  if (query.size === 0) return [];
  const scored = lines
    .map((text, i) => ({ i, text, ...matchLine(text, query) }))
    .filter((l) => l.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  if (scored.length === 0) return [];
  const floor = Math.max(1, Math.ceil(scored[0].score / 2));
  return scored
    .filter((l) => l.score >= floor)
    .slice(0, MAX_PREVIEW_LINES)
    .sort((a, b) => a.i - b.i)
    .map((l) => shownLine(firstLine + l.i, l.text, l.highlights));
}

const COMMENT_LINE = /^(\/\/|\/\*|\*|#|--|"""|''')/;
const OPENER_ONLY = /^(\/\*\*?|\*\/?|\/\/|#|"""|'''|[{}()[\];,])$/;

/** Index of the line that says what the chunk is: the heading, the line naming the definition, or the first that says something. */
export function definitionLineIndex(lines: readonly string[], chunk: NamedChunk): number {
  if (chunk.kind === 'section') {
    const heading = lines.findIndex((l) => /^\s*#/.test(l));
    if (heading >= 0) return heading;
  } else if (chunk.symbol) {
    const part = parsePart(chunk.part);
    const name = part && part.index > 1 && part.inner ? part.inner : chunk.symbol.split(', ')[0].split('.').pop() ?? '';
    const named = name ? new RegExp(`(^|[^\\p{L}\\p{N}_$])${escapeRegExp(name)}($|[^\\p{L}\\p{N}_$])`, 'u') : undefined;
    if (named) {
      // Code before comments: a doc comment above a definition often repeats its name.
      const code = lines.findIndex((l) => named.test(l) && !COMMENT_LINE.test(l.trim()));
      if (code >= 0) return code;
      const any = lines.findIndex((l) => named.test(l));
      if (any >= 0) return any;
    }
  }
  const meaningful = lines.findIndex((l) => l.trim() !== '' && !OPENER_ONLY.test(l.trim()));
  return meaningful >= 0 ? meaningful : 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line as shown: indentation removed; cut to MAX_LINE_CHARS around its first match (`…` marks a cut). */
export function shownLine(line: number, raw: string, highlights: [number, number][] = []): ResultLine {
  const indent = raw.length - raw.trimStart().length;
  const text = raw.trim();
  let ranges = highlights.map(([a, b]) => [a - indent, b - indent] as [number, number]);
  if (text.length <= MAX_LINE_CHARS) return { line, text, highlights: ranges };
  const start = ranges.length > 0 ? Math.max(0, Math.min(ranges[0][0] - CONTEXT_BEFORE, text.length - MAX_LINE_CHARS)) : 0;
  const end = Math.min(text.length, start + MAX_LINE_CHARS);
  const prefix = start > 0 ? '…' : '';
  const shift = prefix.length - start;
  ranges = ranges
    .filter(([a, b]) => b > start && a < end)
    .map(([a, b]) => [Math.max(a, start) + shift, Math.min(b, end) + shift] as [number, number]);
  return { line, text: prefix + text.slice(start, end) + (end < text.length ? '…' : ''), highlights: ranges };
}

/**
 * A result in a user's terms. `lines` are the chunk's lines (its first is `chunk.startLine`); `query` undefined (Find
 * Similar) or without a match shows the definition line.
 */
export function describeChunk(chunk: NamedChunk, lines: readonly string[], query: ReadonlySet<string> | undefined): ResultDisplay {
  const name = displayName(chunk);
  const kind = displayKind(chunk.kind);
  if (lines.length === 0) return { name, kind, lines: [] };
  const matched = query ? matchingLines(lines, chunk.startLine, query) : [];
  if (matched.length > 0) return { name, kind, lines: matched };
  const i = definitionLineIndex(lines, chunk);
  return { name, kind, lines: [shownLine(chunk.startLine + i, lines[i])] };
}
