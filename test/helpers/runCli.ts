// Runs the built semsearch CLI as a user would (a child process), without the model environment variable.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './models';

export const CLI_BIN = path.join(repoRoot(), 'bin', 'semsearch.js');

export function runCli(args: string[], input?: string): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, SEMSEARCH_MODEL_DIR: '' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
