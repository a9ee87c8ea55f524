// Builds the docstring → code dataset (CodeSearchNet style) from pinned npm packages (fetched tarballs):
// documented functions found with the TypeScript compiler API; their doc comments blanked in the
// indexed copy (line numbers kept); the query is the comment's first sentence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleStable } from '../lib/hash';
import { rmrf, ensureDir } from '../lib/paths';
import { blankRanges, sliceLines, uniqueQueries, writeCorpusFile, writeQueries, type Dataset, type OracleChunk, type Target } from './dataset';
import { extractFunctions } from './extractCode';
import { CODE_PACKAGES, corpusPath, listPackageFiles, packageVersion } from './packages';

export interface BuildOptions {
  workDir: string;
  /** Extracted folder of each package (packages.ts packageDirs). */
  packageDirs: Record<string, string>;
  /** Most queries per package (deterministic sample). */
  perPackage: number;
}

export function buildCodeDataset(o: BuildOptions): Dataset {
  const dir = path.join(o.workDir, 'quality', 'code');
  rmrf(dir);
  ensureDir(dir);
  let targets: Target[] = [];
  const oracle: OracleChunk[] = [];
  const packages: Record<string, string> = {};
  let files = 0;
  for (const pkg of CODE_PACKAGES) {
    const pdir = o.packageDirs[pkg.name];
    if (!pdir || !fs.existsSync(pdir)) throw new Error(`bench: ${pkg.name} was not fetched`);
    packages[pkg.name] = packageVersion(pkg.name);
    const pkgTargets: Target[] = [];
    for (const rel of listPackageFiles(pdir).filter(pkg.include)) {
      const text = fs.readFileSync(path.join(pdir, rel), 'utf8');
      const ex = extractFunctions(rel, text);
      const cpath = corpusPath(pkg.name, rel);
      // Blank every documented function's comment that is a candidate target.
      const blanked = blankRanges(text, ex.documented.map((d) => ({ start: d.docStart, end: d.docEnd })));
      writeCorpusFile(dir, cpath, blanked);
      files++;
      for (const d of ex.documented) {
        pkgTargets.push({ id: '', pkg: pkg.name, query: d.query, path: cpath, startLine: d.startLine, endLine: d.endLine, symbol: d.symbol });
      }
      for (const f of ex.functions) {
        oracle.push({ path: cpath, startLine: f.startLine, endLine: f.endLine, text: sliceLines(blanked, f.startLine, f.endLine) });
      }
    }
    targets.push(...sampleStable(uniqueQueries(pkgTargets), o.perPackage, (t) => `${t.path}:${t.startLine}:${t.symbol}`));
  }
  targets = uniqueQueries(targets).map((t, i) => ({ ...t, id: `c${i}` }));
  const queriesFile = path.join(o.workDir, 'quality', 'code-queries.jsonl');
  writeQueries(queriesFile, targets);
  return { name: 'code', dir, queriesFile, targets, oracle: pruneOracle(oracle, targets), packages, files };
}

/**
 * Oracle chunks are whole named functions. A function that strictly contains a target (e.g. the
 * closure wrapping a whole library) is dropped, so a hit means the function itself was found.
 */
function pruneOracle(chunks: OracleChunk[], targets: Target[]): OracleChunk[] {
  const byPath = new Map<string, Target[]>();
  for (const t of targets) byPath.set(t.path, [...(byPath.get(t.path) ?? []), t]);
  return chunks.filter((c) => {
    const ts = byPath.get(c.path) ?? [];
    return !ts.some((t) => c.startLine <= t.startLine && c.endLine >= t.endLine && (c.startLine < t.startLine || c.endLine > t.endLine));
  });
}
