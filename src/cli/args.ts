// Command-line parsing for semsearch (node:util parseArgs), shared by every sub-command.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const USAGE = `Usage:
  semsearch index   <dir> [--model <modeldir>] [--index-dir <dir>] [--json]
  semsearch query   <dir> "<text>" [-k 10] [--mode hybrid|semantic|lexical] [--json]
  semsearch query   <dir> --queries <file.jsonl> [-k 10] [--mode ...] --json
  semsearch similar <dir> <path>:<startLine>-<endLine> [-k 10] [--json]
  semsearch clusters <dir> [--k N] [--json]
  semsearch stats   <dir> [--json]
  semsearch watch   <dir>
  semsearch eval    <dir> [--pairs 500] [--seed 42] [--json]
  semsearch adapt   <dir> [--pairs 5000] [--seed 42] [--json]

Common options: --model <dir>, --index-dir <dir>, --include <glob> (repeatable), --exclude <glob> (repeatable),
  --adapter auto|off (use the trained query adapter when it helps, or never), --allow-secret <glob> (repeatable: index a secret-looking file or folder anyway), --max-file-size <bytes>, --precision i8|f16|f32, --threads <n>, --semantic-weight <0..1>, --quiet`;

export interface CliArgs {
  command: string;
  positionals: string[];
  json: boolean;
  quiet: boolean;
  model?: string;
  indexDir?: string;
  k: number;
  clusterK?: number;
  mode: 'hybrid' | 'semantic' | 'lexical';
  queries?: string;
  include?: string[];
  exclude?: string[];
  allowSecrets?: string[];
  maxFileBytes?: number;
  precision: 'i8' | 'f16' | 'f32';
  threads?: number;
  semanticWeight?: number;
  debounceMs: number;
  /** eval / adapt: at most this many mined pairs. */
  pairs?: number;
  seed?: number;
  adapter: 'auto' | 'off';
}

export function parseCli(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      model: { type: 'string' },
      'index-dir': { type: 'string' },
      k: { type: 'string', short: 'k' },
      mode: { type: 'string' },
      queries: { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'allow-secret': { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      precision: { type: 'string' },
      threads: { type: 'string' },
      'semantic-weight': { type: 'string' },
      debounce: { type: 'string' },
      pairs: { type: 'string' },
      seed: { type: 'string' },
      adapter: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) throw new UsageError(USAGE);
  const [command, ...rest] = positionals;
  const mode = (values.mode ?? 'hybrid') as CliArgs['mode'];
  if (!['hybrid', 'semantic', 'lexical'].includes(mode)) throw new UsageError(`--mode must be hybrid, semantic or lexical (got ${mode})`);
  const adapter = (values.adapter ?? 'auto') as CliArgs['adapter'];
  if (!['auto', 'off'].includes(adapter)) throw new UsageError(`--adapter must be auto or off (got ${adapter})`);
  const precision = (values.precision ?? 'i8') as CliArgs['precision'];
  if (!['i8', 'f16', 'f32'].includes(precision)) throw new UsageError(`--precision must be i8, f16 or f32 (got ${precision})`);
  // `--k N` is the number of clusters for `clusters`, `-k N` the number of results elsewhere.
  const kValue = number('k', values.k);
  return {
    command,
    positionals: rest,
    json: values.json === true,
    quiet: values.quiet === true,
    model: values.model,
    indexDir: values['index-dir'],
    k: command === 'clusters' ? 10 : kValue ?? 10,
    clusterK: command === 'clusters' ? kValue : undefined,
    mode,
    queries: values.queries,
    include: values.include,
    exclude: values.exclude,
    allowSecrets: values['allow-secret'],
    maxFileBytes: number('max-file-size', values['max-file-size']),
    precision,
    threads: number('threads', values.threads),
    semanticWeight: number('semantic-weight', values['semantic-weight']),
    debounceMs: number('debounce', values.debounce) ?? 300,
    pairs: number('pairs', values.pairs),
    seed: number('seed', values.seed),
    adapter,
  };
}

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a non-negative number (got ${raw})`);
  return n;
}
