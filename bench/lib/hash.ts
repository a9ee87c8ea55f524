import { createHash } from 'node:crypto';

/** Stable pseudo-random order key (for deterministic sampling). */
export function stableKey(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

/** The first `n` items in a stable pseudo-random order (input order kept among the chosen). */
export function sampleStable<T>(items: T[], n: number, key: (t: T) => string): T[] {
  if (items.length <= n) return items;
  const chosen = new Set(
    items
      .map((t, i) => ({ i, k: stableKey(key(t)) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .slice(0, n)
      .map((x) => x.i),
  );
  return items.filter((_, i) => chosen.has(i));
}
