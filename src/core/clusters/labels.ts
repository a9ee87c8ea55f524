import { contentWords } from '../search/terms';

export interface ClusterLabel {
  /** The most distinctive terms, best first. */
  terms: string[];
  /** The top terms joined by ' · ' (or `cluster N` when a cluster has no usable words). */
  label: string;
}

/**
 * Class-based TF-IDF (c-TF-IDF, as in BERTopic): all texts of a cluster form one document; a
 * term's weight in cluster c is
 *
 *     (tf(t, c) / words(c)) · log(1 + A / f(t))
 *
 * with tf = the term's count in the cluster, A = the average number of words per cluster and
 * f(t) = the term's count over all clusters. Words are identifier-split, lower-cased, at least 3
 * characters, neither stop words nor language keywords ({@link contentWords}). Ties go to the
 * alphabetically first term, so labels are deterministic.
 */
export function clusterLabels(
  texts: readonly string[],
  assignments: ArrayLike<number>,
  k: number,
  topTerms = 3,
  maxTerms = 10,
): ClusterLabel[] {
  const tf: Map<string, number>[] = Array.from({ length: k }, () => new Map());
  const words = new Float64Array(k);
  const total = new Map<string, number>();
  for (let i = 0; i < assignments.length; i++) {
    const c = assignments[i];
    if (c < 0 || c >= k) continue;
    for (const w of contentWords(texts[i] ?? '')) {
      tf[c].set(w, (tf[c].get(w) ?? 0) + 1);
      total.set(w, (total.get(w) ?? 0) + 1);
      words[c]++;
    }
  }
  let allWords = 0;
  for (let c = 0; c < k; c++) allWords += words[c];
  const avg = k > 0 ? allWords / k : 0;
  return tf.map((counts, c) => {
    const scored: [string, number][] = [];
    for (const [t, n] of counts) scored.push([t, (n / words[c]) * Math.log(1 + avg / total.get(t)!)]);
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const terms = scored.slice(0, maxTerms).map(([t]) => t);
    const top = terms.slice(0, topTerms);
    return { terms, label: top.length ? top.join(' · ') : `cluster ${c + 1}` };
  });
}
