// Retrieval metrics with one relevant answer per query: NDCG@10, MRR@10, Recall@1/5/10.
import type { Metrics } from './types';

/** 1-based rank of the answer, or Infinity when it is not in the list. */
export function rankOf(list: readonly number[], answer: number): number {
  const i = list.indexOf(answer);
  return i < 0 ? Infinity : i + 1;
}

/** Mean metrics over the ranks of the answers (Infinity: not found). */
export function metricsOf(ranks: readonly number[]): Metrics {
  const n = ranks.length;
  const sum = { ndcg10: 0, mrr10: 0, recall1: 0, recall5: 0, recall10: 0 };
  for (const r of ranks) {
    if (r <= 10) {
      sum.ndcg10 += 1 / Math.log2(r + 1); // one relevant item: the ideal DCG is 1
      sum.mrr10 += 1 / r;
      sum.recall10 += 1;
    }
    if (r <= 5) sum.recall5 += 1;
    if (r <= 1) sum.recall1 += 1;
  }
  const mean = (x: number) => (n === 0 ? 0 : Math.round((x / n) * 10000) / 10000);
  return { ndcg10: mean(sum.ndcg10), mrr10: mean(sum.mrr10), recall1: mean(sum.recall1), recall5: mean(sum.recall5), recall10: mean(sum.recall10), pairs: n };
}
