// Where an index run's and a query process's memory goes: each part measured alone in a fresh process
// (memoryPartsChild.ts), peak RSS, so the whole-process peaks of the scale table can be read as a sum of parts.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../lib/paths';

export interface MemoryPart {
  label: string;
  command: string;
  maxRssBytes: number;
  /** Memory outside the JS heap the part still holds after a full GC (WASM memories, buffers). */
  externalBytes: number;
  heapUsedBytes: number;
}

const CHILD = path.join(REPO_ROOT, 'out', 'bench', 'perf', 'memoryPartsChild.js');

function run(label: string, args: string[]): MemoryPart {
  const argv = ['--expose-gc', CHILD, ...args];
  const r = spawnSync(process.execPath, argv, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`memory part ${label} failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { maxRssBytes: number; external: number; heapUsed: number };
  const command = `node ${argv.map((a) => (path.isAbsolute(a) ? path.relative(REPO_ROOT, a) : a)).join(' ')}`;
  return { label, command, maxRssBytes: j.maxRssBytes, externalBytes: j.external, heapUsedBytes: j.heapUsed };
}

/** The index store's own parts (a reader with searches, a writer's open) on one index. */
export function storeMemoryParts(indexDir: string): MemoryPart[] {
  const rel = path.relative(REPO_ROOT, indexDir);
  return [
    run('index store opened read-only + 50 semantic and 50 lexical searches', ['open', rel, 'reader']),
    run('index store opened by a writer (nothing changed)', ['open', rel, 'writer']),
  ];
}

export function memoryParts(o: { corpusDir: string; indexDir: string; staticModel: string; archModel: string; queriesFile: string }): MemoryPart[] {
  const rel = (p: string) => path.relative(REPO_ROOT, p);
  return [
    run('Node alone (baseline)', ['baseline']),
    run('scan + chunk every file (tree-sitter WASM, token counting)', ['chunk', rel(o.corpusDir), rel(o.staticModel)]),
    run('query embedder, static model (worker + session), 400 queries', ['embed', rel(o.staticModel), rel(o.queriesFile)]),
    run('query embedder, MiniLM architecture, 400 queries', ['embed', rel(o.archModel), rel(o.queriesFile)]),
    run('index store opened read-only + 50 semantic and 50 lexical searches', ['open', rel(o.indexDir), 'reader']),
    run('index store opened by a writer (nothing changed)', ['open', rel(o.indexDir), 'writer']),
  ];
}
