// Builds the docs dataset from the Markdown documentation of the pinned packages (fetched tarballs),
// parsed with marked's lexer (marked stays a devDependency as this tool; its own docs are fetched like
// the others'): the query is a section's first sentence, removed from the indexed copy (lines kept);
// the target is that section (its heading up to the next heading).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleStable } from '../lib/hash';
import { ensureDir, rmrf } from '../lib/paths';
import { blankRanges, sliceLines, uniqueQueries, writeCorpusFile, writeQueries, type Dataset, type OracleChunk, type Target } from './dataset';
import { corpusPath, DOC_PACKAGES, isDocMarkdown, listPackageFiles, packageVersion } from './packages';
import { firstSentenceEnd, toQuery } from './sentences';

interface MdToken {
  type: string;
  raw: string;
  depth?: number;
}
type Lexer = (src: string) => MdToken[];

async function loadLexer(): Promise<Lexer> {
  // marked is ESM-only; a real dynamic import survives the CommonJS build (module: node16).
  const m = (await import('marked')) as unknown as { lexer: Lexer };
  return (src) => m.lexer(src);
}

interface Section {
  start: number;
  end: number;
  query: string;
  blank: { start: number; end: number } | null;
}

function sectionsOf(src: string, tokens: MdToken[]): Section[] {
  const out: Section[] = [];
  let off = 0;
  let cur: Section | null = null;
  let expectFirst = false;
  for (const t of tokens) {
    const start = off;
    off += t.raw.length;
    if (t.type === 'heading') {
      if (cur) cur.end = start;
      cur = { start, end: src.length, query: '', blank: null };
      out.push(cur);
      expectFirst = true;
      continue;
    }
    if (!cur || !expectFirst || t.type === 'space') continue;
    expectFirst = false;
    if (t.type !== 'paragraph') continue;
    const lead = t.raw.length - t.raw.trimStart().length;
    const end = firstSentenceEnd(t.raw);
    const q = toQuery(t.raw.slice(lead, end));
    if (q) {
      cur.query = q;
      cur.blank = { start: start + lead, end: start + end };
    }
  }
  return out;
}

export interface BuildOptions {
  workDir: string;
  /** Extracted folder of each package (packages.ts packageDirs). */
  packageDirs: Record<string, string>;
  perPackage: number;
}

export async function buildDocsDataset(o: BuildOptions): Promise<Dataset> {
  const lexer = await loadLexer();
  const dir = path.join(o.workDir, 'quality', 'docs');
  rmrf(dir);
  ensureDir(dir);
  let targets: Target[] = [];
  const oracle: OracleChunk[] = [];
  const packages: Record<string, string> = {};
  let files = 0;
  for (const name of DOC_PACKAGES) {
    const pdir = o.packageDirs[name];
    if (!pdir || !fs.existsSync(pdir)) throw new Error(`bench: ${name} was not fetched`);
    packages[name] = packageVersion(name);
    const pkgTargets: Target[] = [];
    for (const rel of listPackageFiles(pdir).filter(isDocMarkdown)) {
      const src = fs.readFileSync(path.join(pdir, rel), 'utf8').replace(/\r\n?/g, '\n');
      const tokens = lexer(src);
      if (tokens.map((t) => t.raw).join('') !== src) continue; // offsets would be wrong
      const sections = sectionsOf(src, tokens);
      const withQuery = sections.filter((s) => s.blank);
      const blanked = blankRanges(src, withQuery.map((s) => s.blank!));
      const cpath = corpusPath(name, rel);
      writeCorpusFile(dir, cpath, blanked);
      files++;
      const lineOf = (pos: number): number => src.slice(0, pos).split('\n').length;
      for (const s of sections) {
        const body = src.slice(s.start, s.end).replace(/\s+$/, '');
        const span = { startLine: lineOf(s.start), endLine: lineOf(s.start + body.length) };
        oracle.push({ path: cpath, ...span, text: sliceLines(blanked, span.startLine, span.endLine) });
        if (s.query) pkgTargets.push({ id: '', pkg: name, query: s.query, path: cpath, ...span, symbol: '' });
      }
    }
    targets.push(...sampleStable(uniqueQueries(pkgTargets), o.perPackage, (t) => `${t.path}:${t.startLine}`));
  }
  targets = uniqueQueries(targets).map((t, i) => ({ ...t, id: `d${i}` }));
  const queriesFile = path.join(o.workDir, 'quality', 'docs-queries.jsonl');
  writeQueries(queriesFile, targets);
  return { name: 'docs', dir, queriesFile, targets, oracle, packages, files };
}
