// What saving progress during a first index costs: a full index of a corpus in this process, timing the
// mid-run saves (each 'saving' phase that the run continues after; the final save ends in 'idle') against
// the whole run. With the static model the run is fastest, so this is the largest share saves can take; the
// MiniLM architecture is the realistic one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../src/core';

export interface SaveCost {
  model: string;
  chunks: number;
  runMs: number;
  midRunSaves: number;
  midRunSaveMs: number;
  /** midRunSaveMs / runMs */
  share: number;
}

export async function saveCost(o: { dir: string; indexDir: string; modelDir: string }): Promise<SaveCost> {
  fs.rmSync(o.indexDir, { recursive: true, force: true });
  const engine = await createEngine({ root: o.dir, indexDir: o.indexDir, modelDir: o.modelDir });
  const saves: { ms: number; final: boolean }[] = [];
  let savingSince: number | null = null;
  engine.onProgress((e) => {
    const now = performance.now();
    if (e.phase === 'saving') savingSince ??= now;
    else if (savingSince !== null) {
      saves.push({ ms: now - savingSince, final: e.phase === 'idle' });
      savingSince = null;
    }
  });
  const t0 = performance.now();
  const summary = await engine.index();
  const runMs = performance.now() - t0;
  await engine.close();
  const mid = saves.filter((s) => !s.final);
  const midRunSaveMs = mid.reduce((n, s) => n + s.ms, 0);
  return { model: path.basename(o.modelDir), chunks: summary.chunks, runMs, midRunSaves: mid.length, midRunSaveMs, share: midRunSaveMs / runMs };
}

// node out/bench/perf/saveCost.js <dir> <model-dir>: one measurement, as JSON.
if (require.main === module) {
  const [dir, modelDir] = process.argv.slice(2);
  const indexDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-savecost-')), 'index');
  saveCost({ dir: path.resolve(dir), indexDir, modelDir: path.resolve(modelDir) }).then((r) => console.log(JSON.stringify(r)));
}
