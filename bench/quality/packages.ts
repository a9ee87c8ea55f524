// The npm packages (pinned dev dependencies) the quality corpora are built from, and which of their
// files hold readable, documented source. None of their code is committed: the corpora are built
// at run time from node_modules into bench/.work/.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CodePackage {
  name: string;
  /** Source files (relative to the package folder) whose documented functions become queries. */
  include: (rel: string) => boolean;
}

const ext = (rel: string, ...exts: string[]): boolean => exts.some((e) => rel.endsWith(e));
const under = (rel: string, dir: string): boolean => rel.startsWith(dir + '/');

/**
 * Chosen for readable source with doc comments (checked by the extractor's counts), and disjoint from
 * the packages kept for an independent check and from those the dev model was trained on.
 */
export const CODE_PACKAGES: CodePackage[] = [
  { name: 'es-toolkit', include: (r) => under(r, 'dist') && !under(r, 'dist/compat') && ext(r, '.mjs') },
  { name: 'remeda', include: (r) => under(r, 'dist') && ext(r, '.js') },
  { name: 'dayjs', include: (r) => under(r, 'esm') && ext(r, '.d.ts') },
  { name: 'decimal.js', include: (r) => r === 'decimal.mjs' },
  { name: 'bignumber.js', include: (r) => r === 'dist/bignumber.mjs' },
  { name: 'koa', include: (r) => under(r, 'lib') && ext(r, '.js') },
  { name: 'fastify', include: (r) => (r === 'fastify.js' || under(r, 'lib')) && ext(r, '.js') },
  { name: 'chart.js', include: (r) => r === 'dist/chart.js' || r === 'dist/helpers.js' || under(r, 'dist/chunks') && ext(r, '.js') },
  { name: 'ajv', include: (r) => under(r, 'lib') && ext(r, '.ts') && !ext(r, '.d.ts') },
  { name: 'knex', include: (r) => under(r, 'lib') && ext(r, '.js') },
  { name: 'socket.io', include: (r) => under(r, 'dist') && ext(r, '.js') },
];

/** Packages whose Markdown documentation makes the docs benchmark. */
export const DOC_PACKAGES = [
  'es-toolkit', 'remeda', 'dayjs', 'decimal.js', 'bignumber.js', 'koa', 'fastify', 'marked', 'chart.js', 'ajv', 'knex', 'socket.io',
];

/** Markdown files that are not documentation prose. */
export function isDocMarkdown(rel: string): boolean {
  const base = path.posix.basename(rel).toLowerCase();
  if (!base.endsWith('.md')) return false;
  if (/^(changelog|history|license|licence|security|sponsors|governance|contributing|code_of_conduct)/.test(base)) return false;
  return !rel.split('/').some((s) => s === 'test' || s === 'tests' || s === 'node_modules');
}

export function packageDir(repoRoot: string, name: string): string {
  return path.join(repoRoot, 'node_modules', name);
}

export function packageVersion(repoRoot: string, name: string): string {
  const pj = JSON.parse(fs.readFileSync(path.join(packageDir(repoRoot, name), 'package.json'), 'utf8')) as { version: string };
  return pj.version;
}

/** All files of a package (relative, forward slashes), nested node_modules excluded, sorted. */
export function listPackageFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Directory names the engine's scanner always skips (build output etc.) are renamed in the corpus copy. */
const RENAMED = new Set(['dist', 'build', 'out', 'target', 'coverage', 'node_modules']);
export function corpusPath(pkg: string, rel: string): string {
  const segs = rel.split('/').map((s, i, a) => (i < a.length - 1 && RENAMED.has(s) ? `${s}_` : s));
  return [pkg, ...segs].join('/');
}
