// Command-line parsing for semsearch (node:util parseArgs), shared by every sub-command.
import { parseArgs } from 'node:util';
import { CONTENT_TYPES, type ContentType } from '../core';
import { commandUsage, fullUsage, packageVersion } from './usage';

export class UsageError extends Error {}

/** `--help` / `--version`: text for stdout and exit code 0, not an error. */
export class InfoRequest extends Error {}

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
  /** query: only these kinds of content (--only code|docs|tests, repeatable or comma-separated). */
  contentTypes?: ContentType[];
  /** query: only these languages (--language <id>, repeatable or comma-separated). */
  languages?: string[];
  allowSecrets?: string[];
  maxFileBytes?: number;
  precision: 'i8' | 'f16' | 'f32' | 'b1';
  threads?: number;
  semanticWeight?: number;
  debounceMs: number;
  /** Team store URL (--store or SEMSEARCH_STORE_URL); never printed with its password. */
  store?: string;
  repo?: string;
  /** eval / adapt: at most this many mined pairs. */
  pairs?: number;
  seed?: number;
  adapter: 'auto' | 'off';
}

export function parseCli(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    // An unknown option or a missing value is a usage error (exit 2).
    throw new UsageError(`${(err as Error).message}. Run \`semsearch --help\` for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.version) throw new InfoRequest(packageVersion());
  if (positionals[0] === 'help') throw new InfoRequest(positionals[1] ? commandUsage(positionals[1]) : fullUsage());
  if (values.help) throw new InfoRequest(positionals[0] ? commandUsage(positionals[0]) : fullUsage());
  if (positionals.length === 0) throw new UsageError(fullUsage());

  const [command, ...rest] = positionals;
  const mode = (values.mode ?? 'hybrid') as CliArgs['mode'];
  if (!['hybrid', 'semantic', 'lexical'].includes(mode)) throw new UsageError(`--mode must be hybrid, semantic or lexical (got ${mode})`);
  const adapter = (values.adapter ?? 'auto') as CliArgs['adapter'];
  if (!['auto', 'off'].includes(adapter)) throw new UsageError(`--adapter must be auto or off (got ${adapter})`);
  const precision = (values.precision ?? 'i8') as CliArgs['precision'];
  if (!['i8', 'f16', 'f32', 'b1'].includes(precision)) throw new UsageError(`--precision must be i8, f16, f32 or b1 (got ${precision})`);
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
    contentTypes: contentTypes(values.only),
    languages: list(values.language),
    allowSecrets: values['allow-secret'],
    maxFileBytes: number('max-file-size', values['max-file-size']),
    precision,
    threads: number('threads', values.threads),
    semanticWeight: number('semantic-weight', values['semantic-weight']),
    debounceMs: number('debounce', values.debounce) ?? 300,
    store: storeUrl(values.store),
    repo: values.repo,
    pairs: number('pairs', values.pairs),
    seed: number('seed', values.seed),
    adapter,
  };
}

/** Repeated and comma-separated values, trimmed; undefined when none. */
function list(raw: string[] | undefined): string[] | undefined {
  const items = (raw ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

function contentTypes(raw: string[] | undefined): ContentType[] | undefined {
  const items = list(raw);
  const unknown = items?.filter((t) => !CONTENT_TYPES.includes(t as ContentType));
  if (unknown?.length) throw new UsageError(`--only takes ${CONTENT_TYPES.join(', ')} (got ${unknown.join(', ')})`);
  return items as ContentType[] | undefined;
}

function storeUrl(flag: string | undefined): string | undefined {
  const url = flag ?? (process.env.SEMSEARCH_STORE_URL || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--store needs a postgres://… URL');
  return url;
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  model: { type: 'string' },
  'index-dir': { type: 'string' },
  k: { type: 'string', short: 'k' },
  mode: { type: 'string' },
  queries: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  language: { type: 'string', multiple: true },
  'allow-secret': { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  precision: { type: 'string' },
  threads: { type: 'string' },
  'semantic-weight': { type: 'string' },
  debounce: { type: 'string' },
  pairs: { type: 'string' },
  seed: { type: 'string' },
  adapter: { type: 'string' },
  store: { type: 'string' },
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

function parseOptions(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
}

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a non-negative number (got ${raw})`);
  return n;
}
