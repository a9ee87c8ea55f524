// Usage texts: the whole synopsis for `semsearch --help`, one command's for `semsearch <command> --help`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPackageRoot } from '../core';

/** Each command's synopsis lines and what it does, in the order `--help` lists them. */
export const COMMAND_HELP: Record<string, { synopsis: string[]; about: string }> = {
  index: {
    synopsis: ['semsearch index   <dir> [--model <modeldir>] [--index-dir <dir>] [--json]'],
    about: 'Index <dir> (incremental: only new or changed files are embedded). Ctrl+C saves what is done.',
  },
  query: {
    synopsis: [
      'semsearch query   <dir> "<text>" [-k 10] [--mode hybrid|semantic|lexical] [--only code|docs|tests] [--language <id>] [--json]',
      'semsearch query   <dir> --queries <file.jsonl> [-k 10] [--mode ...] --json',
    ],
    about:
      'Search the index of <dir> by meaning and words; --queries answers one JSON line per query line. --include/--exclude globs, --only (code, docs, tests) and --language (typescript, python, markdown, …; both repeatable or comma-separated) filter inside the search, before the top k.',
  },
  similar: {
    synopsis: ['semsearch similar <dir> <path>:<startLine>-<endLine> [-k 10] [--json]'],
    about: 'Code like that file range (the range itself is left out).',
  },
  clusters: {
    synopsis: ['semsearch clusters <dir> [--k N] [--json]'],
    about: 'Groups of related code with labels and a 2-D layout.',
  },
  stats: {
    synopsis: ['semsearch stats   <dir> [--json]'],
    about: 'What is indexed, with which model, what was skipped and why, bytes on disk.',
  },
  watch: {
    synopsis: ['semsearch watch   <dir>'],
    about: 'Index, then keep the index up to date as files change, until Ctrl+C.',
  },
  eval: {
    synopsis: ['semsearch eval    <dir> [--pairs 500] [--seed 42] [--json]'],
    about: 'Measure search quality on this workspace: documented definitions and Markdown sections become queries (their docs masked), NDCG@10, MRR@10 and Recall@1/5/10 per mode and language.',
  },
  adapt: {
    synopsis: ['semsearch adapt   <dir> [--pairs 5000] [--seed 42] [--json]'],
    about: 'Train a query adapter on this workspace, measure it on held-out pairs, and use it only when it helps (--adapter off never uses it).',
  },
};

const COMMON_OPTIONS = `Common options:
  --model <dir>            model folder (readers default to the model the index was built with)
  --index-dir <dir>        where the index lives (default <dir>/.semsearch)
  --include <glob>         only these files (repeatable); --exclude <glob> leaves files out (repeatable)
  --allow-secret <glob>    index a secret-looking file or folder anyway (repeatable)
  --max-file-size <bytes>  --precision i8|f16|f32|b1  --threads <n>  --semantic-weight <0..1>  --quiet
  --store postgres://…     team index (index publishes, query/stats search it; or SEMSEARCH_STORE_URL)
  --adapter auto|off       use the trained query adapter when it measured a gain (auto), or never
  --repo <name>            the team index's repository name (default: the origin remote, else the folder)
  -h, --help               this help (also: semsearch <command> --help)
  -V, --version            the version`;

export function fullUsage(): string {
  const lines = Object.values(COMMAND_HELP).flatMap((c) => c.synopsis.map((s) => '  ' + s));
  return `Usage:\n${lines.join('\n')}\n  semsearch --help | --version | <command> --help\n\n${COMMON_OPTIONS}`;
}

/** One command's help; the full usage for a command we do not know. */
export function commandUsage(command: string): string {
  const help = COMMAND_HELP[command];
  if (!help) return fullUsage();
  return `Usage:\n${help.synopsis.map((s) => '  ' + s).join('\n')}\n\n${help.about}\n\n${COMMON_OPTIONS}`;
}

/** The version in our package.json ('unknown' if it cannot be read: --version must not fail). */
export function packageVersion(): string {
  const root = findPackageRoot(__dirname);
  try {
    return (JSON.parse(fs.readFileSync(path.join(root ?? '', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
