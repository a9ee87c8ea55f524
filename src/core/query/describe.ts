// Adds the readable form (core/search/preview.ts) to the results a query returns: only the top k, each file read once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeChunk, queryTermSet } from '../search/preview';
import type { SearchResult } from '../types';
import type { QueryContext } from './context';

/** `query` undefined (Find Similar): the definition lines. A file that cannot be read gives a name without lines. */
export async function describeResults(ctx: QueryContext, results: SearchResult[], query: string | undefined): Promise<SearchResult[]> {
  const terms = query !== undefined ? queryTermSet(query) : undefined;
  const files = new Map<string, Promise<string[] | undefined>>();
  const linesOf = (rel: string) => {
    let lines = files.get(rel);
    if (!lines) {
      lines = fs.promises.readFile(path.join(ctx.root, rel), 'utf8').then(
        (text) => text.split(/\r?\n/),
        () => undefined,
      );
      files.set(rel, lines);
    }
    return lines;
  };
  return Promise.all(
    results.map(async (r) => {
      const all = await linesOf(r.path);
      const lines = all ? all.slice(r.startLine - 1, r.endLine) : [];
      const display = describeChunk({ ...r, part: partOf(ctx, r) }, lines, terms);
      return { ...r, display };
    }),
  );
}

/** The split-part label of the stored chunk behind a result ('' when whole or not found). */
function partOf(ctx: QueryContext, r: SearchResult): string {
  for (const id of ctx.store.getFile(r.path)?.chunkIds ?? []) {
    const c = ctx.store.getChunk(id);
    if (c && c.startLine === r.startLine && c.endLine === r.endLine) return c.part;
  }
  return '';
}
