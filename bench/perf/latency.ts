// Warm query latency from the CLI's batch mode (per-query `ms`, embedding included), after a
// warm-up, and the query-embedding latency of a model measured on its own through the embedder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmbedder, resolveModel } from '../../src/core';
import { parseBatch, runCliOk } from '../lib/cli';
import { REPO_ROOT } from '../lib/paths';
import { median, percentile } from '../quality/metrics';

export interface Latency {
  queries: number;
  p50: number;
  p95: number;
  /** Per repetition, when repeated. */
  runs?: { p50: number; p95: number }[];
  maxRssBytes?: number | null;
}

const WARMUP = 10;

export function writeLatencyQueries(file: string, queries: string[]): void {
  const lines = [
    ...queries.slice(0, WARMUP).map((q, i) => ({ id: `warm${i}`, query: q })),
    ...queries.map((q, i) => ({ id: `q${i}`, query: q })),
  ];
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

function rel(p: string): string {
  return path.relative(REPO_ROOT, p);
}

export async function batchLatency(o: {
  dir: string;
  indexDir: string;
  modelDir: string;
  queriesFile: string;
  mode?: string;
  reps: number;
}): Promise<Latency> {
  const runs: { p50: number; p95: number }[] = [];
  let n = 0;
  let rss: number | null = null;
  for (let i = 0; i < o.reps; i++) {
    const r = await runCliOk([
      'query', rel(o.dir), '--queries', rel(o.queriesFile), '-k', '10', '--mode', o.mode ?? 'hybrid', '--json',
      '--model', rel(o.modelDir), '--index-dir', rel(o.indexDir),
    ]);
    const ms = parseBatch(r.stdout).filter((l) => !String(l.id).startsWith('warm')).map((l) => l.ms);
    n = ms.length;
    runs.push({ p50: median(ms), p95: percentile(ms, 95) });
    rss = Math.max(rss ?? 0, r.maxRssBytes ?? 0) || null;
  }
  return { queries: n, p50: median(runs.map((r) => r.p50)), p95: median(runs.map((r) => r.p95)), runs, maxRssBytes: rss };
}

/** Query embedding alone (tokenize + session + pool), through the engine's embedder as the CLI builds it. */
export async function queryEmbeddingLatency(modelDir: string, queries: string[]): Promise<Latency> {
  const embedder = await createEmbedder(await resolveModel({ explicit: modelDir }));
  try {
    for (const q of queries.slice(0, WARMUP)) await embedder.embedQuery(q);
    const ms: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await embedder.embedQuery(q);
      ms.push(performance.now() - t0);
    }
    return { queries: ms.length, p50: median(ms), p95: percentile(ms, 95) };
  } finally {
    await embedder.close();
  }
}
