// `node out/bench/quality/checkNatural.js [file.json ...]` (default: every file in bench/quality/natural/):
// checks a natural query file before it is committed: its format, that its repository is on no
// exclusion list, that its source downloads and matches its pin, and that every relevant file exists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchSource } from '../lib/sources';
import { CATEGORIES, formatProblems, missingFiles, NATURAL_DIR, type NaturalRepo } from './natural';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.length ? args : fs.readdirSync(NATURAL_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(NATURAL_DIR, f));
  let bad = 0;
  for (const file of files) {
    let problems: string[];
    let repo: NaturalRepo | null = null;
    try {
      const d = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      problems = formatProblems(d, path.basename(file));
      if (!problems.length) repo = d as NaturalRepo;
    } catch (e) {
      problems = [`${path.basename(file)}: ${(e as Error).message}`];
    }
    if (repo) {
      try {
        const { dir } = await fetchSource(repo.source, (s) => console.log(`  ${s}`));
        problems.push(...missingFiles(repo, dir));
      } catch (e) {
        problems.push(`${repo.name}: ${(e as Error).message}`);
      }
    }
    if (problems.length) {
      bad++;
      console.log(`FAIL ${file}\n  ${problems.join('\n  ')}`);
    } else {
      const n = (c: string): number => repo!.queries.filter((q) => q.category === c).length;
      console.log(`ok   ${file}: ${repo!.name} (${repo!.language}), ${repo!.queries.length} queries (${CATEGORIES.map((c) => `${c} ${n(c)}`).join(', ')})`);
    }
  }
  if (bad) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
