// Planned ranges → verified chunks: the embedded text (context header, symbol, signature, body) counted with the
// real tokenizer, re-split or truncated when it does not fit, split definitions numbered and named by part.
import { createHash } from 'node:crypto';
import type { Chunk } from '../types';
import { type FileCtx, type Piece, type SplitDef, estRange, splitRange, symbolWords, trimRange } from './plan';

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
