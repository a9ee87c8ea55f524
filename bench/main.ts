// `npm run bench [-- --quick]`, `npm run bench:quality`, `npm run bench:perf`.
import * as os from 'node:os';
import { describeMachine } from './lib/machine';
import { commandLog } from './lib/cli';
import { ARCH_MODEL, CLI_PATH, REPO_ROOT, RESULTS_DIR, STATIC_MODEL, WORK_DIR } from './lib/paths';
import { benchEmbedding } from './perf/embedding';
import { adapterSection, runAdapterPerf } from './perf/adapter';
import { lexicalTopk, lexicalTopkSection } from './perf/lexicalTopk';
import { runMillion, runPerf } from './perf/run';
import { runTeamPerf } from './perf/team';
import * as path from 'node:path';
import { runQuality, type QualityPart } from './quality/run';
import { embeddingSection, saveRecord, writePartialReport, writeReport } from './report';
import * as fs from 'node:fs';

function takeCommands(): string[] {
  const c = [...commandLog];
  commandLog.clear();
  return c;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const smoke = argv.includes('--smoke'); // develop the benchmark itself: tiny sizes, not a result
  const quick = argv.includes('--quick') || smoke;
  // `--only adapter`: the query adapter's training time and per-query cost alone (see perf/adapter.ts).
  // Quality options: `--only natural|docstring` runs one quality benchmark (fast iteration: its record is
  // saved but neither becomes the latest nor rewrites BENCHMARKS.md); `--no-ablations` skips the ablation table.
  const onlyAt = argv.indexOf('--only');
  const part = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  if (part === 'team') {
    // The team store next to the embedded index (`--quick`: about 5,000 chunks; `--team-scale N`; default 100,000).
    const scaleAt = argv.indexOf('--team-scale');
    const t0 = Date.now();
    const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
    const scale = scaleAt >= 0 ? Number(argv[scaleAt + 1]) : quick ? 5_000 : 100_000;
    if (!Number.isInteger(scale) || scale < 100) throw new Error('bench: --team-scale takes a number of chunks (at least 100)');
    const result = await runTeamPerf({ scale, queries: quick ? 30 : 50, log });
    const file = path.join(RESULTS_DIR, `team-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ kind: 'team', date: new Date().toISOString(), quick, machine: describeMachine(REPO_ROOT), loadAvgEnd: os.loadavg(), result }, null, 2));
    log(`team results: ${file}`);
    return;
  }
  if (part === 'adapter') {
    // The query adapter's speed targets alone (also part of every bench:perf run): saved, printed, BENCHMARKS.md untouched.
    const t0 = Date.now();
    const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
    const machine = describeMachine(REPO_ROOT);
    const result = await runAdapterPerf({ log });
    const date = new Date(t0).toISOString();
    const file = path.join(RESULTS_DIR, `adapter-${date.replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ kind: 'adapter', date, command: 'npm run bench:perf -- --only adapter', machine, durationMs: Date.now() - t0, result }, null, 1));
    console.log(`\n${adapterSection(result, 'npm run bench:perf -- --only adapter')}\n`);
    log(`adapter results: ${file} (BENCHMARKS.md left as it was)`);
    return;
  }
  if (part === 'million') {
    // b1 precision at about a million chunks (half an hour): its own record, shown in BENCHMARKS.md's speed section.
    const t0 = Date.now();
    const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
    const copiesAt = argv.indexOf('--copies');
    const copies = copiesAt >= 0 ? Number(argv[copiesAt + 1]) : 8;
    if (!Number.isInteger(copies) || copies < 1) throw new Error('bench: --copies takes a whole number ≥ 1');
    const machine = describeMachine(REPO_ROOT);
    const result = await runMillion({ copies, log });
    const command = `npm run bench:perf -- --only million${copiesAt >= 0 ? ` --copies ${copies}` : ''}`;
    const file = saveRecord({ kind: 'million', cliCommands: takeCommands(), date: new Date(t0).toISOString(), command, quick: false, machine, loadAvgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), durationMs: Date.now() - t0, result });
    writeReport();
    log(`million results: ${file}; BENCHMARKS.md written`);
    return;
  }
  if (part === 'embedding') {
    // Step 1 of bench:perf alone (indexing throughput vs. the replay and sweep ceilings, and the profile) on a
    // folder of your choice: `--corpus <dir>` (required), `--reps N` (default 2), `--sweep-tokens N` (default 20,000).
    // Saved and printed; BENCHMARKS.md untouched.
    const arg = (name: string): string | undefined => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
    const corpus = arg('--corpus');
    if (!corpus || !fs.existsSync(corpus)) throw new Error('bench: --only embedding needs --corpus <dir> (an existing folder)');
    const reps = Number(arg('--reps') ?? 2);
    const sweepTokens = Number(arg('--sweep-tokens') ?? 20_000);
    if (!Number.isInteger(reps) || reps < 1 || !Number.isInteger(sweepTokens) || sweepTokens < 100) throw new Error('bench: --reps and --sweep-tokens take positive integers');
    const t0 = Date.now();
    const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
    const machine = describeMachine(REPO_ROOT);
    const result = await benchEmbedding({ corpusDir: path.resolve(corpus), modelDir: ARCH_MODEL, staticModelDir: STATIC_MODEL, reps, sweepTokens, log });
    const date = new Date(t0).toISOString();
    const command = `node out/bench/main.js --only embedding --corpus ${corpus} --reps ${reps} --sweep-tokens ${sweepTokens}`;
    const file = path.join(RESULTS_DIR, `embedding-${date.replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ kind: 'embedding', date, command, machine, loadAvgEnd: os.loadavg(), durationMs: Date.now() - t0, result }, null, 1));
    console.log(`\n${embeddingSection(result).join('\n')}\n`);
    log(`embedding results: ${file} (BENCHMARKS.md left as it was)`);
    return;
  }
  if (part === 'lexical') {
    // The lexical top k with and without pruning on an existing index (`--index <dir>`, default the scale corpus's
    // b1 index; `--reps N`, default 3): printed, saved; BENCHMARKS.md untouched.
    const arg = (name: string): string | undefined => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
    const indexDir = arg('--index') ?? path.join(WORK_DIR, 'perf', 'index-b1-scale');
    const queriesFile = path.join(WORK_DIR, 'perf', 'latency-queries.jsonl');
    if (!fs.existsSync(queriesFile)) throw new Error('bench: --only lexical needs the latency queries of a perf run (bench/.work/perf/latency-queries.jsonl)');
    const reps = Number(arg('--reps') ?? 3);
    if (!Number.isInteger(reps) || reps < 1) throw new Error('bench: --reps takes a positive integer');
    const queries = fs
      .readFileSync(queriesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; query: string })
      .filter((q) => !q.id.startsWith('warm'))
      .map((q) => q.query);
    const t0 = Date.now();
    const result = lexicalTopk(indexDir, queries, reps);
    const command = `npm run bench:perf -- --only lexical --index ${path.relative(REPO_ROOT, indexDir)} --reps ${reps}`;
    const date = new Date(t0).toISOString();
    const file = path.join(RESULTS_DIR, `lexical-${date.replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ kind: 'lexical', date, command, machine: describeMachine(REPO_ROOT), loadAvgEnd: os.loadavg(), durationMs: Date.now() - t0, result }, null, 1));
    console.log(`\n${lexicalTopkSection(result, command)}\n`);
    console.log(`lexical results: ${file} (BENCHMARKS.md left as it was)`);
    if (result.differing > 0) throw new Error(`bench: pruned lexical search differs from the exhaustive one on ${result.differing} queries`);
    return;
  }
  if (onlyAt >= 0 && part !== 'natural' && part !== 'docstring') throw new Error('bench: --only takes natural, docstring, team, adapter, million, embedding or lexical');
  const only = argv.includes('--quality') || part ? 'quality' : argv.includes('--perf') ? 'perf' : 'all';
  const ablations = !argv.includes('--no-ablations');
  const adapter = !argv.includes('--no-adapter');
  if (argv.includes('--report')) {
    writeReport();
    return;
  }
  if (!fs.existsSync(CLI_PATH)) throw new Error(`bench: ${CLI_PATH} is missing; run \`npm run build\` first`);
  const script = only === 'all' ? 'bench' : `bench:${only}`;
  const extra = [quick ? '--quick' : '', part ? `--only ${part}` : '', ablations ? '' : '--no-ablations', adapter ? '' : '--no-adapter'].filter(Boolean);
  const command = `npm run ${script}${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
  const t0 = Date.now();
  const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  if (only !== 'perf') {
    const start = Date.now();
    const machine = describeMachine(REPO_ROOT);
    const result = await runQuality({ quick, smoke, log, only: part as QualityPart | undefined, ablations, adapter });
    if (smoke) {
      console.log(JSON.stringify(result).slice(0, 2000));
      return;
    }
    const record = { kind: 'quality' as const, cliCommands: takeCommands(), date: new Date(start).toISOString(), command, quick, machine, loadAvgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), durationMs: Date.now() - start, result };
    const file = saveRecord(record, { latest: !part });
    log(`quality results: ${file}`);
    if (part) {
      // A partial run: its report section goes to the terminal (and bench/results/partial.md), not to BENCHMARKS.md.
      const md = writePartialReport(record);
      console.log(`\n${md}`);
      log('partial run (--only): BENCHMARKS.md left as it was; this section is also in bench/results/partial.md');
      return;
    }
  }
  if (only !== 'quality') {
    const start = Date.now();
    const machine = describeMachine(REPO_ROOT);
    const result = await runPerf({ quick, smoke, log });
    if (smoke) {
      console.log(JSON.stringify(result, null, 1));
      return;
    }
    const file = saveRecord({ kind: 'perf', cliCommands: takeCommands(), date: new Date(start).toISOString(), command, quick, machine, loadAvgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), durationMs: Date.now() - start, result });
    log(`perf results: ${file}`);
  }
  writeReport();
  log(`BENCHMARKS.md and bench/results/latest.md written (total ${((Date.now() - t0) / 60000).toFixed(1)} min)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
