// Line-range planning shared by code, Markdown and text: token estimates per line, splitting a range on preferred
// boundaries, merging tiny neighbours, and turning planned ranges into verified chunks.
import { createHash } from 'node:crypto';
import type { Chunk, ChunkKind } from '../types';
import { compactLine, estimateTokens, pathWords, splitIdentifiers } from './identifiers';

/** Planning uses estimates; this margin keeps most planned chunks under the limit on the first exact count. */
const SAFETY = 1.12;
/**
 * Code between definitions (imports, statements) below this estimate is tiny and gets merged with a neighbour;
 * definitions only when they are one-liners, so small functions keep their own chunk (precise search results).
 */
export const TINY_TOKENS = 40;
/** Tiny pieces are coalesced with each other until the group reaches this estimate. */
const COALESCE_TOKENS = 96;

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

/** Rows with embeddable content (not blank, not just punctuation), counted up to 2. */
function meaningfulRows(ctx: FileCtx, p: Piece): number {
  let n = 0;
  for (let i = p.start; i <= p.end && n < 2; i++) if (ctx.emb[i]) n++;
  return n;
}

/** Tiny pieces get merged: one-liners, and blocks of code between definitions under TINY_TOKENS. */
function isTiny(ctx: FileCtx, p: Piece): boolean {
  if (p.frag) return false;
  if (meaningfulRows(ctx, p) <= 1) return true;
  return !p.def && estRange(ctx, p.start, p.end) < TINY_TOKENS;
}

/**
 * Fragments of a split definition merge only with code that is not another definition; the file preamble (imports)
 * merges only with unlabelled code, never into a definition or a class header, whose meaning its names would drown.
 */
function canMerge(a: Piece, b: Piece): boolean {
  if (a.kind === 'imports' || b.kind === 'imports') return !a.symbol && !b.symbol;
  if (a.frag && b.frag) return a.symbol === b.symbol && a.kind === b.kind && a.split === b.split;
  // A fragment takes in unlabelled code only: a class header merged into a method's first fragment would rename it.
  if (a.frag) return !b.def && (!b.symbol || b.symbol === a.symbol);
  if (b.frag) return !a.def && (!a.symbol || a.symbol === b.symbol);
  return true;
}

const isScopeOf = (outer: string, inner: string) => inner.startsWith(outer + '.');

/**
 * Kind and symbol of pieces merged into one chunk: those of the piece with the most content; other symbols are
 * appended (`a, b`) unless one encloses the other (a class header merged with one of its methods). Markdown keeps
 * the common heading path.
 */
function mergedLabel(ctx: FileCtx, pieces: Piece[]): { kind: ChunkKind; symbol: string } {
  const named = pieces.filter((p) => p.symbol);
  // Statements merged into the preamble keep it a preamble (so no definition joins it later).
  if (named.length === 0) return { kind: pieces.some((p) => p.kind === 'imports') ? 'imports' : pieces[0].kind, symbol: '' };
  if (pieces[0].kind === 'section') {
    const parts = named.map((p) => p.symbol.split(' > '));
    const common: string[] = [];
    for (let i = 0; parts.every((x) => x[i] !== undefined && x[i] === parts[0][i]); i++) common.push(parts[0][i]);
    return { kind: 'section', symbol: common.join(' > ') };
  }
  // A class header (signature, fields) merged with some of its members keeps the class label.
  // (The innermost such header when nested headers merged, e.g. `module A` + `class B` → `A.B`.)
  let outer: Piece | undefined;
  for (const o of named) {
    if (o.def) continue;
    const ok = named.every(
      (p) => p.symbol === o.symbol || isScopeOf(o.symbol, p.symbol) || (!p.def && isScopeOf(p.symbol, o.symbol)),
    );
    if (ok && (!outer || o.symbol.length > outer.symbol.length)) outer = o;
  }
  if (outer) return { kind: outer.kind, symbol: outer.symbol };
  let main = named[0];
  for (const p of named) if (estRange(ctx, p.start, p.end) > estRange(ctx, main.start, main.end)) main = p;
  const names: string[] = main.symbol.split(', ').filter((x) => x !== '…');
  for (const p of named) {
    if (p === main) continue;
    for (const sym of p.symbol.split(', ')) {
      if (sym === '…' || names.includes(sym)) continue;
      if (main.symbol.split(', ').some((m) => m === sym || isScopeOf(sym, m) || isScopeOf(m, sym))) continue;
      names.push(sym);
    }
  }
  return { kind: main.kind, symbol: names.length > 3 ? names.slice(0, 3).join(', ') + ', …' : names.join(', ') };
}

function mergeTwo(ctx: FileCtx, a: Piece, b: Piece): Piece {
  const { kind, symbol } = mergedLabel(ctx, [a, b]);
  const bounds = new Map<number, number>();
  for (const p of [a, b]) {
    if (p.bounds) for (const [r, d] of p.bounds) bounds.set(r, Math.min(d + 1, bounds.get(r) ?? Infinity));
    bounds.set(p.start, 0);
  }
  const split = a.split ?? b.split;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), kind, symbol, bounds, def: a.def || b.def, frag: a.frag || b.frag, split };
}

/**
 * Merges noise away: punctuation-only pieces join their neighbour (they add nothing to the embedded text), runs of
 * tiny pieces coalesce, and a tiny piece left alone joins its smaller neighbour when the result still fits.
 */
export function mergeSmall(ctx: FileCtx, input: Piece[]): Piece[] {
  if (input.length <= 1) return input;
  const cap = (a: Piece, b: Piece) => {
    const { symbol } = mergedLabel(ctx, [a, b]);
    return budgetFor(ctx, symbol);
  };
  // Pass 0: pieces without embeddable content (lone braces) join the previous piece (or the next one).
  let list: Piece[] = [];
  for (const p of input) {
    if (estRange(ctx, p.start, p.end) === 0 && list.length > 0) {
      const last = list[list.length - 1];
      list[list.length - 1] = { ...last, end: Math.max(last.end, p.end) };
    } else list.push(p);
  }
  if (list.length > 1 && estRange(ctx, list[0].start, list[0].end) === 0) {
    list[1] = { ...list[1], start: Math.min(list[0].start, list[1].start) };
    list.shift();
  }
  // Pass 1: coalesce runs of tiny pieces.
  const coalesced: Piece[] = [];
  const groups = new Set<Piece>();
  for (const p of list) {
    const last = coalesced[coalesced.length - 1];
    if (
      last &&
      canMerge(last, p) &&
      isTiny(ctx, p) &&
      (groups.has(last) || isTiny(ctx, last)) &&
      estRange(ctx, last.start, last.end) < COALESCE_TOKENS &&
      estRange(ctx, last.start, p.end) <= Math.min(COALESCE_TOKENS, cap(last, p))
    ) {
      const g = mergeTwo(ctx, last, p);
      groups.add(g);
      coalesced[coalesced.length - 1] = g;
    } else coalesced.push(p);
  }
  list = coalesced;
  // Pass 2: a tiny piece still alone joins its smaller neighbour if the result fits.
  for (let i = 0; i < list.length; ) {
    const p = list[i];
    if (!isTiny(ctx, p)) {
      i++;
      continue;
    }
    const prev = i > 0 ? list[i - 1] : undefined;
    const next = i + 1 < list.length ? list[i + 1] : undefined;
    const options = [prev, next]
      .filter((q): q is Piece => !!q && canMerge(p, q))
      .filter((q) => estRange(ctx, Math.min(p.start, q.start), Math.max(p.end, q.end)) <= cap(p, q))
      .sort((a, b) => estRange(ctx, a.start, a.end) - estRange(ctx, b.start, b.end));
    if (options.length === 0) {
      i++;
      continue;
    }
    const q = options[0];
    // Each merge shortens the list and every other step advances i, so this ends.
    if (q === prev) {
      list.splice(i - 1, 2, mergeTwo(ctx, prev, p));
      i--;
    } else {
      list.splice(i, 2, mergeTwo(ctx, p, q));
    }
  }
  return list;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function bodyOf(ctx: FileCtx, s: number, e: number): string {
  const parts: string[] = [];
  for (let i = s; i <= e; i++) if (ctx.emb[i]) parts.push(ctx.emb[i]);
  if (parts.length === 0) {
    // Nothing but punctuation: embed it as it is, collapsed.
    return ctx.lines.slice(s, e + 1).join(' ').replace(/\s+/g, ' ').trim();
  }
  return parts.join('\n');
}

/**
 * True when the text surely fits without asking the tokenizer: every ASCII word piece consumes at least one
 * non-space character (non-ASCII characters may expand under normalisation, so they always go to the tokenizer).
 */
function surelyFits(text: string, max: number): boolean {
  if (text.length + 2 <= max) return true;
  let n = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return false;
    if (c > 32 && ++n > max) return false;
  }
  return true;
}

/** Short names of the definitions (Markdown: headings) whose own line lies in the piece. */
function namesOf(ctx: FileCtx, p: Piece): string[] {
  const names: string[] = [];
  for (const d of ctx.defs) if (d.row >= p.start && d.row <= p.end && d.name && !names.includes(d.name)) names.push(d.name);
  return names;
}

/** The enclosing container of a member (`UserRepository` of `UserRepository.findUser`) and a fragment's signature. */
function contextOf(ctx: FileCtx, p: Piece): string {
  if (!ctx.contextHeader) return '';
  const dot = p.kind === 'section' || p.symbol.includes(', ') ? -1 : p.symbol.lastIndexOf('.');
  const container = dot > 0 ? p.symbol.slice(0, dot) : '';
  const signature = p.split && p.start > p.split.defRow ? p.split.rawSignature : '';
  return [container, signature].filter(Boolean).join('\n');
}

function makeChunk(ctx: FileCtx, p: Piece, embedText: string): Chunk {
  return {
    names: namesOf(ctx, p),
    context: contextOf(ctx, p),
    path: ctx.path,
    startLine: p.start + 1,
    endLine: p.end + 1,
    kind: p.kind,
    symbol: p.symbol,
    part: '',
    language: ctx.language,
    text: ctx.lines.slice(p.start, p.end + 1).join('\n'),
    embedText,
    hash: sha256(embedText),
  };
}

/**
 * The signature line of the definition a piece belongs to, compacted, for the context header: a fragment gets its
 * split definition's; a whole definition its own (the line of the name its symbol ends with).
 */
export function signatureOf(ctx: FileCtx, p: Piece): string {
  if (!ctx.contextHeader) return '';
  if (p.split) return p.split.signature;
  if (!p.def) return '';
  const main = p.symbol.split(', ')[0];
  const name = main.slice(main.lastIndexOf('.') + 1);
  const inRange = ctx.defs.filter((d) => d.row >= p.start && d.row <= p.end);
  const d = inRange.find((x) => x.name === name) ?? inRange[0];
  return d ? ctx.emb[d.row] : '';
}

function embedTextOf(ctx: FileCtx, p: Piece): string {
  const head = [ctx.header, symbolWords(p.symbol), signatureOf(ctx, p)].filter(Boolean).join(' ');
  const body = bodyOf(ctx, p.start, p.end);
  return head ? `${head}\n${body}` : body;
}

/**
 * Turns planned pieces into chunks whose embedText fits maxTokens as counted by the real tokenizer. A piece that
 * turns out too large is split again with a budget scaled by how far off the estimate was; a single line that alone
 * is too large (only possible for very long lines) is the one case where the embedded text is cut.
 */
export function finalize(ctx: FileCtx, pieces: Piece[]): Chunk[] {
  const out: Chunk[] = [];
  const from: Piece[] = [];
  const max = ctx.maxTokens;
  const work = pieces.slice().reverse();
  let guard = 0;
  while (work.length > 0) {
    const p = work.pop()!;
    const text = embedTextOf(ctx, p);
    if (surelyFits(text, max) || ctx.countTokens(text) <= max) {
      out.push(makeChunk(ctx, p, text));
      from.push(p);
      continue;
    }
    const n = ctx.countTokens(text);
    if (p.start < p.end && guard++ < 10_000) {
      const est = estRange(ctx, p.start, p.end);
      const budget = Math.max(1, Math.floor(((est * max) / n) * 0.92));
      let parts = splitRange(ctx, p.start, p.end, Math.min(budget, Math.max(1, est - 1)), p.bounds);
      if (parts.length <= 1) {
        // The estimate cannot separate them (e.g. punctuation-only rows): halve by rows.
        const mid = (p.start + p.end) >> 1;
        parts = [trimRange(ctx, p.start, mid), trimRange(ctx, mid + 1, p.end)].filter(
          (r): r is [number, number] => !!r,
        );
      }
      // A whole definition that turned out too large becomes fragments of a split definition.
      const split = p.split ?? (p.def ? wholeDefSplit(ctx, p) : undefined);
      const frag = p.frag || split !== undefined;
      for (let i = parts.length - 1; i >= 0; i--) work.push({ ...p, start: parts[i][0], end: parts[i][1], split, frag });
      continue;
    }
    out.push(makeChunk(ctx, p, truncateToFit(ctx, text, max)));
    from.push(p);
  }
  nameParts(out, from);
  return out;
}

const COMMENT_OR_DECORATOR = /^(\/\/|\/\*|\*|#|@|--|\[)/;

/** The split of a definition cut only after planning: its signature is its first line that is not a comment. */
function wholeDefSplit(ctx: FileCtx, p: Piece): SplitDef {
  let defRow = p.start;
  while (defRow < p.end && (ctx.lines[defRow].trim() === '' || COMMENT_OR_DECORATOR.test(ctx.lines[defRow].trimStart()))) defRow++;
  return { defRow, signature: ctx.emb[defRow] ?? '', rawSignature: ctx.lines[defRow].trim(), inner: [] };
}

/** Fragments of one split definition are numbered `i/n` and named after the first inner definition they hold. */
function nameParts(chunks: Chunk[], from: Piece[]): void {
  const count = new Map<SplitDef, number>();
  for (const p of from) if (p.split) count.set(p.split, (count.get(p.split) ?? 0) + 1);
  const seen = new Map<SplitDef, number>();
  from.forEach((p, i) => {
    const split = p.split;
    if (!split) return;
    const n = count.get(split)!;
    if (n < 2) return;
    const k = (seen.get(split) ?? 0) + 1;
    seen.set(split, k);
    const inner = split.inner.find((d) => d.row >= p.start && d.row <= p.end && d.row > split.defRow);
    chunks[i].part = inner ? `${k}/${n} ${inner.name}` : `${k}/${n}`;
  });
}

/** Last resort for a single over-long line: the longest prefix (in characters) that fits. */
function truncateToFit(ctx: FileCtx, text: string, max: number): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.countTokens(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo);
}
