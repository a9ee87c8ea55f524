import picomatch = require('picomatch');
import type { SearchOptions } from '../types';
import { contentType } from './contentType';

export type ResultFilter = (c: { path: string; language: string; startLine?: number }) => boolean;

/** Normalizes a relative path for matching: forward slashes, no leading `./` or `/`. */
export function normalizeRelPath(p: string): string {
  let s = p.replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s.replace(/^\/+/, '');
}

/**
 * Expands one user glob into the picomatch patterns that give the expected meaning:
 * - a pattern without a slash matches at any depth, as a file name or a folder name
 *   (`*.ts` → `**\/*.ts`; `test` → `**\/test` and everything under any `test/` folder);
 * - a pattern with a slash is relative to the root (`src/**`, `src/core/*.ts`); a leading `/`
 *   or `./` only anchors it;
 * - a pattern naming a folder (`src`, `src/`, `src/core`) also matches everything below it.
 */
export function expandGlob(glob: string): string[] {
  let g = glob.trim().replace(/\\/g, '/');
  if (!g) return [];
  let anchored = false;
  while (g.startsWith('./')) {
    g = g.slice(2);
    anchored = true;
  }
  if (g.startsWith('/')) {
    g = g.replace(/^\/+/, '');
    anchored = true;
  }
  g = g.replace(/\/+$/, '');
  if (!g) return ['**'];
  if (!anchored && !g.includes('/')) g = `**/${g}`;
  return g.endsWith('**') ? [g] : [g, `${g}/**`];
}

const PICOMATCH_OPTIONS = { dot: true, windows: false } as const;

function compile(globs: string[] | undefined): ((p: string) => boolean) | undefined {
  const patterns = (globs ?? []).flatMap(expandGlob);
  if (patterns.length === 0) return undefined;
  return picomatch(patterns, PICOMATCH_OPTIONS);
}

function chunkKey(path: string, startLine: number): string {
  return `${startLine}:${normalizeRelPath(path)}`;
}

/**
 * Builds the predicate that search results must pass, or `undefined` when no option restricts
 * anything (so callers can skip filtering). A result passes when its path matches at least one
 * `include` glob (if any are given), matches no `exclude` glob, and its language is one of
 * `languages` (if given; compared case-insensitively), its content type is one of `contentTypes` (if given), and it
 * is one of the `within` chunks (path and start line; if given). Paths are relative, with forward slashes.
 */
export function createResultFilter(
  opts: Pick<SearchOptions, 'include' | 'exclude' | 'languages' | 'contentTypes' | 'within'>,
): ResultFilter | undefined {
  const include = compile(opts.include);
  const exclude = compile(opts.exclude);
  const langs = (opts.languages ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean);
  const languages = langs.length ? new Set(langs) : undefined;
  const within = opts.within ? new Set(opts.within.map((w) => chunkKey(w.path, w.startLine))) : undefined;
  // All three types asked for is no restriction.
  const types = new Set(opts.contentTypes ?? []);
  const contentTypes = types.size > 0 && types.size < 3 ? types : undefined;
  if (!include && !exclude && !languages && !contentTypes && !within) return undefined;
  // The filter runs on every candidate the vector index visits: a file's type is worked out once.
  const typeOf = new Map<string, string>();
  return (c) => {
    if (languages && !languages.has(c.language.toLowerCase())) return false;
    const p = normalizeRelPath(c.path);
    if (within && (c.startLine === undefined || !within.has(chunkKey(p, c.startLine)))) return false;
    if (contentTypes) {
      let t = typeOf.get(p);
      if (t === undefined) typeOf.set(p, (t = contentType(p, c.language)));
      if (!contentTypes.has(t as never)) return false;
    }
    if (include && !include(p)) return false;
    if (exclude && exclude(p)) return false;
    return true;
  };
}
