// The chunk module: cuts a file into chunks whose embedded text fits the model window.
//
// Policy:
// - Code (tree-sitter, parsed once per file): one chunk per function / method / class / interface / type / enum /
//   module with its leading comments, decorators and attributes. A definition over the budget is opened (class →
//   header chunk of kind 'class' + one chunk per member) or, if it has no members, split on inner boundaries
//   (statements first, then deeper nodes, blank lines, any line), keeping its kind and symbol. Code between
//   definitions becomes 'block' chunks. Unparseable files fall back to line windows.
// - Merging: one-liners and blocks under TINY_TOKENS (40 estimated tokens) are coalesced (up to 96) or joined to
//   their smaller neighbour; lines of pure punctuation join their neighbour (they cost nothing in embedText).
// - Markdown: heading sections (symbol `A > B > C`), large sections split at paragraphs / code fences.
// - Other text: line windows filled to the budget, overlapping ~15 % (10–20 %) of their lines.
// - embedText = `${path words} ${symbol words}\n${identifier-split lines}` (whitespace collapsed, punctuation-only
//   lines and comment markers dropped). Sizes are planned with a cheap estimate (SAFETY margin 1.12) and every
//   chunk is verified with countTokens once, unless it surely fits; a chunk over the limit is split again.
//   Only a single line longer than the whole window is cut.
import type { Chunk } from '../types';
import { CodeChunker } from './code';
import { codeLanguageOf, languageForPath } from './languages';
import { finalize } from './finalize';
import { mergeSmall } from './mergeSmall';
import { makeCtx, type PathContext, type Piece } from './plan';
import { markdownPieces, windowPieces } from './text';
import { parse } from './treesitter';

export { splitIdentifiers } from './identifiers';
export { languageForPath } from './languages';
export type { PathContext } from './plan';

export interface ChunkerOptions {
  /** Word pieces of a text including [CLS] and [SEP] (Embedder.countTokens). */
  countTokens: (text: string) => number;
  /** The model window in word pieces; every chunk's embedText fits it. Default 256. */
  maxTokens?: number;
  /**
   * Context put before the code in embedText (and so in `hash`): the whole relative path (default), only the file
   * name, or nothing. With 'path', moving a file changes its chunks' hashes; 'name' keeps them across moves.
   */
  pathContext?: PathContext;
  /** Imports and file preambles as chunks of their own (default true). */
  preamble?: boolean;
  /** Definitions carry their signature, members their container: the context header (default true). */
  contextHeader?: boolean;
}

export interface ChunkFileOptions {
  /** false: line windows only, no parse (a file that took a chunking worker down is retried this way). */
  structure?: boolean;
}

export interface Chunker {
  /** `path` is relative with forward slashes. Never throws: unparseable input falls back to line windows. */
  chunkFile(path: string, text: string, opts?: ChunkFileOptions): Promise<Chunk[]>;
  languageOf(path: string): string | undefined;
  /** Give back what chunking holds (a worker chunker stops its worker; the next file starts another). */
  release?(): Promise<void>;
  close?(): Promise<void>;
}

export const DEFAULT_MAX_TOKENS = 256;

export async function createChunker(opts: ChunkerOptions): Promise<Chunker> {
  const maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  const countTokens = opts.countTokens;
  return {
    languageOf: languageForPath,
    async chunkFile(path: string, text: string, fileOpts?: ChunkFileOptions): Promise<Chunk[]> {
      const language = languageForPath(path) ?? 'text';
      const ctx = makeCtx(path, language, text, maxTokens, countTokens, opts.pathContext);
      ctx.contextHeader = opts.contextHeader !== false;
      if (ctx.lines.every((l) => l.trim() === '')) return [];
      let code = codeLanguageOf(path);
      // `.h` is C unless the header is evidently C++.
      if (code === 'c' && /\.h$/i.test(path) && /^\s*(class|namespace|template)\b|\w::\w/m.test(text)) code = 'cpp';
      const useTree = code && fileOpts?.structure !== false;
      const structured = useTree ? await codePieces(ctx, code!, text, opts.preamble !== false) : language === 'markdown' ? markdownPieces(ctx) : undefined;
      if (structured) return finalize(ctx, mergeSmall(ctx, structured));
      // Text, unknown languages and code that could not be parsed: overlapping windows (never merged).
      return finalize(ctx, windowPieces(ctx, code ? 'block' : 'text'));
    },
  };
}

async function codePieces(
  ctx: ReturnType<typeof makeCtx>,
  lang: NonNullable<ReturnType<typeof codeLanguageOf>>,
  text: string,
  preamble: boolean,
): Promise<Piece[] | undefined> {
  const tree = await parse(lang, text);
  if (!tree) return undefined;
  try {
    const out: Piece[] = [];
    new CodeChunker(ctx, lang, preamble).expand(0, ctx.lines.length - 1, tree.rootNode, '', false, 'block', out);
    return out;
  } catch {
    return undefined;
  } finally {
    tree.delete();
  }
}
