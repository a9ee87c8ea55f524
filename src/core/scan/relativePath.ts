// One spelling of a path inside a workspace folder: relative, forward slashes.
import * as path from 'node:path';

/** Relative path with forward slashes ('' for the root itself), or undefined when `p` lies outside the root. */
export function toRelative(root: string, p: string): string | undefined {
  const abs = path.isAbsolute(p) ? p : path.join(root, p);
  const rel = path.relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
