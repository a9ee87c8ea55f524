// The team index end to end on a real PostgreSQL engine (PGlite + pgvector over the wire protocol, or
// SEMSEARCH_TEST_PG_URL): publish, search from another process and checkout, incremental commits, the local overlay,
// fallback when the server goes away, the read-only role, malicious rows, and a publish resumed after a dropped
// connection.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createEngine, type Engine, type EngineMessage, type SearchResult } from '../../src/core';
import { FIXTURE_FILES, FIXTURE_QUERIES } from '../helpers/fixtureProject';
import { devModelDir, repoRoot } from '../helpers/models';
import { startProxy, startTestPg, type CuttableProxy, type TestPg } from '../helpers/pgServer';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const run = promisify(execFile);
const BIN = path.join(repoRoot(), 'bin', 'semsearch.js');
const REPO = 'fixture';
const QUERIES = [...FIXTURE_QUERIES.map((q) => q.query), 'ColorPalette', 'debounce', 'readConfigFile', 'gzip compress buffer'];

const key = (r: { path: string; startLine: number; endLine: number }) => `${r.path}:${r.startLine}-${r.endLine}`;

function overlap(a: SearchResult[] | ReturnType<typeof JSON.parse>[], b: { path: string; startLine: number; endLine: number }[]): number {
  const want = new Set(a.map(key));
  if (want.size === 0) return 1;
  return b.filter((r) => want.has(key(r))).length / want.size;
}

describe('team index (PostgreSQL + pgvector)', () => {
  let pg: TestPg;
  let proxy: CuttableProxy;
  let ci: TempWorkspace; // the CI machine's checkout: indexes and publishes
  let dev: TempWorkspace; // another machine's checkout: searches the team store
  let publisher: Engine;
  const model = devModelDir();

  before(async () => {
    pg = await startTestPg();
    proxy = await startProxy(pg.url);
    ci = makeTempWorkspace(FIXTURE_FILES, 'semsearch-team-ci-');
    dev = makeTempWorkspace(FIXTURE_FILES, 'semsearch-team-dev-');
    publisher = await createEngine({ root: ci.root, modelDir: model });
    await publisher.index();
  });

  after(async () => {
    await publisher?.close();
    await proxy?.close();
    await pg?.stop();
    ci?.cleanup();
    dev?.cleanup();
  });

  it('publishes a snapshot; another process on another checkout gets the embedded top-10 (hybrid and semantic)', async (t) => {
    const s = await publisher.publish!({ url: pg.url, repo: REPO, commit: 'c1' });
    assert.equal(s.alreadyPublished, false);
    assert.ok(s.chunks >= 15, `chunks: ${s.chunks}`); // the whole fixture (20 chunks with imports kept with their code)
    assert.equal(s.uploaded, s.chunks);
    const again = await publisher.publish!({ url: pg.url, repo: REPO, commit: 'c1' });
    assert.equal(again.alreadyPublished, true);

    const queries = path.join(dev.root, '..', `team-queries-${process.pid}.jsonl`);
    fs.writeFileSync(queries, QUERIES.map((q, i) => JSON.stringify({ id: i, query: q })).join('\n'));
    try {
      for (const mode of ['hybrid', 'semantic'] as const) {
        const { stdout, stderr } = await run(process.execPath, [BIN, 'query', dev.root, '--queries', queries, '--json', '--mode', mode, '-k', '10', '--model', model, '--store', pg.url, '--repo', REPO]);
        assert.doesNotMatch(stderr, /test-secret/, 'the password is never printed');
        assert.doesNotMatch(stderr, /warn/, stderr);
        const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
        assert.equal(lines.length, QUERIES.length);
        let sum = 0;
        for (const line of lines) {
          const local = await publisher.search(QUERIES[line.id], { k: 10, mode });
          sum += overlap(local, line.results);
        }
        const mean = sum / lines.length;
        t.diagnostic(`${mode}: mean top-10 overlap with the embedded index ${mean.toFixed(3)} over ${lines.length} queries`);
        assert.ok(mean >= 0.9, `${mode}: mean top-10 overlap ${mean.toFixed(3)}`);
      }
    } finally {
      fs.rmSync(queries, { force: true });
    }
  });

  it('a second commit uploads only the chunks that changed', async (t) => {
    const file = 'src/util/timing.js';
    ci.write(file, FIXTURE_FILES[file] + '\n/** Counts the quokkas seen on an island. */\nfunction tallyQuokkas(sightings) {\n  return sightings.filter((s) => s.kind === "quokka").length;\n}\n');
    await publisher.index();
    const s = await publisher.publish!({ url: pg.url, repo: REPO, commit: 'c2' });
    t.diagnostic(`second commit: ${s.uploaded} of ${s.chunks} chunks uploaded`);
    assert.ok(s.uploaded > 0 && s.uploaded <= 3, `uploaded ${s.uploaded} of ${s.chunks}`);
    const c = await sql(pg.url, `SELECT count(*)::int AS n FROM semsearch_placement p2 JOIN semsearch_snapshot s2 ON s2.id = p2.snapshot_id AND s2.commit = 'c2'
      WHERE NOT EXISTS (SELECT 1 FROM semsearch_placement p1 JOIN semsearch_snapshot s1 ON s1.id = p1.snapshot_id AND s1.commit = 'c1' WHERE p1.chunk_id = p2.chunk_id)`);
    assert.equal(c[0].n, s.uploaded, 'new chunks in the snapshot = chunks uploaded');
    assert.equal(s.reused, s.chunks - s.uploaded);
  });

  it('the overlay reflects a local edit and a deletion immediately', async () => {
    const messages: EngineMessage[] = [];
    const engine = await createEngine({ root: dev.root, modelDir: model, team: { url: pg.url, repo: REPO } });
    engine.onMessage((m) => messages.push(m));
    try {
      // Team snapshot c2 has tallyQuokkas in timing.js; this checkout does not (older): the overlay hides it.
      const before = await engine.search('tallyQuokkas', { k: 5, mode: 'lexical' });
      assert.ok(!before.some((r) => r.symbol.includes('tallyQuokkas')), JSON.stringify(before));
      dev.write('lib/wombat.ts', '/** Feeds the wombats at dusk. */\nexport function feedWombatsAtDusk(count: number): number {\n  return count * 2;\n}\n');
      // index() in team mode embeds only what differs from the snapshot: the edited timing.js and the new file.
      await engine.index();
      assert.equal(engine.status().files, 2, 'the overlay holds only the differing files');
      const hits = await engine.search('feedWombatsAtDusk', { k: 5 });
      assert.equal(hits[0]?.path, 'lib/wombat.ts');
      assert.equal(hits[0]?.startLine, 1);
      dev.remove('native/compress.c');
      const gone = await engine.search('shrink bytes with gzip or deflate', { k: 10 });
      assert.ok(!gone.some((r) => r.path === 'native/compress.c'), 'a deleted file is not found');
      const status = await engine.teamStatus!();
      assert.equal(status?.state, 'connected');
      assert.equal(status?.commit, 'c2');
      assert.ok((status?.overlayFiles ?? 0) >= 3, JSON.stringify(status));
      assert.deepEqual(messages.filter((m) => m.level !== 'info'), []);
    } finally {
      await engine.close();
      dev.write('native/compress.c', FIXTURE_FILES['native/compress.c']);
      dev.remove('lib/wombat.ts');
    }
  });

  it('concurrent searches and a status check share one connection (the test server takes one at a time)', async () => {
    const messages: EngineMessage[] = [];
    const engine = await createEngine({ root: dev.root, modelDir: model, team: { url: pg.url, repo: REPO } });
    engine.onMessage((m) => messages.push(m));
    try {
      // A second connection to PGlite's socket server (maxConnections 1) is closed at once: each would fall back.
      const [a, b, status] = await Promise.all([engine.search('load settings from a json file', { k: 5 }), engine.search('blend two colors', { k: 5 }), engine.teamStatus!()]);
      assert.ok(a.length > 0 && b.length > 0);
      assert.equal(status?.state, 'connected');
      assert.deepEqual(messages.filter((m) => m.level !== 'info'), []);
    } finally {
      await engine.close();
    }
  });

  it('overlay chunks are scored on the snapshot\'s scale: results match a full local index of the edited checkout', async (t) => {
    const edited = ['src/util/timing.js', 'src/config/loader.ts', 'tools/digest.py'];
    for (const f of edited) dev.write(f, FIXTURE_FILES[f] + '\n// edited on this machine: wait, retry, color, hash, settings\n');
    const team = await createEngine({ root: dev.root, modelDir: model, team: { url: pg.url, repo: REPO } });
    const local = await createEngine({ root: dev.root, indexDir: path.join(dev.root, '..', `team-local-${process.pid}`), modelDir: model });
    try {
      await local.index();
      const queries = ['wait before calling again', 'retry with backoff', 'blend two colors', 'hash file contents', 'settings defaults'];
      for (const mode of ['lexical', 'hybrid'] as const) {
        let sum = 0;
        for (const q of queries) {
          const a = await local.search(q, { k: 5, mode });
          const b = await team.search(q, { k: 5, mode });
          assert.equal(key(b[0]), key(a[0]), `${mode} ${q}: top result`);
          sum += overlap(a, b);
        }
        t.diagnostic(`${mode} top-5 overlap, team+overlay vs a full local index after editing ${edited.length} files: ${(sum / queries.length).toFixed(3)}`);
        assert.ok(sum / queries.length >= 0.8, `${mode}: mean overlap ${sum / queries.length}`);
      }
    } finally {
      await team.close();
      await local.close();
      fs.rmSync(path.join(dev.root, '..', `team-local-${process.pid}`), { recursive: true, force: true });
      for (const f of edited) dev.write(f, FIXTURE_FILES[f]);
    }
  });

  it('falls back to the local index with a message when the server goes away mid-query or hangs', async () => {
    const messages: EngineMessage[] = [];
    const engine = await createEngine({ root: dev.root, modelDir: model, team: { url: proxy.url, repo: REPO, connectTimeoutMs: 1000, statementTimeoutMs: 2000 } });
    engine.onMessage((m) => messages.push(m));
    try {
      assert.ok((await engine.search('load settings from a json file', { k: 5 })).length > 0);
      assert.equal(messages.length, 0);
      proxy.cutOnNextQuery();
      const fallback = await engine.search('load settings from a json file', { k: 5 });
      assert.ok(Array.isArray(fallback));
      assert.match(messages.at(-1)?.text ?? '', /stopped answering|unreachable/);
      assert.match(messages.at(-1)?.text ?? '', /instead/);
      assert.doesNotMatch(messages.at(-1)?.text ?? '', /test-secret/);
      proxy.blackhole(true);
      const started = Date.now();
      await engine.search('load settings from a json file', { k: 5 });
      assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
      assert.equal((await engine.teamStatus!())?.state, 'unreachable');
    } finally {
      proxy.blackhole(false);
      await engine.close();
    }
  });

  it('CLI: stats shows the store, snapshot and overlay; an unreachable store falls back with a message, exit 0', async () => {
    const stats = await run(process.execPath, [BIN, 'stats', dev.root, '--model', model, '--store', pg.url, '--repo', REPO]);
    assert.match(stats.stdout, /Store: +postgres postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres — connected/);
    assert.match(stats.stdout, /Snapshot: +fixture @ c2 \(published .*ago\), \d+ chunks/);
    assert.match(stats.stdout, /Overlay: +\d+ file\(s\) differ/);
    assert.doesNotMatch(stats.stdout + stats.stderr, /test-secret/);
    // Nothing listens on port 9 of 127.0.0.1: refused at once. The dev checkout has no full local index: the overlay answers.
    const dead = 'postgres://postgres:test-secret@127.0.0.1:9/postgres';
    const started = Date.now();
    const q = await run(process.execPath, [BIN, 'query', dev.root, 'load settings from a json file', '--json', '--model', model, '--store', dead, '--repo', REPO]);
    assert.ok(Date.now() - started < 20_000);
    assert.match(q.stderr, /warn: Team store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9\/postgres unreachable: .* — searching /);
    assert.doesNotMatch(q.stderr, /test-secret/);
    assert.ok(Array.isArray(JSON.parse(q.stdout)));
  });

  it('the read-only role cannot write, and can search', async (t) => {
    if (!pg.pglite) t.diagnostic('real server: roles are created in the test database');
    // PGlite serves one user over the socket, so the role is taken with SET ROLE (the privileges checked are the same).
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      await client.query(`DO $$ BEGIN CREATE ROLE semsearch_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      await client.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO semsearch_reader');
      await client.query('SET ROLE semsearch_reader');
      const rows = await client.query('SELECT count(*)::int AS n FROM semsearch_chunk');
      assert.ok(rows.rows[0].n > 0);
      for (const stmt of [`DELETE FROM semsearch_chunk`, `UPDATE semsearch_snapshot SET complete = false`, `INSERT INTO semsearch_file VALUES (1, 'x', 'y')`, `CREATE TABLE evil (x int)`]) {
        await assert.rejects(client.query(stmt), (e: { code?: string }) => e.code === '42501', stmt);
      }
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      await client.end();
    }
  });

  it('a malicious row (path outside the workspace, huge text) is rejected with a message', async () => {
    const bad = [
      ['../../etc/passwd', 'x'],
      ['/etc/shadow', 'x'],
      ['ok/path.ts', 'y'.repeat(100_000)],
    ];
    for (const [i, [p, preview]] of bad.entries()) {
      await sql(
        pg.url,
        `WITH c AS (INSERT INTO semsearch_chunk (key, path, hash, kind, symbol, part, language, preview, generated, len_symbol, len_path, len_body, embedding)
           SELECT 'evil' || $1, $2, repeat('a', 64), 'function', 'zyzzyvaEvil', '', 'typescript', $3, false, 1, 1, 1, embedding FROM semsearch_chunk LIMIT 1 RETURNING id),
         t AS (INSERT INTO semsearch_term SELECT 'zyzzyva', id, 1, 0, 1 FROM c)
         INSERT INTO semsearch_placement SELECT s.id, c.id, 1, 2 FROM c, semsearch_snapshot s WHERE s.commit = 'c2'`,
        [String(i), p, preview],
      );
    }
    const messages: EngineMessage[] = [];
    const engine = await createEngine({ root: dev.root, modelDir: model, team: { url: pg.url, repo: REPO } });
    engine.onMessage((m) => messages.push(m));
    try {
      const hits = await engine.search('zyzzyva', { k: 10, mode: 'lexical' });
      assert.deepEqual(hits, []);
      assert.match(messages.map((m) => m.text).join('\n'), /3 malformed result row/);
    } finally {
      await engine.close();
      await sql(pg.url, `DELETE FROM semsearch_placement WHERE chunk_id IN (SELECT id FROM semsearch_chunk WHERE key LIKE 'evil%')`);
      await sql(pg.url, `DELETE FROM semsearch_chunk WHERE key LIKE 'evil%'`);
    }
  });

  it('a connection dropped during publish resumes without duplicates', async () => {
    ci.write('src/extra/many.ts', Array.from({ length: 40 }, (_, i) => `/** Helper number ${i} for the resume test. */\nexport function resumeHelper${i}(x: number): number {\n  return x * ${i} + ${i % 7};\n}\n`).join('\n'));
    await publisher.index();
    await assert.rejects(
      publisher.publish!({ url: proxy.url, repo: REPO, commit: 'c3', batchSize: 5, onBatch: (n) => n >= 5 && proxy.cut() }),
      /stopped answering|unreachable|terminated|connection/i,
    );
    const partial = await sql(pg.url, `SELECT count(*)::int AS n FROM semsearch_chunk`);
    const s = await publisher.publish!({ url: proxy.url, repo: REPO, commit: 'c3', batchSize: 5 });
    assert.equal(s.alreadyPublished, false);
    assert.ok(s.reused >= 5, `the first run's batches are kept: reused ${s.reused}`);
    const dupes = await sql(pg.url, `SELECT count(*)::int AS n FROM (SELECT key FROM semsearch_chunk GROUP BY key HAVING count(*) > 1) d`);
    assert.equal(dupes[0].n, 0);
    const placed = await sql(pg.url, `SELECT count(*)::int AS n FROM semsearch_placement p JOIN semsearch_snapshot s ON s.id = p.snapshot_id AND s.commit = 'c3'`);
    assert.equal(placed[0].n, s.chunks);
    const total = await sql(pg.url, `SELECT count(*)::int AS n FROM semsearch_chunk`);
    assert.equal(total[0].n - partial[0].n, s.uploaded - s.chunksRemoved, 'rows added = rows uploaded in the second run');
    assert.ok(s.uploaded > 0);
  });
});

async function sql(url: string, text: string, params: unknown[] = []): Promise<{ n: number }[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}
