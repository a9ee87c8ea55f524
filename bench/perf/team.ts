// `npm run bench:perf -- --only team [--quick] [--team-scale N]`: the team store (PGlite + pgvector over loopback, or
// SEMSEARCH_BENCH_PG_URL) next to the embedded index on the perf corpus cut or grown to about N chunks (default
// 100,000; --quick 5,000): publish throughput, hybrid p50/p95 (in process, query embedding included, overlay check
// included) and bytes per chunk in Postgres. PGlite is PostgreSQL in WASM, single-threaded: a real server will differ.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { createEngine, type Engine } from '../../src/core';
import { startTestPg } from '../../test/helpers/pgServer';
import { ensureDir, STATIC_MODEL, WORK_DIR } from '../lib/paths';
import { baseFiles, growCorpus, writeCorpus } from './corpus';

/** Natural-language queries over the perf corpus (speed only: no relevance is judged). */
const QUERIES = [
  'parse a template into an abstract syntax tree', 'escape html special characters', 'read configuration from environment variables',
  'compile a regular expression', 'retry a failed request', 'select elements with a css query', 'render markdown to html',
  'convert a json value to a string', 'merge two maps of settings', 'tokenize the input text', 'cache the result of a query',
  'handle command line options', 'write a file atomically', 'match a unicode character class', 'serialize a document to a string',
  'invalidate queries after a mutation', 'format an error message', 'load a file from disk', 'define a generator task',
  'walk the nodes of a tree', 'compare two strings ignoring case', 'parse an http response', 'bind a key to a config value',
  'build a deterministic finite automaton', 'sanitize untrusted html', 'filter a list by a predicate', 'print usage help',
  'subscribe to changes of an observer', 'lex the next token', 'encode a url query string',
];

export interface TeamPerf {
  chunks: number;
  publishMs: number;
  publishChunksPerSec: number;
  bytesPerChunk: number;
  tableBytes: Record<string, number>;
  hybrid: { embedded: { p50: number; p95: number }; team: { p50: number; p95: number }; queries: number };
  server: string;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timeQueries(engine: Engine, queries: string[]): Promise<{ p50: number; p95: number }> {
  for (const q of queries.slice(0, 3)) await engine.search(q, { k: 10 });
  const ms: number[] = [];
  for (const q of queries) {
    const t = process.hrtime.bigint();
    await engine.search(q, { k: 10 });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

/**
 * The perf corpus at about `scale` chunks, indexed with the static model: a stable sample of the pinned packages' files
 * when fewer than all of them make `scale` (chunks per file measured on a 300-file probe), else whole copies of them all.
 */
async function scaleCorpus(scale: number, log: (s: string) => void): Promise<{ dir: string; indexDir: string }> {
  const W = ensureDir(path.join(WORK_DIR, 'team'));
  const dir = path.join(W, `scale-${scale}`);
  const indexDir = path.join(W, `index-scale-${scale}`);
  if (fs.existsSync(path.join(indexDir, 'current.json'))) return { dir, indexDir };
  const all = await baseFiles(log);
  const probeDir = path.join(W, 'probe');
  const probeFiles = writeCorpus(probeDir, all, Math.min(all.length, 300));
  const probe = await createEngine({ root: probeDir, indexDir: path.join(W, 'index-probe'), modelDir: STATIC_MODEL });
  const probeChunks = (await probe.index()).chunks;
  await probe.close();
  const wantFiles = Math.max(1, Math.round(scale / Math.max(0.1, probeChunks / probeFiles)));
  if (wantFiles <= all.length) {
    writeCorpus(dir, all, wantFiles);
  } else {
    const baseDir = path.join(W, 'base');
    writeCorpus(baseDir, all);
    const base = await createEngine({ root: baseDir, indexDir: path.join(W, 'index-base'), modelDir: STATIC_MODEL });
    const baseChunks = (await base.index()).chunks;
    await base.close();
    growCorpus(baseDir, dir, Math.max(1, Math.round(scale / Math.max(1, baseChunks))));
  }
  const engine = await createEngine({ root: dir, indexDir, modelDir: STATIC_MODEL });
  const s = await engine.index();
  await engine.close();
  log(`team: corpus of ${s.files} files, ${s.chunks} chunks (${Math.round(s.ms)} ms to index, static model)`);
  return { dir, indexDir };
}

export async function runTeamPerf(o: { scale: number; queries: number; log: (s: string) => void }): Promise<TeamPerf> {
  const { dir, indexDir } = await scaleCorpus(o.scale, o.log);
  const queries = QUERIES.slice(0, o.queries);
  const pg = process.env.SEMSEARCH_BENCH_PG_URL ? { url: process.env.SEMSEARCH_BENCH_PG_URL, pglite: false, stop: async () => undefined } : await startTestPg();
  try {
    const embedded = await createEngine({ root: dir, indexDir, modelDir: STATIC_MODEL, readOnly: true });
    const t0 = Date.now();
    const s = await embedded.publish!({ url: pg.url, repo: 'bench', commit: `scale-${o.scale}`, statementTimeoutMs: 3_600_000, onBatch: (n) => n % 10_000 < 500 && o.log(`team: ${n} chunks uploaded`) });
    const publishMs = Date.now() - t0;
    o.log(`team: published ${s.chunks} chunks in ${publishMs} ms (${Math.round(s.chunks / (publishMs / 1000))} chunks/s)`);
    const c = new Client({ connectionString: pg.url });
    await c.connect();
    const sizes = await c.query<{ t: string; b: string }>(
      `SELECT t, pg_total_relation_size(t::regclass) AS b FROM unnest(ARRAY['semsearch_chunk','semsearch_term','semsearch_placement','semsearch_file','semsearch_snapshot']) t`,
    );
    await c.end();
    const tableBytes = Object.fromEntries(sizes.rows.map((r) => [r.t, Number(r.b)]));
    const total = Object.values(tableBytes).reduce((a, b) => a + b, 0);
    const embeddedLat = await timeQueries(embedded, queries);
    await embedded.close();
    const overlayDir = fs.mkdtempSync(path.join(WORK_DIR, 'team', 'overlay-'));
    const team = await createEngine({ root: dir, indexDir: overlayDir, modelDir: STATIC_MODEL, team: { url: pg.url, repo: 'bench', statementTimeoutMs: 120_000 } });
    team.onMessage((m) => o.log(`team engine ${m.level}: ${m.text}`));
    const teamLat = await timeQueries(team, queries);
    await team.close();
    fs.rmSync(overlayDir, { recursive: true, force: true });
    const out: TeamPerf = {
      chunks: s.chunks,
      publishMs,
      publishChunksPerSec: Math.round(s.chunks / (publishMs / 1000)),
      bytesPerChunk: Math.round(total / Math.max(1, s.chunks)),
      tableBytes,
      hybrid: { embedded: embeddedLat, team: teamLat, queries: queries.length },
      server: pg.pglite ? 'PGlite 0.5.14 (PostgreSQL 18, WASM) + pgvector 0.8.7 over loopback' : 'SEMSEARCH_BENCH_PG_URL',
    };
    o.log(`team: hybrid p50/p95 embedded ${embeddedLat.p50.toFixed(1)}/${embeddedLat.p95.toFixed(1)} ms, team ${teamLat.p50.toFixed(1)}/${teamLat.p95.toFixed(1)} ms; ${out.bytesPerChunk} bytes per chunk in Postgres`);
    return out;
  } finally {
    await pg.stop();
  }
}
