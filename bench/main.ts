// `npm run bench [-- --quick]`, `npm run bench:quality`, `npm run bench:perf`.
import * as os from 'node:os';
import { describeMachine } from './lib/machine';
import { commandLog } from './lib/cli';
import { CLI_PATH, REPO_ROOT } from './lib/paths';
import { runPerf } from './perf/run';
import { runQuality } from './quality/run';
import { saveRecord, writeReport } from './report';
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
  const only = argv.includes('--quality') ? 'quality' : argv.includes('--perf') ? 'perf' : 'all';
  if (argv.includes('--report')) {
    writeReport();
    return;
  }
  if (!fs.existsSync(CLI_PATH)) throw new Error(`bench: ${CLI_PATH} is missing; run \`npm run build\` first`);
  const script = only === 'all' ? 'bench' : `bench:${only}`;
  const command = `npm run ${script}${quick ? ' -- --quick' : ''}`;
  const t0 = Date.now();
  const log = (s: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  if (only !== 'perf') {
    const start = Date.now();
    const machine = describeMachine(REPO_ROOT);
    const result = await runQuality({ quick, smoke, log });
    if (smoke) {
      console.log(JSON.stringify(result).slice(0, 2000));
      return;
    }
    const file = saveRecord({ kind: 'quality', cliCommands: takeCommands(), date: new Date(start).toISOString(), command, quick, machine, loadAvgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), durationMs: Date.now() - start, result });
    log(`quality results: ${file}`);
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
