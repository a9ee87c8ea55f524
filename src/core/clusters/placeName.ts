// Where a cluster lives: the folder (or file) its members share and the rest of the map does not, so a label
// reads `lib/adapters · http · redirect` instead of words with no sense of place.

/** Share of a cluster's members a folder must hold to name it; a file must hold more than half. */
const MIN_SHARE = 0.4;
/** How much more common among the members than on the whole map a folder must be: `src/` names nothing. */
const MIN_LIFT = 1.5;
/** Folder names keep their last two segments (`src/core/store/postgres` → `store/postgres`). */
const MAX_SEGMENTS = 2;

/**
 * The file itself when it holds more than half of the members, else the deepest folder that holds most of them
 * (or, failing that, at least 40 %) and is at least 1.5× as common among them as on the whole map (`all`). Its last
 * two segments; undefined when no folder stands out.
 */
export function dominantPlace(paths: readonly string[], all: readonly string[] = paths): string | undefined {
  if (paths.length === 0) return undefined;
  const [topFile, fileCount] = best(countBy(paths, (p) => [p]));
  if (fileCount > paths.length / 2) return trimSegments(stripExtension(topFile));
  const inCluster = countBy(paths, folders);
  const overall = countBy(all, folders);
  let chosen: { folder: string; rank: number[] } | undefined;
  for (const [folder, n] of inCluster) {
    const share = n / paths.length;
    const lift = share / ((overall.get(folder) ?? n) / all.length);
    if (share < MIN_SHARE || lift < MIN_LIFT) continue;
    // A folder holding most members beats one holding many; then the deeper (more specific) one; then the larger share.
    const rank = [share >= 0.5 ? 1 : 0, folder.split('/').length, share];
    if (!chosen || compareRanks(rank, chosen.rank) > 0 || (compareRanks(rank, chosen.rank) === 0 && folder < chosen.folder)) chosen = { folder, rank };
  }
  return chosen ? trimSegments(chosen.folder) : undefined;
}

/** `place · terms`, leaving out terms the place already says (`store` under `core/store`). */
export function placeLabel(place: string | undefined, terms: readonly string[], count = 2): string | undefined {
  if (!place) return undefined;
  const words = new Set(place.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const rest = terms.filter((t) => !words.has(t.toLowerCase())).slice(0, count);
  return [place, ...rest].join(' · ');
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Every folder a path lies under (`a`, `a/b` for `a/b/c.ts`). */
function folders(p: string): string[] {
  const parts = p.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function countBy(items: readonly string[], keys: (t: string) => string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) for (const k of keys(it)) m.set(k, (m.get(k) ?? 0) + 1);
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
