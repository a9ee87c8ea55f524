// Merging tiny neighbours: one-liners and small blocks between definitions join a neighbour (or each other), so
// no chunk is too small to mean anything, while small functions keep their own chunk.
import type { ChunkKind } from '../types';
import { type FileCtx, type Piece, budgetFor, estRange, TINY_TOKENS } from './plan';

/** Tiny pieces are coalesced with each other until the group reaches this estimate. */
const COALESCE_TOKENS = 96;

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
