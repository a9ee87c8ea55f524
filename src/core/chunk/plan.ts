// Line-range planning shared by code, Markdown and text: token estimates per line and splitting a range on
// preferred boundaries. mergeSmall.ts merges tiny neighbours; finalize.ts turns planned ranges into verified chunks.
import type { ChunkKind } from '../types';
import { compactLine, estimateTokens, pathWords, splitIdentifiers } from './identifiers';

/** Planning uses estimates; this margin keeps most planned chunks under the limit on the first exact count. */
const SAFETY = 1.12;
/**
 * Code between definitions (imports, statements) below this estimate is tiny and gets merged with a neighbour;
 * definitions only when they are one-liners, so small functions keep their own chunk (precise search results).
 */
export const TINY_TOKENS = 40;

/** A planned chunk: 0-based inclusive rows. */
export interface Piece {
  start: number;
  end: number;
  kind: ChunkKind;
  symbol: string;
  /** A whole definition (function, class, …): kept apart unless it is really small. */
  def?: boolean;
  /** One of several pieces of a definition too large for one chunk. */
  frag?: boolean;
  /** The split definition a fragment belongs to. */
  split?: SplitDef;
  /** Preferred split rows → depth (0 = best); used if the exact count says the piece is too large. */
  bounds?: Map<number, number>;
}

/** A definition cut into fragments: what each fragment needs to name its part and say what it belongs to. */
export interface SplitDef {
  /** Row of the definition's own line (its signature). */
  defRow: number;
  /** The signature line, compacted: the context header of fragments that do not hold it. */
  signature: string;
  /** The signature line as written, for the lexical text of those fragments. */
  rawSignature: string;
  /** Inner definitions (row, short name): a fragment is named after the first one it holds. */
  inner: { row: number; name: string }[];
}

export interface FileCtx {
  path: string;
  language: string;
  lines: string[];
  /** Compacted, identifier-split lines ('' for blank / punctuation-only lines). */
  emb: string[];
  /** prefix[i] = estimated tokens of emb[0..i-1]. */
  prefix: Float64Array;
  header: string;
  headerTokens: number;
  /** Definitions carry their signature, members their container (the context header). */
  contextHeader: boolean;
  /** Definitions and headings (row of their own line, short name): the chunk holding the row defines the name. */
  defs: { row: number; name: string }[];
  maxTokens: number;
  countTokens: (text: string) => number;
}

/** What of the path goes into the context header of embedText. */
export type PathContext = 'path' | 'name' | 'none';

export function makeCtx(
  path: string,
  language: string,
  text: string,
  maxTokens: number,
  countTokens: (t: string) => number,
  pathContext: PathContext = 'path',
): FileCtx {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const emb = new Array<string>(lines.length);
  const ruby = language === 'ruby';
  const prefix = new Float64Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) {
    const e = compactLine(lines[i], ruby);
    emb[i] = e;
    prefix[i + 1] = prefix[i] + (e ? estimateTokens(e) : 0);
  }
  const header =
    pathContext === 'none' ? '' : pathWords(pathContext === 'name' ? path.slice(path.lastIndexOf('/') + 1) : path);
  return { path, language, lines, emb, prefix, header, headerTokens: estimateTokens(header), contextHeader: true, defs: [], maxTokens, countTokens };
}

export function estRange(ctx: FileCtx, s: number, e: number): number {
  return ctx.prefix[e + 1] - ctx.prefix[s];
}

export function symbolWords(symbol: string): string {
  return symbol ? splitIdentifiers(symbol.replace(/[._:>#]+/g, ' ')).replace(/\s+/g, ' ').trim() : '';
}

/** Estimated tokens available to the body of a chunk with this symbol (and `extra` header tokens: a signature). */
export function budgetFor(ctx: FileCtx, symbol: string, extra = 0): number {
  const head = ctx.headerTokens + (symbol ? estimateTokens(symbolWords(symbol)) : 0) + extra + 2; // + [CLS] [SEP]
  return Math.max(8, Math.floor((ctx.maxTokens - head) / SAFETY));
}

export function isBlank(ctx: FileCtx, row: number): boolean {
  return ctx.lines[row].trim() === '';
}

/** Narrows [s, e] to its first and last non-blank rows; undefined when all blank. */
export function trimRange(ctx: FileCtx, s: number, e: number): [number, number] | undefined {
  while (s <= e && isBlank(ctx, s)) s++;
  while (e >= s && isBlank(ctx, e)) e--;
  return s <= e ? [s, e] : undefined;
}

/**
 * Splits [s, e] into consecutive ranges whose estimate fits `budget`, cutting at the shallowest boundary rows
 * (from `bounds`) that keep pieces reasonably full, then at any row; never inside a line. Pieces are balanced so
 * the last one is not a sliver.
 */
export function splitRange(
  ctx: FileCtx,
  s: number,
  e: number,
  budget: number,
  bounds: Map<number, number> | undefined,
): [number, number][] {
  const out: [number, number][] = [];
  const cands = bounds ? [...bounds.entries()].sort((a, b) => a[0] - b[0]) : [];
  const depths = [...new Set(cands.map((c) => c[1]))].sort((a, b) => a - b);
  let ci = 0; // first candidate row > s (s only grows)
  while (s <= e) {
    while (ci < cands.length && cands[ci][0] <= s) ci++;
    const total = estRange(ctx, s, e);
    if (total <= budget) {
      out.push([s, e]);
      break;
    }
    const n = Math.ceil(total / budget);
    const target = Math.min(budget, (total / n) * 1.15);
    let cut = -1;
    // A cut at row c makes the piece [s, c - 1].
    for (const d of depths) {
      let best = -1;
      for (let k = ci; k < cands.length; k++) {
        const [row, depth] = cands[k];
        if (row > e) break;
        if (depth > d) continue;
        if (estRange(ctx, s, row - 1) <= target) best = row;
        else break;
      }
      if (best > 0 && estRange(ctx, s, best - 1) >= target * 0.5) {
        cut = best;
        break;
      }
    }
    if (cut < 0) {
      // Any row: the largest prefix that fits the budget, at least one line.
      let c = s + 1;
      while (c <= e && estRange(ctx, s, c) <= budget) c++;
      cut = c;
    }
    out.push([s, cut - 1]);
    s = cut;
  }
  return out.map(([a, b]) => trimRange(ctx, a, b)).filter((r): r is [number, number] => !!r);
}
