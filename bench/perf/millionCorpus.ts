// The million-chunk corpus: the scale corpus (distinct real code) once as it is, then again in copies whose
// identifiers are perturbed — in copy k, about a third of the distinct identifiers get the suffix `K<k>` (chosen by a
// hash of the identifier and k) — so every chunk has its own content and vector. Copies of one chunk stay near each
// other, like vendored code with local edits: a harder case for approximate search than distinct code, not an easier one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDir, rmrf } from '../lib/paths';

const IDENT = /\b[A-Za-z_$][\w$]{3,}\b/g;
// Words the languages reserve stay as they are: a suffixed keyword would turn the copy into a syntax error and change its chunks.
const KEYWORDS = new Set(
  (
    'abstract any async await bigint boolean break case catch class const constructor continue debugger declare default delete ' +
    'else enum export exports extends false finally from function implements import infer instanceof interface keyof module ' +
    'namespace never null number object override private protected public readonly require return satisfies static string super ' +
    'switch symbol this throw true type typeof undefined unique unknown void while with yield'
  ).split(' '),
);

/** FNV-1a, 32 bits: a cheap stable hash (millions of identifiers). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function perturb(text: string, copy: number): string {
  return text.replace(IDENT, (w) => (!KEYWORDS.has(w) && fnv1a(`${w}#${copy}`) % 3 === 0 ? `${w}K${copy}` : w));
}

/** Writes `copy-0` (the files as they are) and `copy-1` … `copy-<copies>` (perturbed) of every file under `srcDir`. */
export function writeMillionCorpus(srcDir: string, dstDir: string, copies: number): number {
  rmrf(dstDir);
  ensureDir(dstDir);
  let n = 0;
  const files = fs.readdirSync(srcDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const e of files) {
    const abs = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    const rel = path.relative(srcDir, abs);
    const text = fs.readFileSync(abs, 'utf8');
    for (let k = 0; k <= copies; k++) {
      const dst = path.join(dstDir, `copy-${k}`, rel);
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.writeFileSync(dst, k === 0 ? text : perturb(text, k));
      n++;
    }
  }
  return n;
}
