// Quality benchmark. The docstring sets (code and docs datasets): index each through the CLI, run the
// queries in batch mode for every search mode, and score them next to the two oracle anchors. The
// natural developer-query set (runNatural.ts). Then the ablation table (ablations.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmbedder, resolveModel } from '../../src/core';
import type { IndexJson } from '../lib/cli';
import { REAL_MODEL, REPO_ROOT, STATIC_MODEL, WORK_DIR, ensureDir, modelPresent } from '../lib/paths';
import { runAblations, type AblationResult } from './ablations';
import { runAdapterBench, type AdapterBenchResult } from './adapter';
import { bm25Oracle, denseOracle } from './anchors';
import { buildCodeDataset } from './buildCode';
import { buildDocsDataset } from './buildDocs';
import type { Dataset } from './dataset';
import { datasetIndexDir, indexDataset, MODES, queryDataset } from './datasetRuns';
import { scoreRun, type Metrics } from './metrics';
import { CODE_PACKAGES, DOC_PACKAGES, packageDirs } from './packages';
import { runNatural, type NaturalResult } from './runNatural';

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

export type QualityPart = 'natural' | 'docstring';

export interface QualityResult {
  /** The part run alone (`--only`), or absent for a whole run. */
  only?: QualityPart;
  /** The docstring sets: docstring → code, and docs (Markdown sections). */
  datasets: DatasetQuality[];
  /** The natural developer-query set (absent with --only docstring or in records made before it existed). */
  natural?: NaturalResult;
  /** The ablation table (absent with --no-ablations). */
  ablations?: AblationResult;
  /** The query adapter per docstring-bench package (absent with --only natural or --no-adapter). */
  adapter?: AdapterBenchResult[];
  notes: string[];
}

export interface QualityOptions {
  quick: boolean;
  /** Tiny sizes for developing the benchmark itself. */
  smoke?: boolean;
  /** Run one part only. */
  only?: QualityPart;
  /** Run the ablation table (default true). */
  ablations?: boolean;
  /** Train and measure the query adapter per docstring package (default true). */
  adapter?: boolean;
  log: (s: string) => void;
}

function rel(p: string): string {
  return path.relative(REPO_ROOT, p) || '.';
}

async function runModel(ds: Dataset, modelDir: string, modelName: string, log: (s: string) => void): Promise<ModelQuality> {
  const indexDir = datasetIndexDir(ds, modelName);
  const idx = await indexDataset(ds, modelDir, indexDir);
  log(`  ${ds.name}/${modelName}: indexed ${idx.files} files, ${idx.chunks} chunks in ${Math.round(idx.ms)} ms`);
  const runs: ModelQuality['runs'] = {};
  for (const mode of MODES) {
    runs[mode] = await queryDataset(ds, modelDir, indexDir, mode, log);
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
  const models: { dir: string; name: string }[] = [{ dir: STATIC_MODEL, name: 'static-minilm-dev' }];
  if (modelPresent(REAL_MODEL)) models.push({ dir: REAL_MODEL, name: 'all-MiniLM-L6-v2' });
  else notes.push(`Real all-MiniLM-L6-v2 not present at ${rel(REAL_MODEL)} (run \`npm run fetch-model\`): quality measured with static-minilm-dev only.`);
  // minilm-arch-random has random weights: meaningless for quality, used by bench:perf only.
  const result: QualityResult = { ...(o.only ? { only: o.only } : {}), datasets: [], notes };
  let code: { ds: Dataset; dq: DatasetQuality; dirs: Record<string, string> } | undefined;
  if (o.only !== 'natural') {
    const perPackage = o.smoke ? { code: 3, docs: 3 } : o.quick ? { code: 25, docs: 30 } : { code: 200, docs: 150 };
    const dirs = await packageDirs([...new Set([...CODE_PACKAGES.map((p) => p.name), ...DOC_PACKAGES])], o.log);
    const datasets: Dataset[] = [
      buildCodeDataset({ workDir: work, packageDirs: dirs, perPackage: perPackage.code }),
      await buildDocsDataset({ workDir: work, packageDirs: dirs, perPackage: perPackage.docs }),
    ];
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
      result.datasets.push(dq);
      if (ds.name === 'code') code = { ds, dq, dirs };
      fs.writeFileSync(path.join(work, 'quality', `${ds.name}-targets.json`), JSON.stringify(ds.targets, null, 1));
    }
  }
  let natural: Awaited<ReturnType<typeof runNatural>> | undefined;
  if (o.only !== 'docstring') {
    natural = await runNatural(models, o.log, { maxRepos: o.smoke ? 1 : undefined });
    result.natural = natural.result;
    if (natural.result.repos.length === 0) notes.push('No natural query files in bench/quality/natural/.');
  }
  if (o.ablations !== false) {
    // Ablations use the first model (static-minilm-dev): cheap enough to rebuild every index per switch.
    const model = models[0];
    const base = code?.dq.models.find((m) => m.model === model.name);
    const nat = natural?.result.models.find((m) => m.model === model.name);
    result.ablations = await runAblations({
      model,
      code: code && base ? { ds: code.ds, hybrid: base.runs.hybrid!, semantic: base.runs.semantic! } : undefined,
      natural: natural && nat && natural.prepared.length ? { repos: natural.prepared, baseline: nat } : undefined,
      log: o.log,
    });
  }
  if (code && o.adapter !== false) {
    // After the ablations: their query-stage runs reuse the benchmark indexes, which must hold no adapter then.
    result.adapter = [];
    for (const m of models) result.adapter.push(await runAdapterBench({ ds: code.ds, packageDirs: code.dirs, model: m, log: o.log }));
  }
  return result;
}
