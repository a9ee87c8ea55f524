// The npm packages the quality corpora (and the perf corpora) are built from, pinned to an exact
// version and the registry tarball's integrity, and which of their files hold readable, documented
// source. They are data, not dependencies: bench/lib/sources.ts fetches each tarball into
// bench/.work/sources/ at bench time, verifies it and extracts it. None of their code is committed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchSource, type NpmSource } from '../lib/sources';

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

/** Exact versions and integrities (those package-lock.json held when the packages were devDependencies). */
export const PINS: Record<string, NpmSource> = Object.fromEntries(
  (
    [
      ['es-toolkit', '1.53.2', 'sha512-iUqZ+NlwH4jUgRmXZUxFBsV/9762TQEa1O4IXLFBmDEjVHScBytKuseX23I0+v9ShZ5MYxEx6WKNzm6IPnex8g=='],
      ['remeda', '2.61.0', 'sha512-x8v7/slXeMnUy4izdZecOVlorISUQC5sHbc2GIdaf2pNYQUKt30NREbGa68Ag/3bjkaK64e9qDu1X4S47bUZAQ=='],
      ['dayjs', '1.11.23', 'sha512-QDTCU0M0MxR3hQfnlDJfwekQiaanm1ubOD231u73WBckQ/fsamwRLiE2GBz6D3a/xF1NgfiDLJjXBa1hYOYTtQ=='],
      ['decimal.js', '10.6.0', 'sha512-YpgQiITW3JXGntzdUmyUR1V812Hn8T1YVXhCu+wO3OpS4eU9l4YdD3qjyiKdV6mvV29zapkMeD390UVEf2lkUg=='],
      ['bignumber.js', '11.1.5', 'sha512-6WmzCNtUnfKpbozq+hOgWaZMMzORmYBwF1xZScyoIX3QRYWeKTtxxwDOW5tIz7C9BdjkIYHGTcelCLkXg0mndw=='],
      ['koa', '3.3.0', 'sha512-NdsWJYxVzUuYt718DtEQRhUXqqsAPA4VlaUGrlidjh/T2TP/4OQXqQg4ouUHfHD9f+tgmwLZWPm+JQLgqM9YbA=='],
      ['fastify', '5.12.8', 'sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw=='],
      ['chart.js', '4.6.1', 'sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=='],
      ['ajv', '8.20.0', 'sha512-Thbli+OlOj+iMPYFBVBfJ3OmCAnaSyNn4M1vz9T6Gka5Jt9ba/HIR56joy65tY6kx/FCF5VXNB819Y7/GUrBGA=='],
      ['knex', '3.3.0', 'sha512-LgWl031hNuLv9Lhxdd9093zULa2aNcoP04Bk29e5NidgRcEr/T0rAr2WYi4BhjTiCDoQiRU56meUE5rppLKZzQ=='],
      ['socket.io', '4.8.4', 'sha512-9ZV9zg8vN8hO3Y25DhR7nUkJ1VDnBhq5O/JrXhFT9s6+F0gqytSASTHVfCFc2mJXaTfARroErplXlzFWwETZqQ=='],
      ['marked', '18.2.1', 'sha512-ii4bxCTCqqwpT86XZWgJNs+ZnAIZksmLGYMViWA7PDIXYIeNo1x6cDdX3JOip9NM/cI6p8z57FxliACboTruMA=='],
    ] as const
  ).map(([name, version, integrity]) => [name, { type: 'npm', package: name, version, integrity }]),
);

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

/**
 * Fetches (once, into bench/.work/sources/) the pinned tarballs of `names` and returns each extracted
 * folder, after checking that its package.json names the pinned version.
 */
export async function packageDirs(names: readonly string[], log?: (s: string) => void): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const pin = PINS[name];
    if (!pin) throw new Error(`bench: ${name} has no pin in bench/quality/packages.ts`);
    const { dir } = await fetchSource(pin, log);
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    if (pj.name !== name || pj.version !== pin.version) throw new Error(`bench: ${dir} holds ${pj.name}@${pj.version}, not ${name}@${pin.version}`);
    out[name] = dir;
  }
  return out;
}

export function packageVersion(name: string): string {
  return PINS[name].version;
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
