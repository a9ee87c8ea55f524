// Where a cluster lives: the folder (or file) most of its members share, so a label reads
// `lib/adapters · http · redirect` instead of words with no sense of place.

/** Share of members a folder or file must hold to name the cluster. */
const DOMINANT_SHARE = 0.5;
/** Folder names keep their last two segments (`src/core/store/postgres` → `store/postgres`). */
const MAX_SEGMENTS = 2;

/**
 * The file itself when it holds more than half of the paths, else the deepest folder holding at least half; its last two
 * segments. Undefined when nothing dominates (a cluster spread over the whole tree) or all sit at the root.
 */
export function dominantPlace(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const need = paths.length * DOMINANT_SHARE;
  const files = countBy(paths, (p) => p);
  const [topFile, fileCount] = best(files);
  if (fileCount > need) return trimSegments(stripExtension(topFile));
  // Prefix counts: every folder a path lies under counts the path once.
  const folders = new Map<string, number>();
  for (const p of paths) {
    const parts = p.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const f = parts.slice(0, i).join('/');
      folders.set(f, (folders.get(f) ?? 0) + 1);
    }
  }
  let chosen: string | undefined;
  for (const [f, n] of folders) {
    if (n < need) continue;
    const depth = f.split('/').length;
    if (!chosen || depth > chosen.split('/').length || (depth === chosen.split('/').length && f < chosen)) chosen = f;
  }
  return chosen === undefined ? undefined : trimSegments(chosen);
}

/** `place · terms`, leaving out terms the place already says (`store` under `core/store`). */
export function placeLabel(place: string | undefined, terms: readonly string[], count = 2): string | undefined {
  if (!place) return undefined;
  const words = new Set(place.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const rest = terms.filter((t) => !words.has(t.toLowerCase())).slice(0, count);
  return [place, ...rest].join(' · ');
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

function best(m: Map<string, number>): [string, number] {
  let top: [string, number] = ['', 0];
  for (const [k, n] of m) if (n > top[1] || (n === top[1] && k < top[0])) top = [k, n];
  return top;
}

function stripExtension(p: string): string {
  return p.replace(/(?<=[^/])\.[A-Za-z0-9]+$/, '');
}

function trimSegments(p: string): string {
  return p.split('/').slice(-MAX_SEGMENTS).join('/');
}
