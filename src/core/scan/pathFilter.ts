// Decides one path at a time with the scanner's rules, for watcher events and update(paths).
// Only name-based rules apply here (no size, symlink or content checks): those need the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScanOptions, SkipReason } from '../types';
import { GIT_INFO_EXCLUDE, readGitInfoExcludeSync, readIgnoreLevelSync, type IgnoreLevel } from './ignoreFiles';
import { createPathRules } from './rules';

export interface PathFilter {
  /**
   * Why `relPath` (relative to the root, either slash) would be skipped, or null when the
   * scanner would consider it. Pass `isDir` when known; otherwise the file system is asked.
   */
  check(relPath: string, isDir?: boolean): SkipReason | null;
  /** Forget cached ignore files: all of them, or those of one directory (relative). */
  invalidate(relDir?: string): void;
}

function normalize(relPath: string): string {
  return relPath
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

export function createPathFilter(opts: ScanOptions): PathFilter {
  const root = path.resolve(opts.root);
  const rules = createPathRules({ ...opts, root });
  // Directory (relative) -> its ignore level, null when it has no ignore files.
  const levels = new Map<string, IgnoreLevel | null>();

  const levelOf = (dir: string): IgnoreLevel | null => {
    let level = levels.get(dir);
    if (level === undefined) {
      level = readIgnoreLevelSync(path.join(root, dir), dir);
      levels.set(dir, level);
    }
    return level;
  };

  // Cached under a key no directory can have ('.git' is never walked into).
  const infoExcludeLevel = (): IgnoreLevel | null => {
    let level = levels.get(GIT_INFO_EXCLUDE);
    if (level === undefined) {
      level = readGitInfoExcludeSync(root);
      levels.set(GIT_INFO_EXCLUDE, level);
    }
    return level;
  };

  const isDirOnDisk = (rel: string): boolean => {
    try {
      return fs.statSync(path.join(root, rel)).isDirectory();
    } catch {
      return false;
    }
  };

  return {
    check(relPath, isDir) {
      const rel = normalize(relPath);
      if (rel === '' || rel.startsWith('../') || rel === '..') return null;
      const parts = rel.split('/');
      // Walk down like the scanner: each ancestor directory must survive before its children count.
      const stack: IgnoreLevel[] = [];
      const infoExclude = infoExcludeLevel();
      if (infoExclude) stack.push(infoExclude);
      let dir = '';
      for (let i = 0; i < parts.length - 1; i++) {
        const own = levelOf(dir);
        if (own) stack.push(own);
        dir = dir === '' ? parts[i] : `${dir}/${parts[i]}`;
        const reason = rules.dirReason(dir, stack);
        if (reason) return reason;
      }
      const own = levelOf(dir);
      if (own) stack.push(own);
      const asDir = isDir ?? isDirOnDisk(rel);
      return asDir ? rules.dirReason(rel, stack) : rules.fileReason(rel, stack);
    },
    invalidate(relDir) {
      if (relDir === undefined) levels.clear();
      else levels.delete(normalize(relDir));
    },
  };
}
