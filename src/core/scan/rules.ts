// The path-only rules shared by the walker and the single-path filter, so both give
// the same answer: built-in excludes, ignore files, user globs, secrets, binary extensions.
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ScanOptions, SkipReason } from '../types';
import { BUILTIN_EXCLUDED_DIRS, BUILTIN_EXCLUDED_FILES, hasBinaryExtension } from './builtins';
import { isIgnoredByLevels, type IgnoreLevel } from './ignoreFiles';
import { allowedSecrets, isSecretDir, isSecretFileName } from './secrets';

export interface PathRules {
  /** Why a directory (and so its whole subtree) is skipped, or null to descend. */
  dirReason(rel: string, levels: readonly IgnoreLevel[]): SkipReason | null;
  /** Why a file is skipped, or null when it is a candidate for indexing. */
  fileReason(rel: string, levels: readonly IgnoreLevel[]): SkipReason | null;
}

type Matcher = (rel: string) => boolean;

function compileGlobs(globs: readonly string[] | undefined): Matcher | null {
  const list = (globs ?? []).map((g) => g.trim().replace(/^\.\//, '')).filter((g) => g !== '');
  if (list.length === 0) return null;
  // A glob without a slash (`*.test.ts`) matches the name at any depth, like in .gitignore.
  // Done by hand: picomatch's `basename` option also changes how globs with slashes match.
  const named = list.filter((g) => !g.includes('/'));
  const pathed = list.filter((g) => g.includes('/'));
  // `dot`: hidden files are matched like any other.
  const byName = named.length > 0 ? picomatch(named, { dot: true }) : null;
  const byPath = pathed.length > 0 ? picomatch(pathed, { dot: true }) : null;
  return (rel) => (byName !== null && byName(baseName(rel))) || (byPath !== null && byPath(rel));
}

function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** The index folder relative to the root, when it lies strictly inside the root. */
export function indexDirInsideRoot(root: string, indexDir: string | undefined): string | null {
  if (!indexDir) return null;
  const rel = path.relative(root, path.resolve(root, indexDir));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

export function createPathRules(opts: ScanOptions): PathRules {
  const include = compileGlobs(opts.include);
  const exclude = compileGlobs(opts.exclude);
  const indexRel = indexDirInsideRoot(opts.root, opts.indexDir);
  const allowed = allowedSecrets(opts.allowSecrets);
  const secret = (rel: string, isDir: boolean) =>
    (isDir ? isSecretDir(baseName(rel)) : isSecretFileName(baseName(rel))) && !(allowed && allowed(rel));

  return {
    dirReason(rel, levels) {
      if (BUILTIN_EXCLUDED_DIRS.has(baseName(rel)) || rel === indexRel) return 'builtin-exclude';
      if (isIgnoredByLevels(levels, rel, true)) return 'ignored';
      // `src/gen/**` also matches `src/gen` itself, so the whole subtree is pruned at once.
      if (exclude && exclude(rel)) return 'ignored';
      if (secret(rel, true)) return 'secret';
      return null;
    },
    fileReason(rel, levels) {
      const name = baseName(rel);
      if (BUILTIN_EXCLUDED_FILES.has(name) || rel === indexRel) return 'builtin-exclude';
      if (isIgnoredByLevels(levels, rel, false)) return 'ignored';
      if (exclude && exclude(rel)) return 'ignored';
      if (include && !include(rel)) return 'ignored';
      if (secret(rel, false)) return 'secret';
      if (hasBinaryExtension(name)) return 'binary';
      return null;
    },
  };
}
