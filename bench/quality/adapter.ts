// The query adapter on the docstring → code set: per package, `semsearch adapt`'s engine path trains an adapter on
// that package's other documented functions (a copy of the package with the benchmark targets' docs blanked, so no
// target is mined and no target doc is seen), then the package's benchmark queries run on the benchmark index
// (every doc blanked) without and with it, semantic and hybrid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type AdaptReport, type SearchMode } from '../../src/core';
import { loadAdapter, saveAdapter } from '../../src/core/adapt';
import { WORK_DIR, ensureDir, rmrf } from '../lib/paths';
import { blankRanges, writeCorpusFile, type Dataset, type Target } from './dataset';
import { datasetIndexDir } from './datasetRuns';
import { extractFunctions } from './extractCode';
import { scoreRun, type Ranged } from './metrics';
import { CODE_PACKAGES, corpusPath, listPackageFiles } from './packages';

export interface AdapterPackageResult {
  pkg: string;
  /** Benchmark queries of the package. */
  queries: number;
  /** adapt's own pairs and held-out split on the training copy. */
  pairs: AdaptReport['pairs'];
  heldOutGain: AdaptReport['gain'];
  /** Whether `auto` would use it (the held-out gain passed the bar). */
  helps: boolean;
  epochs: AdaptReport['epochs'];
  trainingMs: number;
  /** Benchmark NDCG@10 without / with the adapter. */
  semantic: { without: number; with: number };
  hybrid: { without: number; with: number };
}

export interface AdapterBenchResult {
  model: string;
  packages: AdapterPackageResult[];
}

const MODES: SearchMode[] = ['semantic', 'hybrid'];

export async function runAdapterBench(o: {
  ds: Dataset;
  packageDirs: Record<string, string>;
  model: { dir: string; name: string };
  log: (s: string) => void;
}): Promise<AdapterBenchResult> {
  const benchIndex = datasetIndexDir(o.ds, o.model.name);
  const packages: AdapterPackageResult[] = [];
  for (const pkg of CODE_PACKAGES) {
    const targets = o.ds.targets.filter((t) => t.pkg === pkg.name);
    if (targets.length === 0) continue;
    const work = path.join(WORK_DIR, 'quality', 'adapter', pkg.name);
    rmrf(work);
    const tree = ensureDir(path.join(work, 'tree'));
    writeTrainingCopy(o.packageDirs[pkg.name], pkg, targets, tree);
    const trainer = await createEngine({ root: tree, indexDir: path.join(work, 'index'), modelDir: o.model.dir, adapter: 'off' });
    let report: AdaptReport;
    let matrix: Float32Array | undefined;
    try {
      await trainer.index();
      report = await trainer.adapt();
      matrix = loadAdapter(trainer.indexDir, trainer.status().model!)?.matrix;
    } finally {
      await trainer.close();
    }
    const without = await benchNdcg(o.ds, o.model.dir, benchIndex, targets, 'off');
    let withAdapter = without;
    if (matrix) {
      // Put the package's adapter beside the benchmark index for this run only, marked as helping so `auto` applies it.
      const identity = (await readIdentity(o.ds, o.model.dir, benchIndex))!;
      await saveAdapter(benchIndex, identity, matrix, { ...report, helps: true });
      try {
        withAdapter = await benchNdcg(o.ds, o.model.dir, benchIndex, targets, 'auto');
      } finally {
        for (const f of fs.readdirSync(benchIndex)) if (f.startsWith('adapter-')) fs.rmSync(path.join(benchIndex, f), { force: true });
      }
    }
    const r: AdapterPackageResult = {
      pkg: pkg.name,
      queries: targets.length,
      pairs: report.pairs,
      heldOutGain: report.gain,
      helps: report.helps,
      epochs: report.epochs,
      trainingMs: report.trainingMs,
      semantic: { without: without.semantic, with: withAdapter.semantic },
      hybrid: { without: without.hybrid, with: withAdapter.hybrid },
    };
    o.log(
      `  adapter ${pkg.name}: ${r.pairs.train} training pairs, ${(r.trainingMs / 1000).toFixed(1)} s; held-out semantic ${signed(r.heldOutGain.semantic)}; ` +
        `bench semantic ${r.semantic.without.toFixed(3)} → ${r.semantic.with.toFixed(3)}, hybrid ${r.hybrid.without.toFixed(3)} → ${r.hybrid.with.toFixed(3)}`,
    );
    packages.push(r);
  }
  return { model: o.model.name, packages };
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** The package's files as the benchmark reads them, with only the benchmark targets' docs blanked. */
function writeTrainingCopy(pdir: string, pkg: (typeof CODE_PACKAGES)[number], targets: Target[], tree: string): void {
  const byPath = new Map<string, Target[]>();
  for (const t of targets) byPath.set(t.path, [...(byPath.get(t.path) ?? []), t]);
  for (const rel of listPackageFiles(pdir).filter(pkg.include)) {
    const text = fs.readFileSync(path.join(pdir, rel), 'utf8');
    const cpath = corpusPath(pkg.name, rel);
    const here = byPath.get(cpath) ?? [];
    const docs = extractFunctions(rel, text).documented.filter((d) => here.some((t) => t.startLine === d.startLine && t.symbol === d.symbol));
    writeCorpusFile(tree, cpath, blankRanges(text, docs.map((d) => ({ start: d.docStart, end: d.docEnd }))));
  }
}

async function readIdentity(ds: Dataset, modelDir: string, indexDir: string) {
  const e = await createEngine({ root: ds.dir, indexDir, modelDir, readOnly: true, adapter: 'off' });
  try {
    return e.status().model;
  } finally {
    await e.close();
  }
}

/** NDCG@10 of the targets' queries on the benchmark index, per mode. */
async function benchNdcg(ds: Dataset, modelDir: string, indexDir: string, targets: Target[], adapter: 'auto' | 'off'): Promise<Record<'semantic' | 'hybrid', number>> {
  const e = await createEngine({ root: ds.dir, indexDir, modelDir, readOnly: true, adapter });
  try {
    if (adapter === 'auto' && !e.adapterStatus().inUse) throw new Error('bench: the adapter was not picked up');
    const out = { semantic: 0, hybrid: 0 };
    for (const mode of MODES) {
      const results = new Map<string, Ranged[]>();
      for (const t of targets) results.set(t.id, await e.search(t.query, { k: 10, mode }));
      out[mode as 'semantic' | 'hybrid'] = scoreRun(targets, results).overall.ndcg10;
    }
    return out;
  } finally {
    await e.close();
  }
}
