// Runs the `semsearch` CLI exactly as README.md documents it, in a child process, and measures its
// wall time and peak RSS (the child reports its VmHWM through a preload, peakRss.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexSummary } from '../../src/core';
import { BIN_PATH, CLI_PATH, REPO_ROOT } from './paths';

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
  wallMs: number;
  /** Peak resident set size of the child in bytes (null if not reported). */
  maxRssBytes: number | null;
}

const RSS_PRELOAD = path.join(REPO_ROOT, 'out', 'bench', 'lib', 'rssPreload.js');

export interface CliOptions {
  /** Extra node --require modules for the child (e.g. the ORT batch recorder). */
  preload?: string[];
  env?: Record<string, string>;
  /** Kill after this many ms. */
  timeoutMs?: number;
}

/** Every distinct CLI invocation of this process, as a shell command line (for the report). */
export const commandLog = new Set<string>();

const shellQuote = (a: string): string => (/^[\w./:@=+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Where the OS runs a script through its shebang, the bench does too: the shebang sets the CLI's environment. */
const THROUGH_SHEBANG = process.platform !== 'win32';

export function runCli(args: string[], o: CliOptions = {}): Promise<CliRun> {
  commandLog.add([...(THROUGH_SHEBANG ? [`./${path.relative(REPO_ROOT, BIN_PATH)}`] : ['node', path.relative(REPO_ROOT, CLI_PATH)]), ...args].map(shellQuote).join(' '));
  const rssFile = path.join(os.tmpdir(), `semsearch-bench-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const preloads = [RSS_PRELOAD, ...(o.preload ?? [])];
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env, SEMSEARCH_BENCH_RSS_FILE: rssFile };
  let command = process.execPath;
  let argv = [...preloads.flatMap((p) => ['--require', p]), CLI_PATH, ...args];
  if (THROUGH_SHEBANG) {
    // The script itself, preloads through NODE_OPTIONS, and this Node first on PATH for the shebang's `node`.
    command = BIN_PATH;
    argv = args;
    env.NODE_OPTIONS = [env.NODE_OPTIONS ?? '', ...preloads.map((p) => `--require ${JSON.stringify(p)}`)].join(' ').trim();
    env.PATH = [path.dirname(process.execPath), env.PATH ?? ''].join(path.delimiter);
  }
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = o.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), o.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - t0;
      let maxRssBytes: number | null = null;
      try {
        maxRssBytes = Number(fs.readFileSync(rssFile, 'utf8')) * 1024;
        fs.rmSync(rssFile, { force: true });
      } catch {
        /* not reported */
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1, wallMs, maxRssBytes });
    });
  });
}

/** Runs the CLI and fails with its stderr when it exits non-zero. */
export async function runCliOk(args: string[], o: CliOptions = {}): Promise<CliRun> {
  const r = await runCli(args, o);
  if (r.code !== 0) throw new Error(`semsearch ${args.join(' ')} failed (${r.code}): ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  return r;
}

export interface BatchLine {
  id: string;
  results: { path: string; startLine: number; endLine: number; score: number }[];
  ms: number;
}

export function parseBatch(stdout: string): BatchLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as BatchLine);
}

/** What `semsearch index --json` prints: the engine's summary without the cancel flag. */
export type IndexJson = Omit<IndexSummary, 'cancelled'>;

export function parseIndex(stdout: string): IndexJson {
  const start = stdout.indexOf('{');
  return JSON.parse(stdout.slice(start)) as IndexJson;
}
