// File-level retrieval metrics for the natural-query benchmark: the engine returns chunks; a developer
// opens files. The chunk list becomes a file list (first occurrence order) and the first 10 distinct
// files are scored with binary relevance against the query's relevant files.

export interface FileMetrics {
  queries: number;
  /** DCG over the first 10 files (gain 1 per relevant file, 1/log2(rank+1)) / ideal DCG over min(|relevant|, 10) files. */
  ndcg10: number;
  /** Share of the relevant files found in the first 10 files. */
  recall10: number;
  /** 1 / rank of the first relevant file within the first 10, else 0. */
  mrr10: number;
}

export interface QueryScore {
  ndcg10: number;
  recall10: number;
  rr10: number;
}

/** Distinct paths in first-occurrence order. */
export function distinctFiles(results: readonly { path: string }[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of results) {
    if (seen.has(r.path)) continue;
    seen.add(r.path);
    out.push(r.path);
  }
  return out;
}

export function scoreFiles(files: readonly string[], relevant: readonly string[], k = 10): QueryScore {
  const rel = new Set(relevant);
  const top = files.slice(0, k);
  let dcg = 0;
  let found = 0;
  let rr = 0;
  top.forEach((f, i) => {
    if (!rel.has(f)) return;
    dcg += 1 / Math.log2(i + 2);
    found++;
    if (rr === 0) rr = 1 / (i + 1);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(rel.size, k); i++) idcg += 1 / Math.log2(i + 2);
  return { ndcg10: idcg > 0 ? dcg / idcg : 0, recall10: rel.size ? found / rel.size : 0, rr10: rr };
}

export function meanScores(scores: readonly QueryScore[]): FileMetrics {
  const n = scores.length;
  const mean = (f: (s: QueryScore) => number): number => (n === 0 ? NaN : scores.reduce((a, s) => a + f(s), 0) / n);
  return { queries: n, ndcg10: mean((s) => s.ndcg10), recall10: mean((s) => s.recall10), mrr10: mean((s) => s.rr10) };
}

/** Mean metrics per group key (keys sorted). */
export function groupScores<T>(items: readonly T[], key: (t: T) => string, score: (t: T) => QueryScore): Record<string, FileMetrics> {
  const groups = new Map<string, QueryScore[]>();
  for (const t of items) groups.set(key(t), [...(groups.get(key(t)) ?? []), score(t)]);
  const out: Record<string, FileMetrics> = {};
  for (const k of [...groups.keys()].sort()) out[k] = meanScores(groups.get(k)!);
  return out;
}
