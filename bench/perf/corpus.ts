// Real corpora for the speed benchmarks: the unmodified sources and Markdown docs of the pinned
// packages (fetched tarballs, see quality/packages.ts), copied out, and grown by copying.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleStable } from '../lib/hash';
import { ensureDir, rmrf } from '../lib/paths';
import { CODE_PACKAGES, corpusPath, DOC_PACKAGES, isDocMarkdown, listPackageFiles, packageDirs } from '../quality/packages';

export interface CorpusFile {
  rel: string;
  abs: string;
}

export async function baseFiles(log?: (s: string) => void): Promise<CorpusFile[]> {
  const dirs = await packageDirs([...new Set([...CODE_PACKAGES.map((p) => p.name), ...DOC_PACKAGES])], log);
  const out: CorpusFile[] = [];
  for (const p of CODE_PACKAGES) {
    const dir = dirs[p.name];
    for (const r of listPackageFiles(dir).filter(p.include)) out.push({ rel: corpusPath(p.name, r), abs: path.join(dir, r) });
  }
  for (const name of DOC_PACKAGES) {
    const dir = dirs[name];
    for (const r of listPackageFiles(dir).filter(isDocMarkdown)) out.push({ rel: corpusPath(name, r), abs: path.join(dir, r) });
  }
  return out;
}

/** Writes `files` (or a stable sample of `maxFiles` of them) into a fresh `dir`. */
export function writeCorpus(dir: string, files: CorpusFile[], maxFiles?: number): number {
  rmrf(dir);
  ensureDir(dir);
  const chosen = maxFiles !== undefined ? sampleStable(files, maxFiles, (f) => f.rel) : files;
  for (const f of chosen) {
    const dst = path.join(dir, ...f.rel.split('/'));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(f.abs, dst);
  }
  return chosen.length;
}

const copyName = (i: number): string => `copy-${String(i).padStart(3, '0')}`;

/**
 * A corpus of `copies` whole copies of `srcDir` side by side (`dir/copy-001/…`, `dir/copy-002/…`),
 * plus, when `partial` files are given, one more copy holding only those files.
 */
export function growCorpus(srcDir: string, dir: string, copies: number, partial?: { files: CorpusFile[]; count: number }): void {
  rmrf(dir);
  ensureDir(dir);
  for (let i = 1; i <= copies; i++) fs.cpSync(srcDir, path.join(dir, copyName(i)), { recursive: true });
  if (partial && partial.count > 0) {
    for (const f of sampleStable(partial.files, partial.count, (x) => x.rel)) {
      const dst = path.join(dir, copyName(copies + 1), ...f.rel.split('/'));
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.copyFileSync(f.abs, dst);
    }
  }
}

export function countFiles(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

/** Bytes of the files directly in an index folder, by name. */
export function folderBytes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.isFile()) out[r] = fs.statSync(path.join(d, e.name)).size;
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out;
}
