// Markdown by headings then paragraphs; every other text file by overlapping line windows.
import type { ChunkKind } from '../types';
import { type FileCtx, type Piece, budgetFor, estRange, splitRange, trimRange } from './plan';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;

/** Markdown: one piece per heading section (symbol = heading path `A > B`), large sections split at paragraphs. */
export function markdownPieces(ctx: FileCtx): Piece[] {
  const lines = ctx.lines;
  const sections: { start: number; path: string }[] = [];
  const stack: { level: number; title: string }[] = [];
  const paraStarts = new Set<number>();
  let fence: string | undefined;
  let frontMatter = lines[0]?.trim() === '---';
  sections.push({ start: 0, path: '' });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (frontMatter) {
      if (i > 0 && /^(---|\.\.\.)\s*$/.test(line)) frontMatter = false;
      continue;
    }
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      paraStarts.add(i);
      continue;
    }
    const h = ATX.exec(line);
    if (h && h[1]) {
      const level = h[1].length;
      const title = (h[2] ?? '').replace(/\s+/g, ' ').trim();
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, title });
      sections.push({ start: i, path: stack.map((x) => x.title).join(' > ') });
      if (title) ctx.defs.push({ row: i, name: title });
      continue;
    }
    if (i > 0 && lines[i - 1].trim() === '' && line.trim() !== '') paraStarts.add(i);
  }
  const out: Piece[] = [];
  for (let k = 0; k < sections.length; k++) {
    const end = k + 1 < sections.length ? sections[k + 1].start - 1 : lines.length - 1;
    const r = trimRange(ctx, sections[k].start, end);
    if (!r) continue;
    const symbol = sections[k].path;
    const budget = budgetFor(ctx, symbol);
    if (estRange(ctx, r[0], r[1]) <= budget) {
      out.push({ start: r[0], end: r[1], kind: 'section', symbol });
      continue;
    }
    const bounds = new Map<number, number>();
    for (const row of paraStarts) if (row > r[0] && row <= r[1]) bounds.set(row, 0);
    for (const [a, b] of splitRange(ctx, r[0], r[1], budget, bounds)) {
      out.push({ start: a, end: b, kind: 'section', symbol, bounds: sub(bounds, a, b) });
    }
  }
  return out;
}

function sub(bounds: Map<number, number>, a: number, b: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const [row, d] of bounds) if (row > a && row <= b) m.set(row, d);
  return m;
}

/**
 * Line windows that fit the token budget, each overlapping the previous by ~15 % of its lines (windows of five
 * lines or more), so a passage cut at a window edge is still whole in one of them.
 */
export function windowPieces(ctx: FileCtx, kind: ChunkKind, from = 0, to = ctx.lines.length - 1): Piece[] {
  const out: Piece[] = [];
  const budget = budgetFor(ctx, '');
  let s = from;
  while (s <= to && ctx.lines[s].trim() === '') s++;
  while (s <= to) {
    let e = s;
    while (e + 1 <= to && estRange(ctx, s, e + 1) <= budget) e++;
    const r = trimRange(ctx, s, e);
    if (r) out.push({ start: r[0], end: r[1], kind, symbol: '' });
    if (e >= to) break;
    const n = e - s + 1;
    const overlap = n >= 5 ? Math.max(1, Math.round(n * 0.15)) : 0;
    let next = Math.max(s + 1, e + 1 - overlap);
    while (next <= to && ctx.lines[next].trim() === '') next++;
    s = next;
  }
  return out;
}
