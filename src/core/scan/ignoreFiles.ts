// Nested .gitignore / .ignore handling on top of the `ignore` package.
// Each directory that has ignore files gets one "level"; a path is decided by the
// deepest level that has an opinion about it, which is how git and ripgrep layer them.
import * as fs from 'node:fs';
import ignore, { type Ignore } from 'ignore';

/** Ignore files read in every directory; later ones win over earlier ones (ripgrep: .ignore beats .gitignore). */
export const IGNORE_FILE_NAMES: readonly string[] = ['.gitignore', '.ignore'];

export interface IgnoreLevel {
  /** Directory the rules belong to, relative to the root ('' for the root). */
  dir: string;
  ig: Ignore;
}

// git matches case-sensitively on Linux; macOS and Windows file systems are case-insensitive.
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/** Builds a level from the contents of the ignore files of one directory, or null when they hold no rules. */
export function makeIgnoreLevel(dir: string, contents: readonly string[]): IgnoreLevel | null {
  const text = contents.filter((c) => c.trim() !== '').join('\n');
  if (text === '') return null;
  return { dir, ig: ignore({ ignorecase: IGNORE_CASE }).add(text) };
}

/** Reads the ignore files of one directory (async, for the walker). Missing files count as empty. */
export async function readIgnoreLevel(absDir: string, relDir: string, present: readonly string[]): Promise<IgnoreLevel | null> {
  const contents = await Promise.all(
    present.map((name) => fs.promises.readFile(`${absDir}/${name}`, 'utf8').catch(() => '')),
  );
  return makeIgnoreLevel(relDir, contents);
}

/** Reads the ignore files of one directory (sync, for the single-path filter). */
export function readIgnoreLevelSync(absDir: string, relDir: string): IgnoreLevel | null {
  const contents = IGNORE_FILE_NAMES.map((name) => {
    try {
      return fs.readFileSync(`${absDir}/${name}`, 'utf8');
    } catch {
      return '';
    }
  });
  return makeIgnoreLevel(relDir, contents);
}

/**
 * Whether `rel` (relative to the root) is ignored by the given levels, ordered root first.
 * The caller has already established that no ancestor directory of `rel` is ignored.
 */
export function isIgnoredByLevels(levels: readonly IgnoreLevel[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    const sub = level.dir === '' ? rel : rel.slice(level.dir.length + 1);
    const res = level.ig.test(isDir ? `${sub}/` : sub);
    if (res.unignored) return false;
    if (res.ignored) {
      // `ignore` also reports a path as ignored when this level's rules exclude one of
      // its parent directories. The walker only got here because a deeper level
      // re-included that directory, so this level has nothing to say about `rel` itself.
      const slash = sub.lastIndexOf('/');
      if (slash > 0 && level.ig.test(sub.slice(0, slash + 1)).ignored) continue;
      return true;
    }
  }
  return false;
}

/** Repository-local excludes that git reads besides .gitignore files; they rank below the root .gitignore. */
export const GIT_INFO_EXCLUDE = '.git/info/exclude';

/** The root's `.git/info/exclude` as a level of its own (to be placed before the root's level), or null. */
export async function readGitInfoExclude(absRoot: string): Promise<IgnoreLevel | null> {
  const text = await fs.promises.readFile(`${absRoot}/${GIT_INFO_EXCLUDE}`, 'utf8').catch(() => '');
  return makeIgnoreLevel('', [text]);
}

export function readGitInfoExcludeSync(absRoot: string): IgnoreLevel | null {
  try {
    return makeIgnoreLevel('', [fs.readFileSync(`${absRoot}/${GIT_INFO_EXCLUDE}`, 'utf8')]);
  } catch {
    return null;
  }
}
