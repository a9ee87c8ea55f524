/**
 * Collapses results whose line ranges overlap in the same file to the first (best-scored) one.
 *
 * The input is expected in rank order (score descending): an item is kept unless it overlaps an
 * item already kept from the same file. Ranges are 1-based and inclusive, so `1-10` and `10-20`
 * overlap while `1-10` and `11-20` (adjacent) do not. The kept items stay in input order.
 */
export function collapseOverlaps<T extends { path: string; startLine: number; endLine: number; score: number }>(
  ranked: T[],
): T[] {
  const keptByPath = new Map<string, { start: number; end: number }[]>();
  const out: T[] = [];
  for (const item of ranked) {
    const start = Math.min(item.startLine, item.endLine);
    const end = Math.max(item.startLine, item.endLine);
    let kept = keptByPath.get(item.path);
    if (kept && kept.some((r) => start <= r.end && r.start <= end)) continue;
    if (!kept) keptByPath.set(item.path, (kept = []));
    kept.push({ start, end });
    out.push(item);
  }
  return out;
}
