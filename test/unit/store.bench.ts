// Size/speed probe of the store (not a test): node .build-store/test/unit/store.bench.js [chunks] [dims]
// Prints bytes per chunk of the vector file, save/load times and RSS after load.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openIndexStore } from '../../src/core/store';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** In a fresh process: open the saved index read-only and report load time and RSS. */
async function loadOnly(dir: string, dims: number) {
  const identity = { name: 'bench', sha256: 'b'.repeat(64), dimensions: dims };
  const rss0 = process.memoryUsage().rss;
  const t = performance.now();
  const reader = await openIndexStore({ indexDir: dir, identity, precision: 'i8', write: false });
  const loadMs = performance.now() - t;
  const q = reader.getVector(5)!;
  const t2 = performance.now();
  for (let i = 0; i < 100; i++) reader.searchVectors(q, 10);
  const vecQueryMs = (performance.now() - t2) / 100;
  const t3 = performance.now();
  for (let i = 0; i < 100; i++) reader.searchLexical(`ab${String.fromCharCode(97 + (i % 26))} cd${String.fromCharCode(97 + (i % 26))}`, 10);
  const lexQueryMs = (performance.now() - t3) / 100;
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      freshProcess: true,
      chunks: reader.chunkCount(),
      loadMs: Math.round(loadMs),
      rssMB: Math.round(m.rss / 2 ** 20),
      rssMBBeforeOpen: Math.round(rss0 / 2 ** 20),
      heapMB: Math.round(m.heapUsed / 2 ** 20),
      arrayBuffersMB: Math.round(m.arrayBuffers / 2 ** 20),
      vecQueryMs: +vecQueryMs.toFixed(2),
      lexQueryMs: +lexQueryMs.toFixed(2),
    }),
  );
}

async function main() {
  if (process.argv[2] === '--load') return loadOnly(process.argv[3], Number(process.argv[4]));
  const n = Number(process.argv[2] ?? 10_000);
  const dims = Number(process.argv[3] ?? 384);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-bench-'));
  const identity = { name: 'bench', sha256: 'b'.repeat(64), dimensions: dims };
  const rand = rng(42);
  // Letters-only words, like the chunker's identifier-split embed text; Zipf-like frequencies.
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const vocab = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let x = i + 26; x > 0; x = Math.floor(x / 26)) w += letters[x % 26];
    return w;
  });
  const perFile = 10;
  let t = performance.now();
  const store = await openIndexStore({ indexDir: dir, identity, precision: 'i8' });
  const v = new Float32Array(dims);
  for (let f = 0; f < n / perFile; f++) {
    const chunks = [];
    for (let c = 0; c < perFile; c++) {
      const words = Array.from({ length: 80 }, () => vocab[Math.floor(rand() ** 3 * vocab.length)]);
      chunks.push({
        path: `src/dir${f % 100}/file${f}.ts`,
        startLine: c * 20 + 1,
        endLine: c * 20 + 20,
        kind: 'function' as const,
        symbol: `Class${f}.method${c}`,
        part: '',
        language: 'typescript',
        hash: crypto.createHash('sha256').update(`${f}:${c}`).digest('hex'),
        preview: `export function method${c}(${words.slice(0, 6).join(', ')}) {`,
        lexical: { symbol: `method${c}`, path: `src/dir${f % 100}/file${f}.ts`, body: words.join(' ') },
      });
    }
    const { needVector } = store.putFile(`src/dir${f % 100}/file${f}.ts`, { size: 1000, mtimeMs: 1, hash: String(f) }, chunks);
    for (const id of needVector) {
      for (let i = 0; i < dims; i++) v[i] = rand() - 0.5;
      store.setVector(id, v);
    }
  }
  const buildMs = performance.now() - t;
  t = performance.now();
  await store.save();
  const saveMs = performance.now() - t;
  const du = store.diskUsage();
  await store.close();
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const reader = await openIndexStore({ indexDir: dir, identity, precision: 'i8', write: false });
  const loadMs = performance.now() - t;
  if (global.gc) global.gc();
  const rssAfter = process.memoryUsage().rss;
  t = performance.now();
  const q = reader.getVector(5)!;
  let hits = 0;
  for (let i = 0; i < 100; i++) hits += reader.searchVectors(q, 10).length;
  const vecQueryMs = (performance.now() - t) / 100;
  t = performance.now();
  for (let i = 0; i < 100; i++) hits += reader.searchLexical(`${vocab[Math.floor(rand() * 2000)]} ${vocab[Math.floor(rand() * 20000)]}`, 10).length;
  const lexQueryMs = (performance.now() - t) / 100;
  console.log(
    JSON.stringify(
      {
        chunks: reader.chunkCount(),
        vectors: reader.vectorCount(),
        message: reader.message ?? null,
        diskBytes: du,
        vectorBytesPerChunk: +(du.vectors / n).toFixed(1),
        totalBytesPerChunk: +(Object.values(du).reduce((a, b) => a + b, 0) / n).toFixed(1),
        buildMs: Math.round(buildMs),
        saveMs: Math.round(saveMs),
        loadMs: Math.round(loadMs),
        rssMBAfterLoad: Math.round(rssAfter / 2 ** 20),
        rssMBLoadDelta: Math.round((rssAfter - rssBefore) / 2 ** 20),
        vecQueryMs: +vecQueryMs.toFixed(2),
        lexQueryMs: +lexQueryMs.toFixed(2),
        hits,
      },
      null,
      1,
    ),
  );
  await reader.close();
  const { execFileSync } = await import('node:child_process');
  process.stdout.write(execFileSync(process.execPath, ['--expose-gc', __filename, '--load', dir, String(dims)]));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
