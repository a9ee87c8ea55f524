// semsearch query <dir> "<text>" | --queries <file.jsonl>: one model load, any number of queries.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { SearchResult } from '../../core';
import { UsageError, type CliArgs } from '../args';
import { openEngine, requireIndex } from '../openEngine';
import { printResults, toJsonResult } from '../output';

export async function queryCommand(args: CliArgs): Promise<void> {
  const text = args.positionals[1];
  if (!args.queries && (text === undefined || text.trim() === '')) {
    throw new UsageError('query needs a text: semsearch query <dir> "<text>" (or --queries <file.jsonl>)');
  }
  const engine = await openEngine(args, true, args.store !== undefined);
  // Team mode says on stderr when it falls back to the local index.
  engine.onMessage((m) => process.stderr.write(`${m.level}: ${m.text}\n`));
  try {
    if (!args.store) requireIndex(engine);
    const opts = { k: args.k, mode: args.mode, include: args.include, exclude: args.exclude, contentTypes: args.contentTypes, languages: args.languages, semanticWeight: args.semanticWeight };
    if (args.queries) {
      await runBatch(args.queries, (q) => engine.search(q, opts));
      return;
    }
    // Readable results (name, matching lines) for one query; batch mode (benchmarks) keeps to the bare contract.
    const results = await engine.search(text, { ...opts, describe: true });
    if (args.json) process.stdout.write(JSON.stringify(results.map(toJsonResult)) + '\n');
    else printResults(results);
  } finally {
    await engine.close();
  }
}

/** Lines {"id","query"} in, lines {"id","results","ms"} out; ms is that query's time, embedding included. */
async function runBatch(file: string, search: (q: string) => Promise<SearchResult[]>): Promise<void> {
  const input = file === '-' ? process.stdin : fs.createReadStream(file);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let row: { id?: unknown; query?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${lineNo}: not a JSON line`);
    }
    if (typeof row.query !== 'string') throw new Error(`${file}:${lineNo}: "query" must be a string`);
    const started = process.hrtime.bigint();
    const results = await search(row.query);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ id: row.id ?? null, results: results.map(toJsonResult), ms: Math.round(ms * 1000) / 1000 }) + '\n');
  }
}
