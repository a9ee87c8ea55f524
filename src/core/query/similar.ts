// "Find similar code": a file range (or raw text) as the query, the range itself excluded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimilarTarget } from '../api';
import { splitIdentifiers } from '../chunk';
import { toRelative } from '../scan';
import type { SearchOptions, SearchResult, StoredChunk } from '../types';
import type { QueryContext } from './context';
import { describeResults } from './describe';
import { candidateCount, idFilter, rankedResults } from './runSearch';

/** A chunk stands for the selection when the selection covers at least this share of it. */
const COVER_SHARE = 0.5;

export async function runSimilar(ctx: QueryContext, target: SimilarTarget, opts: SearchOptions = {}): Promise<SearchResult[]> {
  const k = opts.k ?? 10;
  const rel = target.path !== undefined ? toRelative(ctx.root, target.path) : undefined;
  if (target.path !== undefined && rel === undefined) throw new Error(`${target.path} is outside ${ctx.root}`);
  const start = target.startLine ?? 1;
  const end = target.endLine ?? Number.MAX_SAFE_INTEGER;
  const vector = await queryVector(ctx, target, rel, start, end);
  if (!vector) return [];
  const excludeOwn = (c: StoredChunk) => rel !== undefined && c.path === rel && c.startLine <= end && c.endLine >= start;
  const hits = ctx.store.searchVectors(vector, candidateCount(k) + 20, idFilter(ctx, opts));
  const results = rankedResults(ctx, hits, k, excludeOwn);
  return opts.describe ? describeResults(ctx, results, undefined) : results;
}

async function queryVector(
  ctx: QueryContext,
  target: SimilarTarget,
  rel: string | undefined,
  start: number,
  end: number,
): Promise<Float32Array | undefined> {
  if (target.text !== undefined) return embedText(ctx, target.text);
  if (rel === undefined) throw new Error('similar needs a path and line range, or text');
  // Prefer the stored vectors of the chunks the selection covers: no model call, and the same
  // representation as the candidates.
  const entry = ctx.store.getFile(rel);
  const covered: Float32Array[] = [];
  for (const id of entry?.chunkIds ?? []) {
    const c = ctx.store.getChunk(id);
    if (!c || c.endLine < start || c.startLine > end) continue;
    const overlap = Math.min(c.endLine, end) - Math.max(c.startLine, start) + 1;
    const v = ctx.store.getVector(id);
    if (v && overlap / (c.endLine - c.startLine + 1) >= COVER_SHARE) covered.push(v);
  }
  if (covered.length > 0) return meanNormalized(covered);
  // A small selection inside a larger chunk: embed the selected text itself.
  const text = await fs.promises.readFile(path.join(ctx.root, rel), 'utf8');
  const lines = text.split('\n').slice(start - 1, end).join('\n');
  return embedText(ctx, lines);
}

async function embedText(ctx: QueryContext, text: string): Promise<Float32Array | undefined> {
  const split = splitIdentifiers(text).replace(/\s+/g, ' ').trim();
  if (split === '') return undefined;
  return (await ctx.embedder()).embedQuery(split);
}

function meanNormalized(vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i];
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}
