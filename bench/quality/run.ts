// Quality benchmark: builds the code and docs datasets, indexes each through the CLI, runs the
// queries in batch mode for every search mode, and scores them next to the two oracle anchors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmbedder, resolveModel } from '../../src/core';
import { parseBatch, parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { ARCH_MODEL, REAL_MODEL, REPO_ROOT, STATIC_MODEL, WORK_DIR, ensureDir, modelPresent, rmrf } from '../lib/paths';
import { bm25Oracle, denseOracle } from './anchors';
import { buildCodeDataset } from './buildCode';
import { buildDocsDataset } from './buildDocs';
import type { Dataset } from './dataset';
import { CODE_PACKAGES, DOC_PACKAGES, packageDirs } from './packages';
import { median, percentile, scoreRun, type Metrics, type Ranged } from './metrics';

export const MODES = ['lexical', 'semantic', 'hybrid'] as const;
export const ANCHORS = ['bm25-oracle', 'dense-oracle'] as const;
export type RunName = (typeof MODES)[number] | (typeof ANCHORS)[number];

export interface RunScore {
  overall: Metrics;
  perPackage: Record<string, Metrics>;
  /** Per-query search time reported by batch mode (CLI modes only). */
  msP50?: number;
  msP95?: number;
}

export interface ModelQuality {
  model: string;
  modelDir: string;
  index: IndexJson;
  runs: Partial<Record<RunName, RunScore>>;
}

export interface DatasetQuality {
  name: string;
  files: number;
  queries: number;
  oracleChunks: number;
  packages: Record<string, string>;
  queriesPerPackage: Record<string, number>;
  models: ModelQuality[];
}

export interface QualityResult {
  datasets: DatasetQuality[];
  notes: string[];
}

export interface QualityOptions {
  quick: boolean;
  /** Tiny sizes for developing the benchmark itself. */
  smoke?: boolean;
  log: (s: string) => void;
}

function rel(p: string): string {
  return path.relative(REPO_ROOT, p) || '.';
}

async function runModel(ds: Dataset, modelDir: string, modelName: string, log: (s: string) => void): Promise<ModelQuality> {
  const indexDir = path.join(WORK_DIR, 'quality', `index-${ds.name}-${modelName}`);
  rmrf(indexDir);
  const common = ['--model', rel(modelDir), '--index-dir', rel(indexDir)];
  const idx = parseIndex((await runCliOk(['index', rel(ds.dir), ...common, '--json'])).stdout);
  log(`  ${ds.name}/${modelName}: indexed ${idx.files} files, ${idx.chunks} chunks in ${Math.round(idx.ms)} ms`);
  const runs: ModelQuality['runs'] = {};
  for (const mode of MODES) {
    const r = await runCliOk(['query', rel(ds.dir), '--queries', rel(ds.queriesFile), '-k', '10', '--mode', mode, '--json', ...common]);
    const lines = parseBatch(r.stdout);
    const byId = new Map<string, Ranged[]>(lines.map((l) => [String(l.id), l.results]));
    if (lines.length !== ds.targets.length) log(`  warning: ${mode} answered ${lines.length} of ${ds.targets.length} queries`);
    const ms = lines.map((l) => l.ms);
    runs[mode] = { ...scoreRun(ds.targets, byId), msP50: median(ms), msP95: percentile(ms, 95) };
    log(`  ${ds.name}/${modelName}/${mode}: NDCG@10 ${runs[mode]!.overall.ndcg10.toFixed(3)}`);
  }
  runs['bm25-oracle'] = scoreRun(ds.targets, bm25Oracle(ds.oracle, ds.targets));
  const embedder = await createEmbedder(await resolveModel({ explicit: modelDir }), { useWorker: false });
  try {
    runs['dense-oracle'] = scoreRun(ds.targets, await denseOracle(embedder, ds.oracle, ds.targets));
  } finally {
    await embedder.close();
  }
  log(
    `  ${ds.name}/${modelName}: anchors NDCG@10 bm25 ${runs['bm25-oracle'].overall.ndcg10.toFixed(3)}, dense ${runs['dense-oracle'].overall.ndcg10.toFixed(3)}`,
  );
  return { model: modelName, modelDir: rel(modelDir), index: idx, runs };
}

export async function runQuality(o: QualityOptions): Promise<QualityResult> {
  const notes: string[] = [];
  const work = ensureDir(WORK_DIR);
  const perPackage = o.smoke ? { code: 3, docs: 3 } : o.quick ? { code: 25, docs: 30 } : { code: 200, docs: 150 };
  const dirs = await packageDirs([...new Set([...CODE_PACKAGES.map((p) => p.name), ...DOC_PACKAGES])], o.log);
  const datasets: Dataset[] = [
    buildCodeDataset({ workDir: work, packageDirs: dirs, perPackage: perPackage.code }),
    await buildDocsDataset({ workDir: work, packageDirs: dirs, perPackage: perPackage.docs }),
  ];
  const models: { dir: string; name: string }[] = [{ dir: STATIC_MODEL, name: 'static-minilm-dev' }];
  if (modelPresent(REAL_MODEL)) models.push({ dir: REAL_MODEL, name: 'all-MiniLM-L6-v2' });
  else notes.push(`Real all-MiniLM-L6-v2 not present at ${rel(REAL_MODEL)} (run \`npm run fetch-model\`): quality measured with static-minilm-dev only.`);
  void ARCH_MODEL; // random weights: meaningless for quality, used by bench:perf only
  const out: DatasetQuality[] = [];
  for (const ds of datasets) {
    const qpp: Record<string, number> = {};
    for (const t of ds.targets) qpp[t.pkg] = (qpp[t.pkg] ?? 0) + 1;
    o.log(`quality: ${ds.name} dataset: ${ds.files} files, ${ds.targets.length} queries, ${ds.oracle.length} oracle chunks`);
    const dq: DatasetQuality = {
      name: ds.name,
      files: ds.files,
      queries: ds.targets.length,
      oracleChunks: ds.oracle.length,
      packages: ds.packages,
      queriesPerPackage: qpp,
      models: [],
    };
    for (const m of models) dq.models.push(await runModel(ds, m.dir, m.name, o.log));
    out.push(dq);
    fs.writeFileSync(path.join(work, 'quality', `${ds.name}-targets.json`), JSON.stringify(ds.targets, null, 1));
  }
  return { datasets: out, notes };
}
