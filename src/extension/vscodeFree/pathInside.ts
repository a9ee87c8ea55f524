// Is a path inside one of the workspace folders? Used to reject anything the webview
// (untrusted content) asks us to open or analyse outside the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `rel` (from path.relative) stays inside: not `..` nor `../x`, though a name may start with dots (`..foo.ts`). */
function staysInside(rel: string, p: typeof path): boolean {
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !rel.startsWith('../') && !p.isAbsolute(rel));
}

/** The folder of `roots` that contains `file` by its text (absolute, normalised), or undefined. */
export function containingRoot(file: string, roots: readonly string[], p: typeof path = path): string | undefined {
  if (!p.isAbsolute(file) || file.includes('\0')) return undefined;
  const target = p.resolve(file);
  let best: string | undefined;
  for (const root of roots) {
    // The longest root wins in nested multi-root workspaces.
    if (staysInside(p.relative(p.resolve(root), target), p) && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}

/**
 * Inside by its text *and* by where it really is: a symlink inside the workspace that points outside is
 * outside. A path that does not exist yet is judged by its text (there is nothing to follow).
 */
export function isInsideWorkspace(file: string, roots: readonly string[], p: typeof path = path): boolean {
  if (containingRoot(file, roots, p) === undefined) return false;
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch {
    return true;
  }
  const realRoots = roots.map((r) => {
    try {
      return fs.realpathSync.native(r);
    } catch {
      return r;
    }
  });
  return containingRoot(real, realRoots, p) !== undefined;
}
