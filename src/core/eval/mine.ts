// Query → answer pairs from the workspace's own chunks: a documented definition's first doc sentence finds the
// definition; a Markdown heading finds its section. Boilerplate, short and duplicated descriptions are dropped.
import type { Chunk } from '../types';
import { findDocs } from './docComment';
import { shuffled } from './random';
import { normalizedDescription, queryFromDoc } from './sentences';
import type { EvalPair, PairSet } from './types';

/** Chunk kinds that hold code a doc can describe (not imports, prose or text windows). */
const CODE_KINDS = new Set(['function', 'method', 'class', 'interface', 'type', 'enum', 'module', 'block']);
const DEFINITION_KINDS = new Set(['function', 'method', 'class', 'interface', 'type', 'enum', 'module']);

/** A file's text and chunks as the chunker made them, with their ids in the index (undefined: not in the index). */
export interface ChunkedFile {
  path: string;
  text: string;
  chunks: Chunk[];
  ids: (number | undefined)[];
}

/**
 * Every usable pair of one file, before dedupe. Docs are read from the file's lines (a large definition is split
 * into parts, and a doc can end one part while its definition opens the next); the answer is the chunk the
 * chunker made around the definition's line.
 */
export function pairsOfFile(file: ChunkedFile): EvalPair[] {
  const out: EvalPair[] = [];
  const add = (i: number, set: PairSet, query: string, mask: [number, number], line: number) => {
    const c = file.chunks[i];
    const id = file.ids[i];
    if (id === undefined) return;
    out.push({ id: `${c.path}:${line}`, set, language: c.language, query, chunkId: id, path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, defLine: line, maskLines: mask });
  };
  file.chunks.forEach((c, i) => {
    if (c.kind === 'section' && c.language === 'markdown') for (const h of headings(c)) add(i, 'docs', h.query, [h.line, h.line], h.line);
  });
  const language = file.chunks.find((c) => CODE_KINDS.has(c.kind))?.language;
  if (!language) return out;
  for (const doc of findDocs(language, file.text, 1)) {
    const query = queryFromDoc(doc.text);
    if (!query) continue;
    const holding = file.chunks.map((c, i) => ({ c, i })).filter(({ c }) => c.startLine <= doc.defLine && c.endLine >= doc.defLine && CODE_KINDS.has(c.kind));
    const best = holding.find(({ c }) => DEFINITION_KINDS.has(c.kind)) ?? holding[0];
    if (best) add(best.i, 'code', query, doc.lines, doc.defLine);
  }
  return out;
}

/** Headings of a section chunk (small sections are merged into one chunk), outside code fences. */
function headings(c: Chunk): { query: string; line: number }[] {
  const out: { query: string; line: number }[] = [];
  let fence = false;
  c.text.split('\n').forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const m = fence ? null : /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
    const query = m ? queryFromDoc(m[1]) : '';
    if (query) out.push({ query, line: c.startLine + i });
  });
  return out;
}

/**
 * Drops every pair whose description occurs more than once (its answer is ambiguous), then takes a seeded sample
 * of at most `max` pairs. The order of the input does not matter: pairs are sorted by id first.
 */
export function selectPairs(pairs: EvalPair[], max: number, seed: number): EvalPair[] {
  const count = new Map<string, number>();
  for (const p of pairs) {
    const key = normalizedDescription(p.query);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const unique = pairs.filter((p) => count.get(normalizedDescription(p.query)) === 1).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return unique.length <= max ? shuffled(unique, seed) : shuffled(unique, seed).slice(0, max);
}
