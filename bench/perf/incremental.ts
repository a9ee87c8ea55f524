// Incremental indexing: a no-op re-index through the CLI, one edited file through the engine's
// update([path]) (timed directly: no watcher, no debounce), and a renamed folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../src/core';
import { parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT } from '../lib/paths';
import { median } from '../quality/metrics';

function rel(p: string): string {
  return path.relative(REPO_ROOT, p);
}

export interface NoopResult {
  files: number;
  runs: { ms: number; wallMs: number; embedded: number }[];
  medianMs: number;
  medianWallMs: number;
}

export async function noopReindex(o: { dir: string; indexDir: string; modelDir: string; reps: number }): Promise<NoopResult> {
  const runs: NoopResult['runs'] = [];
  let files = 0;
  for (let i = 0; i < o.reps; i++) {
    const r = await runCliOk(['index', rel(o.dir), '--model', rel(o.modelDir), '--index-dir', rel(o.indexDir), '--json']);
    const j = parseIndex(r.stdout);
    files = j.files;
    runs.push({ ms: j.ms, wallMs: r.wallMs, embedded: j.embedded });
  }
  return { files, runs, medianMs: median(runs.map((r) => r.ms)), medianWallMs: median(runs.map((r) => r.wallMs)) };
}

export interface RenameResult {
  folderFiles: number;
  index: IndexJson;
  wallMs: number;
}

/** Renames `folder` (relative to dir) and re-indexes; then renames it back and re-indexes again (untimed). */
export async function renameFolder(o: { dir: string; folder: string; indexDir: string; modelDir: string }): Promise<RenameResult> {
  const from = path.join(o.dir, o.folder);
  const to = path.join(o.dir, `${o.folder}-renamed`);
  const folderFiles = fs.readdirSync(from, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const args = ['index', rel(o.dir), '--model', rel(o.modelDir), '--index-dir', rel(o.indexDir), '--json'];
  fs.renameSync(from, to);
  const r = await runCliOk(args);
  fs.renameSync(to, from);
  await runCliOk(args);
  return { folderFiles, index: parseIndex(r.stdout), wallMs: r.wallMs };
}

export interface EditResult {
  file: string;
  runs: { ms: number; embedded: number; reused: number }[];
  medianMs: number;
}

/**
 * Edits one file `reps` times (a new line in its middle each time) and times engine.update([file])
 * on an index that is already complete. The engine is opened (and warmed by one update) first.
 */
export async function editOneFile(o: { dir: string; indexDir: string; modelDir: string; file: string; reps: number }): Promise<EditResult> {
  const engine = await createEngine({ root: o.dir, indexDir: o.indexDir, modelDir: o.modelDir });
  const abs = path.join(o.dir, o.file);
  const original = fs.readFileSync(abs, 'utf8');
  const runs: EditResult['runs'] = [];
  try {
    const lines = original.split('\n');
    const mid = Math.floor(lines.length / 2);
    for (let i = 0; i <= o.reps; i++) {
      const edited = [...lines.slice(0, mid), `// bench edit ${i}: ${new Date().toISOString()}`, ...lines.slice(mid)].join('\n');
      fs.writeFileSync(abs, edited);
      const t0 = performance.now();
      const s = await engine.update([o.file]);
      const ms = performance.now() - t0;
      if (i > 0) runs.push({ ms, embedded: s.embedded, reused: s.reused }); // the first one warms the engine
    }
  } finally {
    fs.writeFileSync(abs, original);
    await engine.update([o.file]);
    await engine.close();
  }
  return { file: o.file, runs, medianMs: median(runs.map((r) => r.ms)) };
}
