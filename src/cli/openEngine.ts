// Builds an engine from CLI options.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type Engine } from '../core';
import type { CliArgs } from './args';
import { UsageError } from './args';

export function workspaceDir(args: CliArgs): string {
  const dir = args.positionals[0];
  if (!dir) throw new UsageError(`${args.command} needs a folder: semsearch ${args.command} <dir> …`);
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new Error(`Not a folder: ${dir}`);
  return abs;
}

/**
 * `team`: search the team store (args.store) with a local overlay; the overlay is written, so never read-only.
 * `modelFromIndex` (default: readers): without --model, use the model the index was built with. `adapt` writes only
 * its adapter file, so it takes the index's model too (another model would not match the index's vectors).
 */
export function openEngine(args: CliArgs, readOnly: boolean, team = false, modelFromIndex = readOnly): Promise<Engine> {
  return createEngine({
    root: workspaceDir(args),
    indexDir: args.indexDir ? path.resolve(args.indexDir) : undefined,
    modelDir: args.model ? path.resolve(args.model) : undefined,
    include: args.include,
    exclude: args.exclude,
    allowSecrets: args.allowSecrets,
    maxFileBytes: args.maxFileBytes,
    precision: args.precision,
    threads: args.threads,
    readOnly: readOnly && !team,
    adapter: args.adapter,
    team: team && args.store ? { url: args.store, repo: args.repo } : undefined,
    modelFromIndex,
    // Benchmarks switch rules off to measure them (`npm run bench:quality`'s ablation table); users never need it.
    ablate: process.env.SEMSEARCH_ABLATE ? process.env.SEMSEARCH_ABLATE.split(',') : undefined,
  });
}

/** Queries need an index: say how to make one instead of answering from nothing. */
export function requireIndex(engine: Engine): void {
  const status = engine.status();
  if (status.state === 'damaged') {
    throw new Error(`${status.problem ?? `The index in ${status.indexDir} is damaged.`} Run \`semsearch index ${engine.root}\` to rebuild it.`);
  }
  if (status.files === 0 && status.lastIndexedAt === null) {
    throw new Error(`No index in ${status.indexDir}: run \`semsearch index ${engine.root}\` first.`);
  }
  if (status.incomplete) {
    const { filesDone, filesTotal } = status.incomplete;
    process.stderr.write(`semsearch: the index is incomplete (${filesDone} of ${filesTotal} files); results are partial. Run \`semsearch index ${engine.root}\` to finish it.\n`);
  }
}
