// semsearch similar <dir> <path>:<start>-<end>: code like that range, the range itself excluded.
import { UsageError, type CliArgs } from '../args';
import { openEngine, requireIndex } from '../openEngine';
import { printResults, toJsonResult } from '../output';

export function parseRange(spec: string | undefined): { path: string; startLine: number; endLine: number } {
  const m = spec ? /^(.*):(\d+)(?:-(\d+))?$/.exec(spec) : null;
  if (!m) throw new UsageError('similar needs <path>:<startLine>-<endLine>, e.g. src/a.ts:10-30');
  const startLine = Number(m[2]);
  const endLine = m[3] !== undefined ? Number(m[3]) : startLine;
  if (startLine < 1 || endLine < startLine) throw new UsageError(`Bad line range in ${spec}`);
  return { path: m[1], startLine, endLine };
}

export async function similarCommand(args: CliArgs): Promise<void> {
  const target = parseRange(args.positionals[1]);
  const engine = await openEngine(args, true);
  try {
    requireIndex(engine);
    const results = await engine.similar(target, { k: args.k, include: args.include, exclude: args.exclude, describe: true });
    if (args.json) process.stdout.write(JSON.stringify(results.map(toJsonResult)) + '\n');
    else printResults(results);
  } finally {
    await engine.close();
  }
}
