// Code files: tree-sitter definitions (functions, methods, classes, …) with their leading comments, large nodes
// split on inner boundaries, the code between definitions as blocks. What counts as a definition in each language
// is data: rules/<language>.ts.
import type { ChunkKind } from '../types';
import type { CodeLanguage } from './languages';
import { type FileCtx, type Piece, type SplitDef, budgetFor, estRange, splitRange, trimRange } from './plan';
import { type Def, type LanguageRules, describe, lastRow, rulesFor } from './rules';
import type { SyntaxNode } from './treesitter';

interface DefItem {
  start: number;
  end: number;
  node: SyntaxNode;
  def: Def;
  symbol: string;
}

/** The name an anonymous default export takes: the file's stem (`index` files: their folder's name). */
function fileStemName(path: string): string {
  const parts = path.split('/');
  const stem = parts[parts.length - 1].replace(/\.[^.]*$/, '').replace(/\.(d|test|spec)$/, '');
  return (stem === 'index' || stem === 'mod' || stem === '__init__') && parts.length > 1 ? parts[parts.length - 2] : stem;
}

function isCommentLike(n: SyntaxNode): boolean {
  const t = n.type;
  return t.includes('comment') || t === 'decorator' || t === 'attribute_item' || t === 'attribute_list' || t === 'annotation';
}

export class CodeChunker {
  private readonly rules: LanguageRules;
  constructor(
    private readonly ctx: FileCtx,
    lang: CodeLanguage,
    /** Carve imports and preambles out as chunks of their own (off only to measure what it is worth). */
    private readonly preamble = true,
  ) {
    this.rules = rulesFor(lang);
  }

  /** First row of a definition including the comments / decorators / attributes right above it. */
  private leadingStart(node: SyntaxNode, floor: number): number {
    let start = node.startPosition.row;
    for (let prev = node.previousNamedSibling; prev && isCommentLike(prev); prev = prev.previousNamedSibling) {
      if (lastRow(prev) < start - 1 || prev.startPosition.row <= floor) break;
      start = prev.startPosition.row;
    }
    const lines = this.ctx.lines;
    while (start - 1 > floor && this.rules.leading.test(lines[start - 1].trimStart())) start--;
    return start;
  }

  private gatherDefs(container: SyntaxNode, scope: string, inType: boolean, floor: number): DefItem[] {
    const out: DefItem[] = [];
    let prevEnd = floor;
    for (const child of container.namedChildren) {
      if (!child) continue;
      const def = describe(this.rules, child, inType);
      if (def?.transparent && def.body) {
        const inner = def.body === child ? child : def.body;
        out.push(...this.gatherDefs(inner, scope, inType, Math.max(prevEnd, inner.startPosition.row)));
        prevEnd = lastRow(child);
        continue;
      }
      if (def) out.push(this.item(child, def, scope, prevEnd));
      if (!isCommentLike(child)) prevEnd = lastRow(child);
    }
    return out;
  }

  /** A definition found: its rows, its qualified symbol, and a record that the chunk holding its own line defines it. */
  private item(node: SyntaxNode, def: Def, scope: string, floor: number): DefItem {
    if (!def.name && def.fileNamed) def = { ...def, name: fileStemName(this.ctx.path) };
    const symbol = def.absolute || !scope ? def.name : def.name ? `${scope}.${def.name}` : scope;
    const short = def.name.slice(def.name.lastIndexOf('.') + 1);
    if (short) this.ctx.defs.push({ row: this.defRow(node), name: short });
    return { start: this.leadingStart(node, floor), end: lastRow(node), node, def, symbol };
  }

  /** The row of a definition's own line: decorators and attributes open some definition nodes. */
  private defRow(node: SyntaxNode): number {
    let row = node.startPosition.row;
    const last = lastRow(node);
    while (row < last && /^(@|#\[)/.test(this.ctx.lines[row].trimStart())) row++;
    return row;
  }

  /** Pieces covering rows [from, to] of `container` (root, or the body of a class too large for one chunk). */
  expand(
    from: number,
    to: number,
    container: SyntaxNode,
    scope: string,
    inType: boolean,
    gapKind: ChunkKind,
    out: Piece[],
    items?: DefItem[],
  ): void {
    items ??= this.gatherDefs(container, scope, inType, from - 1);
    let cursor = from;
    for (const item of items) {
      const s = Math.max(item.start, cursor);
      if (s > item.end || item.end > to) continue;
      if (s > cursor) this.gap(cursor, s - 1, container, gapKind, scope, out);
      this.definition({ ...item, start: s }, out);
      cursor = item.end + 1;
    }
    if (cursor <= to) this.gap(cursor, to, container, gapKind, scope, out);
  }

  private definition(item: DefItem, out: Piece[]): void {
    const ctx = this.ctx;
    // The context header repeats the definition's signature line.
    const defRow = this.defRow(item.node);
    const signature = ctx.contextHeader ? estRange(ctx, defRow, defRow) : 0;
    const budget = budgetFor(ctx, item.symbol, signature);
    const body = item.def.body;
    const inType = item.def.kind !== 'module'; // functions in a namespace / module are not methods
    // Members are gathered even when the whole definition fits: the chunk defines them too.
    const members = body ? this.gatherDefs(body, item.symbol, inType, body.startPosition.row - 1) : [];
    if (estRange(ctx, item.start, item.end) <= budget) {
      out.push({ start: item.start, end: item.end, kind: item.def.kind, symbol: item.symbol, def: true });
      return;
    }
    if (body) {
      if (members.length > 0) {
        this.expand(item.start, item.end, body, item.symbol, inType, item.def.kind, out, members);
        return;
      }
    }
    const first = out.length;
    this.splitNode(item.start, item.end, [item.node], item.def.kind, item.symbol, out, signature);
    const split = this.splitDef(item);
    for (let i = first; i < out.length; i++) {
      out[i].frag = true;
      out[i].split = split;
    }
  }

  /** Signature and inner definitions of a definition being cut into fragments. */
  private splitDef(item: DefItem): SplitDef {
    const defRow = this.defRow(item.node);
    const nested: DefItem[] = [];
    this.nestedDefs(item.node, '', 0, nested);
    const inner = nested.filter((d) => d.def.name).map((d) => ({ row: d.node.startPosition.row, name: d.def.name }));
    return { defRow, signature: this.ctx.emb[defRow] ?? '', rawSignature: this.ctx.lines[defRow].trim(), inner };
  }

  /**
   * Rows [s, e] between definitions: runs of preamble statements (imports, with the comments among and before them)
   * become 'imports' pieces, the rest code blocks.
   */
  private gap(s: number, e: number, container: SyntaxNode, kind: ChunkKind, symbol: string, out: Piece[]): void {
    let cursor = s;
    for (const [a, b] of this.preambleRuns(s, e, container)) {
      if (a > cursor) this.codeGap(cursor, a - 1, container, kind, symbol, out);
      this.codeGap(a, b, container, 'imports', '', out, false);
      cursor = b + 1;
    }
    if (cursor <= e) this.codeGap(cursor, e, container, kind, symbol, out);
  }

  /** Row ranges of preamble runs within [s, e]: preamble statements and the comments or directives before or among them. */
  private preambleRuns(s: number, e: number, container: SyntaxNode): [number, number][] {
    const runs: [number, number][] = [];
    if (!this.preamble) return runs;
    let start = -1; // first row of the current run (or of the comments that may open one)
    let end = -1; // last row of the run's last preamble statement
    const close = () => {
      if (end >= 0) runs.push([start, end]);
      start = end = -1;
    };
    for (const c of container.namedChildren) {
      if (!c || lastRow(c) < s) continue;
      if (c.startPosition.row > e) break;
      const inside = c.startPosition.row >= s && lastRow(c) <= e;
      if (inside && this.rules.preamble(c)) {
        if (start < 0) start = c.startPosition.row;
        end = lastRow(c);
      } else if (inside && (isCommentLike(c) || this.rules.directive?.(c))) {
        if (start < 0) start = c.startPosition.row;
      } else {
        close();
      }
    }
    close();
    return runs;
  }

  private codeGap(
    s: number,
    e: number,
    container: SyntaxNode,
    kind: ChunkKind,
    symbol: string,
    out: Piece[],
    deep = true,
  ): void {
    const r = trimRange(this.ctx, s, e);
    if (!r) return;
    if (estRange(this.ctx, r[0], r[1]) <= budgetFor(this.ctx, symbol)) {
      out.push({ start: r[0], end: r[1], kind, symbol });
      return;
    }
    const nodes: SyntaxNode[] = [];
    for (const c of container.namedChildren) {
      if (!c) continue;
      if (lastRow(c) < r[0]) continue;
      if (c.startPosition.row > r[1]) break;
      nodes.push(c);
    }
    if (deep) {
      // Definitions wrapped in a large statement (UMD/IIFE wrappers, `if __name__ == …`, `export default {…}`).
      const nested: DefItem[] = [];
      for (const n of nodes) {
        if (lastRow(n) - n.startPosition.row > 2) this.nestedDefs(n, symbol, 0, nested);
      }
      const items = nested.filter((it) => it.start >= r[0] && it.end <= r[1]);
      if (items.length > 0) {
        let cursor = r[0];
        for (const item of items) {
          const st = Math.max(item.start, cursor);
          if (st > item.end) continue;
          if (st > cursor) this.codeGap(cursor, st - 1, container, kind, symbol, out, false);
          this.definition({ ...item, start: st }, out);
          cursor = item.end + 1;
        }
        if (cursor <= r[1]) this.codeGap(cursor, r[1], container, kind, symbol, out, false);
        return;
      }
    }
    this.splitNode(r[0], r[1], nodes, kind, symbol, out);
  }

  private nestedDefs(n: SyntaxNode, scope: string, depth: number, out: DefItem[]): void {
    let prevEnd = n.startPosition.row - 1;
    for (const c of n.namedChildren) {
      if (!c) continue;
      const def = describe(this.rules, c, false);
      if (def && !def.transparent) {
        out.push(this.item(c, def, scope, prevEnd));
      } else if (depth < 8 && lastRow(c) > c.startPosition.row) {
        this.nestedDefs(c, scope, depth + 1, out);
      }
      if (!isCommentLike(c)) prevEnd = lastRow(c);
    }
  }

  private splitNode(s: number, e: number, nodes: SyntaxNode[], kind: ChunkKind, symbol: string, out: Piece[], extra = 0): void {
    const ctx = this.ctx;
    const budget = budgetFor(ctx, symbol, extra);
    if (estRange(ctx, s, e) <= budget) {
      out.push({ start: s, end: e, kind, symbol });
      return;
    }
    const bounds = boundsOf(nodes, s, e);
    // Blank lines are good places to cut too.
    for (let i = s + 1; i <= e; i++) {
      if (ctx.lines[i - 1].trim() === '' && ctx.lines[i].trim() !== '' && !bounds.has(i)) bounds.set(i, 3);
    }
    for (const [a, b] of splitRange(ctx, s, e, budget, bounds)) {
      const sub = new Map<number, number>();
      for (const [row, d] of bounds) if (row > a && row <= b) sub.set(row, d);
      out.push({ start: a, end: b, kind, symbol, bounds: sub });
    }
  }
}

/** Rows where named descendants start (depth = nesting below the given nodes), the shallowest depth per row. */
function boundsOf(nodes: SyntaxNode[], s: number, e: number, maxDepth = 5): Map<number, number> {
  const bounds = new Map<number, number>();
  const visit = (n: SyntaxNode, depth: number) => {
    const row = n.startPosition.row;
    if (row > s && row <= e) {
      const d = bounds.get(row);
      if (d === undefined || depth < d) bounds.set(row, depth);
    }
    if (depth >= maxDepth || lastRow(n) === row) return;
    for (const c of n.namedChildren) if (c && lastRow(c) >= s && c.startPosition.row <= e) visit(c, depth + 1);
  };
  for (const n of nodes) visit(n, 0);
  return bounds;
}
