// Query → answer pairs from the workspace's own chunks: a documented definition's first doc sentence finds the
// definition; a Markdown heading finds its section. Boilerplate, short and duplicated descriptions are dropped.
import type { Chunk } from '../types';
import { findDocs } from './docComment';
import { shuffled } from './random';
import { normalizedDescription, queryFromDoc } from './sentences';
import type { EvalPair, PairSet } from './types';

/** Chunk kinds that are definitions with a doc of their own. */
const DEFINITION_KINDS = new Set(['function', 'method', 'class', 'interface', 'type', 'enum', 'module']);

/** A file's chunks as the chunker made them, with their ids in the index (undefined: not in the index). */
export interface ChunkedFile {
  path: string;
  chunks: Chunk[];
  ids: (number | undefined)[];
}

/** Every usable pair of one file, before dedupe. */
export function pairsOfFile(file: ChunkedFile): EvalPair[] {
  const out: EvalPair[] = [];
  file.chunks.forEach((c, i) => {
    const id = file.ids[i];
    if (id === undefined) return;
    // Only a whole definition or the first part of a split one holds the definition's own line and doc.
    if (c.part !== '' && !c.part.startsWith('1/')) return;
    for (const found of mineChunk(c)) {
      out.push({
      id: `${c.path}:${found.line}`,
      set: found.set,
      language: c.language,
      query: found.query,
      chunkId: id,
      path: c.path,
      startLine: c.startLine,
      endLine: c.endLine,
      symbol: c.symbol,
      defLine: found.line,
      maskLines: found.mask,
      });
    }
  });
  return out;
}

interface Mined {
  set: PairSet;
  query: string;
  mask: [number, number];
  line: number;
}

/** The pairs one chunk answers: its documented definitions, or its Markdown headings. */
function mineChunk(c: Chunk): Mined[] {
  if (c.kind === 'section' && c.language === 'markdown') return headings(c);
  if (!DEFINITION_KINDS.has(c.kind)) return [];
  const out: Mined[] = [];
  for (const doc of findDocs(c.language, c.text, c.startLine)) {
    const query = queryFromDoc(doc.text);
    if (query) out.push({ set: 'code', query, mask: doc.lines, line: doc.defLine });
  }
  return out;
}

/** Headings of a section chunk (small sections are merged into one chunk), outside code fences. */
function headings(c: Chunk): Mined[] {
  const out: Mined[] = [];
  let fence = false;
  c.text.split('\n').forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const m = fence ? null : /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
    const query = m ? queryFromDoc(m[1]) : '';
    if (query) out.push({ set: 'docs', query, mask: [c.startLine + i, c.startLine + i], line: c.startLine + i });
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
