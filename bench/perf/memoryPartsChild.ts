// One part of an index run or a query process, alone in a fresh process, so its peak RSS is its own:
//   node memoryPartsChild.js baseline
//   node memoryPartsChild.js chunk <dir> <modelDir>        scan + chunk every file (tree-sitter, token counting)
//   node memoryPartsChild.js embed <modelDir> <queries>     the embedder (worker + session) embedding queries one by one
//   node memoryPartsChild.js open <indexDir> reader|writer  open the index store (and for a reader, 50 searches)
// Prints one JSON line: { maxRssBytes, external, heapUsed } (external after a full GC: what the part keeps).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmbedder, resolveModel } from '../../src/core';
import { createChunker } from '../../src/core/chunk';
import { countWordPieces } from '../../src/core/embed/tokenCount';
import { loadTokenizer } from '../../src/core/embed/tokenizer';
import { scanWorkspace } from '../../src/core/scan';
import { openIndexStore } from '../../src/core/store';
import type { StoredChunk } from '../../src/core/types';
import type { CurrentRecord } from '../../src/core/store/layout';
import { peakRssKiB } from '../lib/peakRss';

async function chunkAll(dir: string, modelDir: string): Promise<void> {
  const tok = await loadTokenizer(modelDir);
  const chunker = await createChunker({ countTokens: (t) => countWordPieces(tok, t) });
  const { files } = await scanWorkspace({ root: path.resolve(dir) });
  for (const f of files) await chunker.chunkFile(f.path, fs.readFileSync(f.absPath, 'utf8'));
}

async function embedQueries(modelDir: string, queriesFile: string): Promise<void> {
  const embedder = await createEmbedder(await resolveModel({ explicit: modelDir }), { tokenCounting: false });
  const queries = fs
    .readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { query: string }).query);
  for (const q of queries) await embedder.embed([q]);
  await embedder.close();
}

async function openStore(indexDir: string, role: string): Promise<void> {
  const rec = JSON.parse(fs.readFileSync(path.join(indexDir, 'current.json'), 'utf8')) as CurrentRecord;
  const store = await openIndexStore({ indexDir, identity: rec.identity, precision: rec.precision, write: role === 'writer' });
  if (store.chunkCount() !== rec.chunks) throw new Error(`the index did not load (${store.message ?? 'no message'})`);
  if (role === 'reader') {
    // Stored vectors as queries: semantic and lexical search without a model in the process. Picked during the
    // walk, not from an array of every chunk (at a million chunks that array was ~300 MB the query path never holds).
    const ids: StoredChunk[] = [];
    let i = 0;
    for (const c of store.allChunks()) if (i++ % 997 === 0 && ids.length < 50) ids.push(c);
    for (const c of ids) {
      store.searchVectors(store.getVector(c.id)!, 50);
      store.searchLexical(c.symbol || c.preview.slice(0, 40), 50);
    }
  }
  await store.close();
}

async function main(): Promise<void> {
  const [part, a, b] = process.argv.slice(2);
  if (part === 'chunk') await chunkAll(a, b);
  else if (part === 'embed') await embedQueries(a, b);
  else if (part === 'open') await openStore(a, b);
  else if (part !== 'baseline') throw new Error(`unknown part ${part}`);
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stdout.write(JSON.stringify({ maxRssBytes: peakRssKiB() * 1024, external: m.external, heapUsed: m.heapUsed }) + '\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
