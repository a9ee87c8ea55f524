// The lexical top k with and without MaxScore pruning on one decoded index: per query time of `search` alone
// (the latency queries, k = 50 as the query path asks), run alternately, and a check that both return the same
// chunks with the same scores. `npm run bench:perf -- --only lexical --index <dir>` (printed, not in BENCHMARKS.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeLexical } from '../../src/core/store/lexical/codec';
import { readCurrentRecord } from '../../src/core/store';
import { median, percentile } from '../quality/metrics';

export interface LexicalTopkResult {
  chunks: number;
  queries: number;
  reps: number;
  exhaustive: { p50: number; p95: number; max: number };
  pruned: { p50: number; p95: number; max: number };
  /** Postings scored in full per query, summed over the queries, and candidate lookups after the switch. */
  postings: { exhaustive: number; pruned: number; lookups: number };
  /** Queries whose pruned result differs from the exhaustive one (chunk or score beyond 1e-9): must be 0. */
  differing: number;
}

export function lexicalTopk(indexDir: string, queries: string[], reps: number, k = 50): LexicalTopkResult {
  const rec = readCurrentRecord(indexDir);
  if (!rec) throw new Error(`bench: no index in ${indexDir}`);
  const lx = decodeLexical(fs.readFileSync(path.join(indexDir, rec.files.lexical.name)));
  const times = { exhaustive: [] as number[], pruned: [] as number[] };
  const postings = { exhaustive: 0, pruned: 0, lookups: 0 };
  let differing = 0;
  // One warm-up pass each, then alternate.
  for (const prune of [false, true]) {
    lx.pruning = prune;
    for (const q of queries) lx.search(q, k);
  }
  for (let r = 0; r < reps; r++) {
    for (const q of queries) {
      lx.pruning = false;
      lx.stats = { scanned: 0, probed: 0 };
      let t0 = performance.now();
      const all = lx.search(q, k);
      times.exhaustive.push(performance.now() - t0);
      if (r === 0) postings.exhaustive += lx.stats.scanned;
      lx.pruning = true;
      lx.stats = { scanned: 0, probed: 0 };
      t0 = performance.now();
      const pruned = lx.search(q, k);
      times.pruned.push(performance.now() - t0);
      if (r === 0) {
        postings.pruned += lx.stats.scanned;
        postings.lookups += lx.stats.probed;
        const same = pruned.length === all.length && pruned.every((s, i) => s.id === all[i].id && Math.abs(s.score - all[i].score) <= 1e-9 * Math.max(1, all[i].score));
        if (!same) differing++;
      }
    }
  }
  lx.stats = undefined;
  const summary = (ms: number[]) => ({ p50: median(ms), p95: percentile(ms, 95), max: Math.max(...ms) });
  return { chunks: lx.size, queries: queries.length, reps, exhaustive: summary(times.exhaustive), pruned: summary(times.pruned), postings, differing };
}

export function lexicalTopkSection(r: LexicalTopkResult, command: string): string {
  const f = (x: number) => x.toFixed(2);
  return [
    `Lexical top k at ${r.chunks.toLocaleString('en-US')} chunks, ${r.queries} queries × ${r.reps} (\`${command}\`): search alone, ms`,
    '',
    '| | p50 | p95 | max | postings scored in full | candidate lookups |',
    '|---|---:|---:|---:|---:|---:|',
    `| every posting | ${f(r.exhaustive.p50)} | ${f(r.exhaustive.p95)} | ${f(r.exhaustive.max)} | ${r.postings.exhaustive.toLocaleString('en-US')} | 0 |`,
    `| MaxScore | ${f(r.pruned.p50)} | ${f(r.pruned.p95)} | ${f(r.pruned.max)} | ${r.postings.pruned.toLocaleString('en-US')} | ${r.postings.lookups.toLocaleString('en-US')} |`,
    '',
    `Queries whose results differ: ${r.differing}.`,
  ].join('\n');
}
