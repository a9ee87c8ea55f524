import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memGiB: number;
  os: string;
  node: string;
  loadAvgStart: number[];
  commit: string;
}

export function describeMachine(repoRoot: string): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes)';
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAvgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    commit,
  };
}
