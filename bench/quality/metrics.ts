// Retrieval metrics with one relevant target per query. A hit is a result in the target's file
// whose line range overlaps the target's; only the first hit counts (later overlapping pieces of
// the same target are neither rewarded nor penalised).
import type { Target } from './dataset';

export interface Ranged {
  path: string;
  startLine: number;
  endLine: number;
}

export interface Metrics {
  queries: number;
  ndcg10: number;
  mrr10: number;
  recall1: number;
  recall5: number;
  recall10: number;
}

export function isHit(r: Ranged, t: Ranged): boolean {
  return r.path === t.path && r.startLine <= t.endLine && r.endLine >= t.startLine;
}

/** 1-based rank of the first hit within the top k, or 0 when there is none. */
export function firstHitRank(results: Ranged[], t: Ranged, k = 10): number {
  const n = Math.min(k, results.length);
  for (let i = 0; i < n; i++) if (isHit(results[i], t)) return i + 1;
  return 0;
}

/** Mean metrics over queries, from each query's first-hit rank (0 = miss). */
export function metricsFromRanks(ranks: number[]): Metrics {
  const n = ranks.length;
  const mean = (f: (r: number) => number): number => (n === 0 ? 0 : ranks.reduce((s, r) => s + f(r), 0) / n);
  return {
    queries: n,
    // Single relevant item: ideal DCG = 1, DCG = 1 / log2(rank + 1).
    ndcg10: mean((r) => (r > 0 && r <= 10 ? 1 / Math.log2(r + 1) : 0)),
    mrr10: mean((r) => (r > 0 && r <= 10 ? 1 / r : 0)),
    recall1: mean((r) => (r === 1 ? 1 : 0)),
    recall5: mean((r) => (r > 0 && r <= 5 ? 1 : 0)),
    recall10: mean((r) => (r > 0 && r <= 10 ? 1 : 0)),
  };
}

/** Metrics overall and per package. */
export function scoreRun(
  targets: Target[],
  resultsById: Map<string, Ranged[]>,
): { overall: Metrics; perPackage: Record<string, Metrics> } {
  const ranks = new Map<string, number[]>();
  const all: number[] = [];
  for (const t of targets) {
    const r = firstHitRank(resultsById.get(t.id) ?? [], t);
    all.push(r);
    ranks.set(t.pkg, [...(ranks.get(t.pkg) ?? []), r]);
  }
  const perPackage: Record<string, Metrics> = {};
  for (const [pkg, rs] of [...ranks].sort((a, b) => a[0].localeCompare(b[0]))) perPackage[pkg] = metricsFromRanks(rs);
  return { overall: metricsFromRanks(all), perPackage };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
