// Ablation table: what each chunking / ranking rule is worth. The switches are read at run time from the
// built engine (out/src/core/index.js, ABLATIONS), so a new switch needs no bench change. For each switch
// the baseline's hybrid runs (and the docstring semantic run) are repeated with SEMSEARCH_ABLATE=<name> in
// the CLI's environment: an 'index' switch rebuilds every index (its own index folders), a 'query' switch
// queries the baseline indexes. Worth = baseline − ablated (positive: the rule helps).
import * as path from 'node:path';
import type { AblationSwitch } from '../../src/core';
import { runCli } from '../lib/cli';
import { REPO_ROOT } from '../lib/paths';
import type { Dataset } from './dataset';
import { CATEGORIES } from './natural';
import { datasetIndexDir, indexDataset, queryDataset } from './datasetRuns';
import type { RunScore } from './run';
import { naturalIndexDir, runNaturalModel, type NaturalModel, type PreparedRepo } from './runNatural';

/** The figures of one row (baseline or one switch off); a part is absent when its benchmark did not run. */
export interface AblationValues {
  natural?: { overall: number; semantic: number; architecture: number; symbol: number };
  docstring?: { hybrid: number; semantic: number };
  /** Chunks per index (index switches only), to see that the switch changed something. */
  chunks?: Record<string, number>;
}

export interface AblationRow extends AblationValues {
  name: string;
  stage: 'index' | 'query';
  what: string;
  /** Every query scored exactly as in the baseline (the switch changed nothing measurable here). */
  identical: boolean;
  verdict: 'keep' | 'review';
  minutes: number;
}

export interface AblationResult {
  model: string;
  /** The switches the built engine exported at run time. */
  switches: AblationSwitch[];
  baseline: AblationValues;
  /**
   * Index builds are not bit-for-bit repeatable (chunk order follows the embedding workers' timing, which
   * reorders ties and the approximate graph): when an index switch exists, the indexes are built once more
   * with nothing off, and this row's distance from the baseline is the build-to-build noise of index rows.
   */
  rebuild?: AblationValues;
  rows: AblationRow[];
  /** False when the CLI accepted an unknown switch name, i.e. it does not read SEMSEARCH_ABLATE. */
  cliReadsVariable: boolean | null;
  notes: string[];
}

/** Costing any category more than this (NDCG@10) sends a rule to review. */
export const CATEGORY_TOLERANCE = 0.01;

/** The switches of the built engine (not the bench's compile-time copy). */
export function loadSwitches(): AblationSwitch[] {
  const core = require(path.join(REPO_ROOT, 'out', 'src', 'core', 'index.js')) as { ABLATIONS?: readonly AblationSwitch[] };
  return [...(core.ABLATIONS ?? [])];
}

export interface AblationInputs {
  model: { dir: string; name: string };
  /** The docstring → code dataset and its baseline runs (absent with --only natural). */
  code?: { ds: Dataset; hybrid: RunScore; semantic: RunScore };
  natural?: { repos: PreparedRepo[]; baseline: NaturalModel };
  log: (s: string) => void;
}

function naturalValues(m: NaturalModel): AblationValues['natural'] {
  const h = m.runs.hybrid!;
  const c = (k: string): number => h.perCategory[k]?.ndcg10 ?? NaN;
  return { overall: h.overall.ndcg10, semantic: c('semantic'), architecture: c('architecture'), symbol: c('symbol') };
}

/** Worth of a rule on each measured figure: baseline − ablated. */
export function worth(base: AblationValues, row: AblationValues): Record<string, number> {
  const out: Record<string, number> = {};
  if (base.natural && row.natural) for (const k of ['overall', ...CATEGORIES] as const) out[`natural.${k}`] = base.natural[k] - row.natural[k];
  if (base.docstring && row.docstring) for (const k of ['hybrid', 'semantic'] as const) out[`docstring.${k}`] = base.docstring[k] - row.docstring[k];
  return out;
}

/**
 * keep: the rule helps overall on the two benchmarks combined (worth on natural overall + worth on
 * docstring hybrid > 0) and costs no category (natural semantic / architecture / symbol, docstring
 * hybrid / semantic) more than 0.01 NDCG@10. Otherwise review.
 */
export function verdict(base: AblationValues, row: AblationValues): 'keep' | 'review' {
  const w = worth(base, row);
  const combined = (w['natural.overall'] ?? 0) + (w['docstring.hybrid'] ?? 0);
  const costs = Object.entries(w).filter(([k]) => k !== 'natural.overall');
  return combined > 0 && costs.every(([, v]) => v >= -CATEGORY_TOLERANCE) ? 'keep' : 'review';
}

const sameResults = (a: RunScore | undefined, b: RunScore | undefined): boolean => JSON.stringify(a?.overall) === JSON.stringify(b?.overall) && JSON.stringify(a?.perPackage) === JSON.stringify(b?.perPackage);

export async function runAblations(inp: AblationInputs): Promise<AblationResult> {
  const { model, log } = inp;
  const switches = loadSwitches();
  const notes: string[] = [];
  const baseline: AblationValues = {};
  if (inp.natural) baseline.natural = naturalValues(inp.natural.baseline);
  if (inp.code) baseline.docstring = { hybrid: inp.code.hybrid.overall.ndcg10, semantic: inp.code.semantic.overall.ndcg10 };
  const result: AblationResult = { model: model.name, switches, baseline, rows: [], cliReadsVariable: null, notes };
  if (switches.length === 0) {
    notes.push('The built engine exports no ablation switches yet (src/core/ablation.ts ABLATIONS is empty).');
    log('ablations: no switches in ABLATIONS');
    return result;
  }
  // A CLI that ignores SEMSEARCH_ABLATE would make every row equal the baseline: check it rejects a bad name.
  const probeDir = inp.code ? inp.code.ds.dir : inp.natural!.repos[0].dir;
  const probeIndex = inp.code ? datasetIndexDir(inp.code.ds, model.name) : naturalIndexDir(inp.natural!.repos[0].repo.name, model.name);
  const probe = await runCli(['query', path.relative(REPO_ROOT, probeDir), 'probe', '--json', '--model', path.relative(REPO_ROOT, model.dir), '--index-dir', path.relative(REPO_ROOT, probeIndex)], {
    env: { SEMSEARCH_ABLATE: '__no_such_switch__' },
  });
  result.cliReadsVariable = probe.code !== 0;
  if (!result.cliReadsVariable) notes.push('The CLI accepted an unknown SEMSEARCH_ABLATE name: it does not read the variable yet, so every row equals the baseline.');
  log(`ablations: ${switches.length} switches (${switches.map((s) => s.name).join(', ')}), model ${model.name}${result.cliReadsVariable ? '' : ' — warning: the CLI ignores SEMSEARCH_ABLATE'}`);
  const measure = async (stage: 'index' | 'query', env: Record<string, string>, variant: string): Promise<AblationValues & { identical: boolean }> => {
    const row: AblationValues & { identical: boolean } = { identical: true };
    if (stage === 'index') row.chunks = {};
    if (inp.code) {
      const { ds } = inp.code;
      const indexDir = datasetIndexDir(ds, model.name, variant);
      if (stage === 'index') row.chunks![ds.name] = (await indexDataset(ds, model.dir, indexDir, env)).chunks;
      const hybrid = await queryDataset(ds, model.dir, indexDir, 'hybrid', log, env);
      const semantic = await queryDataset(ds, model.dir, indexDir, 'semantic', log, env);
      row.docstring = { hybrid: hybrid.overall.ndcg10, semantic: semantic.overall.ndcg10 };
      row.identical &&= sameResults(hybrid, inp.code.hybrid) && sameResults(semantic, inp.code.semantic);
    }
    if (inp.natural) {
      const nm = await runNaturalModel(inp.natural.repos, {
        modelDir: model.dir,
        modelName: model.name,
        modes: ['hybrid'],
        log,
        env,
        variant,
        reuseIndex: stage === 'query',
      });
      row.natural = naturalValues(nm);
      if (stage === 'index') for (const [repo, idx] of Object.entries(nm.index)) row.chunks![`natural/${repo}`] = idx.chunks;
      row.identical &&= JSON.stringify(nm.runs.hybrid!.perQuery) === JSON.stringify(inp.natural.baseline.runs.hybrid!.perQuery);
    }
    return row;
  };
  const fmtWorth = (v: AblationValues): string =>
    Object.entries(worth(baseline, v))
      .map(([k, x]) => `${k} ${Math.round(x * 1000) === 0 ? '0.000' : `${x > 0 ? '+' : ''}${x.toFixed(3)}`}`)
      .join(', ');
  if (switches.some((s) => s.stage === 'index')) {
    const { identical, ...values } = await measure('index', {}, 'rebuild');
    result.rebuild = values;
    log(`  indexes rebuilt with nothing off (build-to-build noise): ${fmtWorth(values)}${identical ? ' (every query scored as in the baseline)' : ''}`);
  }
  for (const sw of switches) {
    const t0 = Date.now();
    const variant = sw.stage === 'index' ? `ablate-${sw.name.replace(/[^\w.-]+/g, '_')}` : '';
    const row: AblationRow = { name: sw.name, stage: sw.stage, what: sw.what, ...(await measure(sw.stage, { SEMSEARCH_ABLATE: sw.name }, variant)), verdict: 'review', minutes: 0 };
    row.verdict = verdict(baseline, row);
    row.minutes = (Date.now() - t0) / 60_000;
    log(`  ablate ${sw.name} (${sw.stage}): worth ${fmtWorth(row)} → ${row.verdict}${row.identical ? ' (every query scored as in the baseline)' : ''}`);
    result.rows.push(row);
  }
  return result;
}
