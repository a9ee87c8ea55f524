// Engine runs on a docstring dataset through the CLI: build an index, run the queries in one mode.
import * as path from 'node:path';
import { parseBatch, parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT, WORK_DIR, rmrf } from '../lib/paths';
import type { Dataset } from './dataset';
import { median, percentile, scoreRun, type Ranged } from './metrics';
import type { RunScore } from './run';

export const MODES = ['lexical', 'semantic', 'hybrid'] as const;

const rel = (p: string): string => path.relative(REPO_ROOT, p) || '.';

/** Index folder of a dataset for a model (a variant suffix for ablation runs). */
export function datasetIndexDir(ds: Dataset, modelName: string, variant = ''): string {
  return path.join(WORK_DIR, 'quality', `index-${ds.name}-${modelName}${variant ? `-${variant}` : ''}`);
}

const cliCommon = (modelDir: string, indexDir: string): string[] => ['--model', rel(modelDir), '--index-dir', rel(indexDir)];

/** Builds a fresh index of a dataset through the CLI. */
export async function indexDataset(ds: Dataset, modelDir: string, indexDir: string, env?: Record<string, string>): Promise<IndexJson> {
  rmrf(indexDir);
  return parseIndex((await runCliOk(['index', rel(ds.dir), ...cliCommon(modelDir, indexDir), '--json'], { env })).stdout);
}

/** Runs a dataset's queries in one mode (batch mode, -k 10) and scores them. */
export async function queryDataset(
  ds: Dataset,
  modelDir: string,
  indexDir: string,
  mode: (typeof MODES)[number],
  log: (s: string) => void,
  env?: Record<string, string>,
): Promise<RunScore> {
  const r = await runCliOk(['query', rel(ds.dir), '--queries', rel(ds.queriesFile), '-k', '10', '--mode', mode, '--json', ...cliCommon(modelDir, indexDir)], { env });
  const lines = parseBatch(r.stdout);
  const byId = new Map<string, Ranged[]>(lines.map((l) => [String(l.id), l.results]));
  if (lines.length !== ds.targets.length) log(`  warning: ${mode} answered ${lines.length} of ${ds.targets.length} queries`);
  const ms = lines.map((l) => l.ms);
  return { ...scoreRun(ds.targets, byId), msP50: median(ms), msP95: percentile(ms, 95) };
}
