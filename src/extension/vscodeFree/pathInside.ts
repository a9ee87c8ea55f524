// Is a path inside one of the workspace folders? Used to reject anything the webview
// (untrusted content) asks us to open or analyse outside the workspace.
import * as path from 'node:path';

/** The folder of `roots` that contains `file` (absolute, normalised), or undefined. */
export function containingRoot(file: string, roots: readonly string[], p: typeof path = path): string | undefined {
  if (!p.isAbsolute(file) || file.includes('\0')) return undefined;
  const target = p.resolve(file);
  let best: string | undefined;
  for (const root of roots) {
    const rel = p.relative(p.resolve(root), target);
    const inside = rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
    // The longest root wins in nested multi-root workspaces.
    if (inside && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}

export function isInsideWorkspace(file: string, roots: readonly string[], p: typeof path = path): boolean {
  return containingRoot(file, roots, p) !== undefined;
}
