// Cold start: a fresh `semsearch query` process (load index + model, embed, search, print) — wall time.
import * as path from 'node:path';
import { runCliOk } from '../lib/cli';
import { REPO_ROOT } from '../lib/paths';
import { median } from '../quality/metrics';

export interface ColdStart {
  runs: number[];
  medianMs: number;
  maxRssBytes: number | null;
}

export async function coldStart(o: { dir: string; indexDir: string; modelDir: string; query: string; reps: number }): Promise<ColdStart> {
  const rel = (p: string): string => path.relative(REPO_ROOT, p);
  const runs: number[] = [];
  let rss: number | null = null;
  for (let i = 0; i < o.reps; i++) {
    const r = await runCliOk(['query', rel(o.dir), o.query, '-k', '10', '--mode', 'hybrid', '--json', '--model', rel(o.modelDir), '--index-dir', rel(o.indexDir)]);
    runs.push(r.wallMs);
    rss = r.maxRssBytes;
  }
  return { runs, medianMs: median(runs), maxRssBytes: rss };
}
