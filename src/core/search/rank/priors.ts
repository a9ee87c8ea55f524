// The priors of the ranking stage, each a small pure function over scored candidates. Every one has an ablation
// switch and a row in BENCHMARKS.md's ablation table.
import type { ChunkKind } from '../../types';
import { type FileRole, fileRole, queryAsksFor } from './fileRole';
import type { QueryInfo } from './query';

/** How much a chunk that defines the queried name gains, in units of the best fused score. */
export const DEFINITION_BOOST = 3;
/** …extra factor when the defining file is named after the name too (`JsonObject` in JsonObject.java). */
export const DEFINITION_STEM_FACTOR = 1.5;
/** How much matching all query words in the file name and folder adds, in units of the best fused score. */
export const PATH_BOOST = 1;

/** Multipliers for what is around the code rather than the code. Down, never out. */
export const ROLE_FACTOR: Record<FileRole, number> = {
  source: 1,
  docs: 0.6,
  archive: 0.3,
  test: 0.35,
  fixture: 0.3,
  example: 0.4,
  benchmark: 0.5,
  vendored: 0.3,
  generated: 0.3,
  changelog: 0.25,
  legal: 0.25,
  stub: 0.7,
};
/** The file preamble is found lexically when asked for, but is rarely the answer. */
export const KIND_FACTOR: Partial<Record<ChunkKind, number>> = { imports: 0.5 };

/** Lower-case parts of a file's stem and its folder's name (`lib/adapters/xhr.js` → xhr, adapters). */
export function pathParts(path: string): { stem: string; parts: string[] } {
  const segs = path.split('/');
  const file = segs[segs.length - 1];
  const stem = file.replace(/\.[^.]*$/, '').replace(/\.(d|test|spec|min)$/, '');
  const dir = segs.length > 1 ? segs[segs.length - 2] : '';
  const split = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());
  return { stem: stem.toLowerCase(), parts: [...new Set([...split(stem), ...split(dir)])] };
}

/** A file stem matches a name: exactly, without separators, or as a plural (`errors.go` ~ `Error`). */
export function stemMatches(stem: string, name: string): boolean {
  const s = stem.replace(/[-_.]/g, '');
  const n = name.toLowerCase().replace(/[-_.]/g, '');
  return s === n || s === `${n}s` || `${s}s` === n || s === `${n}es`;
}

/** Share of the query's words found in the file stem or folder (a prefix of ≥ 4 letters counts: `merge` ~ `mergeConfig`). */
export function pathMatchRatio(q: QueryInfo, path: string): number {
  if (q.words.length === 0) return 0;
  const { parts } = pathParts(path);
  let hits = 0;
  for (const w of q.words) {
    if (parts.some((p) => p === w || (Math.min(p.length, w.length) >= 4 && (p.startsWith(w) || w.startsWith(p))))) hits++;
  }
  return hits / q.words.length;
}

/**
 * The demotion factor of a chunk: its file's role (unless the query asks for that role) times its kind's.
 * `docs`: whether prose documentation is ranked below code too.
 */
export function demotion(q: QueryInfo, path: string, kind: ChunkKind, generated: boolean, docs = true): number {
  const role = fileRole(path, generated);
  const kept = role === 'source' || (role === 'docs' && !docs) || queryAsksFor(role, q.text);
  const byRole = kept ? 1 : ROLE_FACTOR[role];
  return byRole * (KIND_FACTOR[kind] ?? 1);
}
