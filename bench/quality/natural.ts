// The natural developer-query benchmark's dataset: one JSON file per repository in
// bench/quality/natural/ (format in bench/README.md), each naming a pinned source (npm or Debian .orig
// tarball) and ~25 queries a developer would type, with the file(s) they would want to open. Relevance is
// binary and file-level. This module loads and checks the files; runNatural.ts runs them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../lib/paths';
import { describeSource, validateSource, type Source } from '../lib/sources';

export const CATEGORIES = ['semantic', 'architecture', 'symbol'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface NaturalQuery {
  id: string;
  category: Category;
  query: string;
  /** Files relative to the extracted source root, forward slashes, primary first. */
  relevant: string[];
}

export interface NaturalRepo {
  name: string;
  language: string;
  source: Source;
  note: string;
  queries: NaturalQuery[];
}

export const NATURAL_DIR = path.join(REPO_ROOT, 'bench', 'quality', 'natural');

/**
 * Repositories and packages no benchmark may use (copied from the dataset spec): semble's benchmark
 * repositories, the packages held out for an independent check, the docstring benchmark's own packages,
 * and what the dev model was trained on. Kept here so a new query file naming one of them fails.
 */
export const EXCLUDED: Record<string, readonly string[]> = {
  'semble benchmark repositories': [
    'aiohttp', 'fastapi', 'flask', 'httpx', 'model2vec', 'pydantic', 'requests', 'starlette', 'axios', 'express', 'redux', 'gin',
    'cobra', 'chi', 'gson', 'commons-lang', 'jackson-databind', 'guzzle', 'monolog', 'laravel', 'sinatra', 'rack', 'rails', 'tokio',
    'trpc', 'messagepack-csharp', 'ktor', 'cats', 'alamofire', 'click', 'serde', 'zod', 'nlohmann-json', 'phoenix', 'axum', 'vitest',
    'newtonsoft-json', 'dapper', 'kotlinx-coroutines', 'exposed', 'circe', 'http4s', 'vapor', 'plug', 'ecto', 'abseil-cpp', 'fmt',
    'curl', 'redis', 'libuv', 'bats-core', 'aeson', 'telescope.nvim', 'lazy.nvim', 'zig', 'nvm', 'bash-it', 'pandoc', 'xmonad',
    'mini.nvim', 'zls', 'zig-clap',
  ],
  'held-out packages': ['lodash', 'underscore', 'date-fns', 'ramda', 'validator', 'mathjs', 'd3', 'three', 'moment', 'axios', 'express', 'mongoose'],
  'docstring-benchmark packages': ['es-toolkit', 'remeda', 'dayjs', 'decimal.js', 'bignumber.js', 'koa', 'fastify', 'chart.js', 'ajv', 'knex', 'socket.io', 'marked'],
  "dev model's training packages": [
    'rxjs', 'immutable', 'luxon', 'async', 'yargs', 'commander', 'fs-extra', 'ws', 'zod', 'joi', 'uuid', 'glob', 'minimatch', 'semver',
    'eslint', "pip's vendored libraries", 'numpy', 'scipy', 'sympy', 'botocore', 'networkx', 'pygments',
  ],
};

/** The project name a source stands for: the npm package, or the Debian source package minus its rust-/golang-/python- prefix. */
function sourceProject(s: Source): string[] {
  if (s.type === 'npm') return [s.package.toLowerCase()];
  const pkg = path.posix.basename(new URL(s.url).pathname).split('_')[0].toLowerCase();
  const names = [pkg, pkg.replace(/^(rust|golang|python3?|node|ruby|php|lib)-/, '')];
  const gh = /^golang-github-[^-]+-(.+)$/.exec(pkg);
  if (gh) names.push(gh[1]);
  return names;
}

/** The exclusion list a name falls in, or null. */
export function excludedBy(names: string[]): string | null {
  for (const [list, items] of Object.entries(EXCLUDED)) {
    for (const n of names) if (items.includes(n.toLowerCase())) return `${n} is in the ${list}`;
  }
  return null;
}

/** Format problems of a parsed query file (empty when it is well formed). Paths are checked separately, against the fetched tree. */
export function formatProblems(d: unknown, file: string): string[] {
  const p: string[] = [];
  const r = d as Partial<NaturalRepo>;
  if (!r || typeof r !== 'object') return [`${file}: not an object`];
  if (typeof r.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(r.name)) p.push(`name must be a lowercase slug (got ${JSON.stringify(r.name)})`);
  else if (path.basename(file, '.json') !== r.name) p.push(`file name ${path.basename(file)} does not match name "${r.name}"`);
  if (typeof r.language !== 'string' || !r.language) p.push('language is missing');
  if (typeof r.note !== 'string') p.push('note is missing');
  try {
    validateSource(r.source as Source);
    const ex = excludedBy([r.name ?? '', ...sourceProject(r.source as Source)]);
    if (ex) p.push(`excluded repository: ${ex}`);
  } catch (e) {
    p.push((e as Error).message);
  }
  if (!Array.isArray(r.queries) || r.queries.length === 0) return [...p, 'queries is empty'].map((x) => `${file}: ${x}`);
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const [i, q] of r.queries.entries()) {
    const at = `query ${i} (${q?.id ?? '?'})`;
    if (typeof q.id !== 'string' || !q.id) p.push(`${at}: id is missing`);
    else if (ids.has(q.id)) p.push(`${at}: duplicate id`);
    else ids.add(q.id);
    if (!CATEGORIES.includes(q.category)) p.push(`${at}: category must be one of ${CATEGORIES.join(', ')} (got ${JSON.stringify(q.category)})`);
    if (typeof q.query !== 'string' || !q.query.trim()) p.push(`${at}: query text is missing`);
    else if (texts.has(q.query.trim().toLowerCase())) p.push(`${at}: duplicate query text`);
    else texts.add(q.query.trim().toLowerCase());
    if (!Array.isArray(q.relevant) || q.relevant.length === 0) p.push(`${at}: relevant is empty`);
    else {
      for (const f of q.relevant) {
        if (typeof f !== 'string' || !f || f.startsWith('/') || f.includes('\\') || f.split('/').includes('..') || f.startsWith('./'))
          p.push(`${at}: relevant path ${JSON.stringify(f)} must be relative with forward slashes`);
      }
      if (new Set(q.relevant).size !== q.relevant.length) p.push(`${at}: relevant lists a file twice`);
    }
  }
  return p.map((x) => `${file}: ${x}`);
}

/** Relevant files missing from the extracted tree. */
export function missingFiles(repo: NaturalRepo, treeDir: string): string[] {
  const out: string[] = [];
  for (const q of repo.queries) {
    for (const f of q.relevant) {
      const abs = path.join(treeDir, ...f.split('/'));
      if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) out.push(`${repo.name}: ${q.id}: ${f} is not a file of ${describeSource(repo.source)}`);
    }
  }
  return out;
}

export interface LoadedRepo {
  file: string;
  repo: NaturalRepo;
}

/** Every query file of a folder (sorted by name); throws on a malformed one (a broken file must not shrink the benchmark silently). */
export function loadNaturalRepos(dir = NATURAL_DIR): LoadedRepo[] {
  if (!fs.existsSync(dir)) return [];
  const out: LoadedRepo[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const file = path.join(dir, f);
    const d = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    const problems = formatProblems(d, path.relative(REPO_ROOT, file));
    if (problems.length) throw new Error(`bench: malformed natural query file:\n  ${problems.join('\n  ')}`);
    out.push({ file, repo: d as NaturalRepo });
  }
  return out;
}
