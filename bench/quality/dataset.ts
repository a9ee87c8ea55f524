// Shared shapes of a retrieval dataset: a corpus folder, queries with one target range each,
// and the "oracle chunks" (whole functions / sections) the anchors retrieve over.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Target {
  id: string;
  pkg: string;
  query: string;
  /** Corpus-relative path, forward slashes. */
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
}

export interface OracleChunk {
  path: string;
  startLine: number;
  endLine: number;
  text: string;
}

export interface Dataset {
  name: 'code' | 'docs';
  /** Absolute folder that is indexed. */
  dir: string;
  /** JSONL file of {id, query} for the CLI's batch mode. */
  queriesFile: string;
  targets: Target[];
  oracle: OracleChunk[];
  packages: Record<string, string>;
  files: number;
}

/** Replace every character but line breaks in [start, end) with nothing: the lines stay, emptied. */
export function blankRange(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, '') + text.slice(end);
}

/** Blank several ranges (may be given in any order; must not overlap). */
export function blankRanges(text: string, ranges: { start: number; end: number }[]): string {
  let out = text;
  for (const r of [...ranges].sort((a, b) => b.start - a.start)) out = blankRange(out, r.start, r.end);
  return out;
}

/** Lines startLine..endLine (1-based, inclusive) of a text. */
export function sliceLines(text: string, startLine: number, endLine: number): string {
  return text.split('\n').slice(startLine - 1, endLine).join('\n');
}

export function writeCorpusFile(dir: string, rel: string, text: string): void {
  const abs = path.join(dir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

export function writeQueries(file: string, targets: Target[]): void {
  fs.writeFileSync(file, targets.map((t) => JSON.stringify({ id: t.id, query: t.query })).join('\n') + '\n');
}

/** Keep only queries whose text is unique in the dataset (a repeated text has no single answer). */
export function uniqueQueries(targets: Target[]): Target[] {
  const count = new Map<string, number>();
  for (const t of targets) count.set(t.query.toLowerCase(), (count.get(t.query.toLowerCase()) ?? 0) + 1);
  return targets.filter((t) => count.get(t.query.toLowerCase()) === 1);
}
