// Natural developer-query benchmark: for each repository file in bench/quality/natural/, fetch the pinned
// source, index the whole extracted tree through the CLI (as lib/cli.ts runs it), run the queries in batch
// mode per search mode asking for enough chunks to fill 10 distinct files, and score the file list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBatch, parseIndex, runCliOk, type IndexJson } from '../lib/cli';
import { REPO_ROOT, WORK_DIR, ensureDir, rmrf } from '../lib/paths';
import { describeSource, fetchSource, type Source } from '../lib/sources';
import { distinctFiles, groupScores, meanScores, scoreFiles, type FileMetrics, type QueryScore } from './fileMetrics';
import { median, percentile } from './metrics';
import { CATEGORIES, loadNaturalRepos, missingFiles, type NaturalRepo } from './natural';

/** Chunks asked per query: enough that the list almost always holds 10 distinct files. */
export const NATURAL_K = 100;
export type Mode = 'lexical' | 'semantic' | 'hybrid';

export interface NaturalRunScore {
  overall: FileMetrics;
  perCategory: Record<string, FileMetrics>;
  perLanguage: Record<string, FileMetrics>;
  perRepo: Record<string, FileMetrics>;
  /** Queries whose chunk list held fewer than 10 distinct files. */
  underfilled: number;
  msP50: number;
  msP95: number;
  /** Per query: NDCG@10 and the 1-based rank of the first relevant file (0: none in the first 10). */
  perQuery: Record<string, { ndcg10: number; firstRank: number }>;
}

export interface NaturalRepoInfo {
  name: string;
  language: string;
  note: string;
  source: Source;
  /** e.g. "debian jinja2_3.1.2.orig.tar.gz" */
  sourceLabel: string;
  queries: number;
  perCategory: Record<string, number>;
}

export interface NaturalModel {
  model: string;
  modelDir: string;
  /** Index summary per repository. */
  index: Record<string, IndexJson>;
  runs: Partial<Record<Mode, NaturalRunScore>>;
}

export interface NaturalResult {
  k: number;
  repos: NaturalRepoInfo[];
  queries: number;
  models: NaturalModel[];
}

export interface PreparedRepo {
  repo: NaturalRepo;
  /** Extracted source tree (indexed as a whole). */
  dir: string;
  queriesFile: string;
}

const rel = (p: string): string => path.relative(REPO_ROOT, p) || '.';
export const NATURAL_WORK = path.join(WORK_DIR, 'quality', 'natural');

/** Loads the query files, fetches every source, checks the relevant files exist, writes the batch query files. */
export async function prepareNatural(log: (s: string) => void, dir?: string): Promise<PreparedRepo[]> {
  ensureDir(NATURAL_WORK);
  const out: PreparedRepo[] = [];
  for (const { repo } of loadNaturalRepos(dir)) {
    const { dir: tree } = await fetchSource(repo.source, log);
    const missing = missingFiles(repo, tree);
    if (missing.length) throw new Error(`bench: natural query file ${repo.name}.json names files its source lacks:\n  ${missing.join('\n  ')}`);
    const queriesFile = path.join(NATURAL_WORK, `${repo.name}-queries.jsonl`);
    fs.writeFileSync(queriesFile, repo.queries.map((q) => JSON.stringify({ id: q.id, query: q.query })).join('\n') + '\n');
    out.push({ repo, dir: tree, queriesFile });
  }
  return out;
}

export function repoInfo(p: PreparedRepo): NaturalRepoInfo {
  const perCategory: Record<string, number> = {};
  for (const c of CATEGORIES) perCategory[c] = p.repo.queries.filter((q) => q.category === c).length;
  return {
    name: p.repo.name,
    language: p.repo.language,
    note: p.repo.note,
    source: p.repo.source,
    sourceLabel: describeSource(p.repo.source),
    queries: p.repo.queries.length,
    perCategory,
  };
}

export function naturalIndexDir(repo: string, model: string, variant = ''): string {
  return path.join(NATURAL_WORK, `index-${repo}-${model}${variant ? `-${variant}` : ''}`);
}

export interface NaturalRunOptions {
  modelDir: string;
  modelName: string;
  modes: readonly Mode[];
  log: (s: string) => void;
  /** Extra environment for the CLI (e.g. SEMSEARCH_ABLATE). */
  env?: Record<string, string>;
  /** Index folder suffix; a fresh index is built unless `reuseIndex`. */
  variant?: string;
  /** Query an index built earlier (same folder) instead of building one. */
  reuseIndex?: boolean;
}

/** Indexes each repository (unless reused) and runs the queries in every mode; scores file lists. */
export async function runNaturalModel(repos: PreparedRepo[], o: NaturalRunOptions): Promise<NaturalModel> {
  const index: Record<string, IndexJson> = {};
  const perMode = new Map<Mode, { q: NaturalRepo['queries'][number]; repo: NaturalRepo; s: QueryScore; files: number; ms: number }[]>();
  for (const p of repos) {
    const indexDir = naturalIndexDir(p.repo.name, o.modelName, o.variant);
    const common = ['--model', rel(o.modelDir), '--index-dir', rel(indexDir)];
    if (!o.reuseIndex) {
      rmrf(indexDir);
      index[p.repo.name] = parseIndex((await runCliOk(['index', rel(p.dir), ...common, '--json'], { env: o.env })).stdout);
    }
    for (const mode of o.modes) {
      const r = await runCliOk(['query', rel(p.dir), '--queries', rel(p.queriesFile), '-k', String(NATURAL_K), '--mode', mode, '--json', ...common], { env: o.env });
      const byId = new Map(parseBatch(r.stdout).map((l) => [String(l.id), l]));
      const list = perMode.get(mode) ?? [];
      for (const q of p.repo.queries) {
        const line = byId.get(q.id);
        if (!line) throw new Error(`bench: ${p.repo.name}/${mode}: no answer for query ${q.id}`);
        const files = distinctFiles(line.results);
        list.push({ q, repo: p.repo, s: scoreFiles(files, q.relevant), files: files.length, ms: line.ms });
      }
      perMode.set(mode, list);
    }
  }
  const runs: NaturalModel['runs'] = {};
  for (const [mode, list] of perMode) {
    const firstRank = (s: QueryScore): number => (s.rr10 > 0 ? Math.round(1 / s.rr10) : 0);
    runs[mode] = {
      overall: meanScores(list.map((x) => x.s)),
      perCategory: groupScores(list, (x) => x.q.category, (x) => x.s),
      perLanguage: groupScores(list, (x) => x.repo.language, (x) => x.s),
      perRepo: groupScores(list, (x) => x.repo.name, (x) => x.s),
      underfilled: list.filter((x) => x.files < 10).length,
      msP50: median(list.map((x) => x.ms)),
      msP95: percentile(list.map((x) => x.ms), 95),
      perQuery: Object.fromEntries(list.map((x) => [x.q.id, { ndcg10: round(x.s.ndcg10), firstRank: firstRank(x.s) }])),
    };
  }
  return { model: o.modelName, modelDir: rel(o.modelDir), index, runs };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The whole natural benchmark for the given models. */
export async function runNatural(
  models: { dir: string; name: string }[],
  log: (s: string) => void,
  o: { maxRepos?: number } = {},
): Promise<{ result: NaturalResult; prepared: PreparedRepo[] }> {
  const prepared = (await prepareNatural(log)).slice(0, o.maxRepos);
  const repos = prepared.map(repoInfo);
  const queries = repos.reduce((a, r) => a + r.queries, 0);
  log(`quality: natural dataset: ${repos.length} repositories (${repos.map((r) => r.name).join(', ')}), ${queries} queries`);
  const out: NaturalModel[] = [];
  for (const m of models) {
    const t0 = Date.now();
    const nm = await runNaturalModel(prepared, { modelDir: m.dir, modelName: m.name, modes: ['lexical', 'semantic', 'hybrid'], log });
    const chunks = Object.values(nm.index).reduce((a, x) => a + x.chunks, 0);
    log(`  natural/${m.name}: ${chunks} chunks in ${repos.length} indexes, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const [mode, r] of Object.entries(nm.runs)) {
      const cats = CATEGORIES.map((c) => `${c} ${fmt(r.perCategory[c]?.ndcg10)}`).join(', ');
      log(`  natural/${m.name}/${mode}: NDCG@10 ${fmt(r.overall.ndcg10)} (${cats}); Recall@10 ${fmt(r.overall.recall10)}, MRR@10 ${fmt(r.overall.mrr10)}${r.underfilled ? `; ${r.underfilled} queries under 10 files` : ''}`);
    }
    out.push(nm);
  }
  return { result: { k: NATURAL_K, repos, queries, models: out }, prepared };
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));
