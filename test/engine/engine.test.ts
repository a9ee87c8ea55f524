// End-to-end engine tests on fixture workspaces, with the static-minilm-dev stand-in model.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type Engine, type SearchResult } from '../../src/core';
import { FIXTURE_FILES, FIXTURE_QUERIES } from '../helpers/fixtureProject';
import { devModelDir, randomArchModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

function open(root: string, extra: Partial<Parameters<typeof createEngine>[0]> = {}): Promise<Engine> {
  return createEngine({ root, modelDir: devModelDir(), threads: 1, ...extra });
}

function rankOf(results: SearchResult[], target: { path: string; line: number }): number {
  const i = results.findIndex((r) => r.path === target.path && r.startLine <= target.line && r.endLine >= target.line);
  return i < 0 ? Infinity : i + 1;
}

describe('engine: progress in words', () => {
  it('reports scanning first, with the files found, and no ETA while scanning', async () => {
    const ws = makeTempWorkspace(FIXTURE_FILES);
    const engine = await open(ws.root);
    try {
      const events: import('../../src/core').ProgressEvent[] = [];
      engine.onProgress((e) => events.push(e));
      await engine.index();
      assert.equal(events[0].phase, 'scanning');
      assert.ok(events.filter((e) => e.phase === 'scanning').every((e) => e.etaMs === undefined));
      const after = events.find((e) => e.phase !== 'scanning');
      assert.equal(after?.filesFound, Object.keys(FIXTURE_FILES).length);
      assert.equal(events[events.length - 1].etaMs, undefined);
    } finally {
      await engine.close();
      ws.cleanup();
    }
  });
});

describe('engine: relevance on a multi-language fixture', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  before(async () => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    engine = await open(ws.root);
    await engine.index();
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('finds the intended code in the top 3 for most differently-worded queries (hybrid)', async () => {
    const misses: string[] = [];
    for (const q of FIXTURE_QUERIES) {
      const results = await engine.search(q.query, { k: 3, mode: 'hybrid' });
      if (rankOf(results, q) > 3) misses.push(`${q.query} → ${results.map((r) => `${r.path}:${r.startLine}`).join(', ')}`);
    }
    const hits = FIXTURE_QUERIES.length - misses.length;
    assert.ok(hits >= Math.ceil(FIXTURE_QUERIES.length * 0.75), `only ${hits}/${FIXTURE_QUERIES.length} in top 3; misses:\n${misses.join('\n')}`);
  });

  it('hybrid ranks at least as well as lexical-only (MRR@10)', async () => {
    const mrr = async (mode: 'hybrid' | 'lexical' | 'semantic') => {
      let sum = 0;
      for (const q of FIXTURE_QUERIES) {
        const r = rankOf(await engine.search(q.query, { k: 10, mode }), q);
        sum += r === Infinity ? 0 : 1 / r;
      }
      return sum / FIXTURE_QUERIES.length;
    };
    const [hybrid, lexical, semantic] = [await mrr('hybrid'), await mrr('lexical'), await mrr('semantic')];
    assert.ok(hybrid >= lexical, `hybrid MRR ${hybrid.toFixed(3)} < lexical ${lexical.toFixed(3)} (semantic ${semantic.toFixed(3)})`);
  });

  it('adds the readable form only when asked, without changing the ranking', async () => {
    for (const q of FIXTURE_QUERIES) {
      const plain = await engine.search(q.query, { k: 5 });
      const described = await engine.search(q.query, { k: 5, describe: true });
      assert.ok(plain.every((r) => r.display === undefined));
      assert.deepEqual(described.map(({ display: _, ...r }) => r), plain);
      for (const r of described) {
        assert.ok(r.display && r.display.name !== '' && r.display.lines.length >= 1, `${r.path}:${r.startLine}`);
        const source = FIXTURE_FILES[r.path].split('\n');
        for (const l of r.display.lines) assert.equal(l.text, source[l.line - 1].trim().slice(0, l.text.length));
      }
    }
  });

  it('returns results in the CLI shape with 1-based inclusive lines inside the file', async () => {
    const [top] = await engine.search('open a connection to mysql', { k: 1 });
    assert.equal(top.path, 'web/db.php');
    const lines = FIXTURE_FILES['web/db.php'].split('\n');
    assert.ok(top.startLine >= 1 && top.endLine <= lines.length && top.startLine <= top.endLine);
    assert.equal(top.kind, 'function');
    assert.match(top.symbol, /connectToDatabase/);
  });

  it('filters by glob and language', async () => {
    const onlyPy = await engine.search('convert temperature', { k: 10, include: ['tools/**'] });
    assert.ok(onlyPy.length > 0 && onlyPy.every((r) => r.path.startsWith('tools/')));
    const noPy = await engine.search('convert temperature', { k: 10, languages: ['typescript', 'go'] });
    assert.ok(noPy.every((r) => r.path.endsWith('.ts') || r.path.endsWith('.go')), JSON.stringify(noPy.map((r) => r.path)));
    // Applied in the search, not to its top k: one result asked for, and it is the one docs file, whatever ranks first.
    const [doc] = await engine.search('convert temperature', { k: 1, contentTypes: ['docs'] });
    assert.equal(doc?.path, 'docs/guide.md');
    const code = await engine.search('building from source', { k: 10, contentTypes: ['code'] });
    assert.ok(code.length > 0 && code.every((r) => r.path !== 'docs/guide.md'), JSON.stringify(code.map((r) => r.path)));
  });

  it('similar(range) finds related code and excludes the range itself', async () => {
    const results = await engine.similar({ path: 'app/src/main/java/com/acme/Names.java', startLine: 8, endLine: 13 }, { k: 5 });
    assert.ok(results.length > 0);
    assert.ok(!results.some((r) => r.path.endsWith('Names.java') && r.startLine <= 13 && r.endLine >= 8), 'own range excluded');
  });

  it('similar(text) embeds raw text', async () => {
    const results = await engine.similar({ text: 'def fahrenheit_to_celsius(value): return (value - 32) * 5 / 9' }, { k: 3 });
    assert.ok(results.some((r) => r.path === 'tools/digest.py'), JSON.stringify(results.map((r) => r.path)));
  });

  it('clusters the code into labeled groups with 2-D points for every sampled chunk', async () => {
    const map = await engine.clusters({ k: 3, seed: 7 });
    assert.equal(map.k, 3);
    assert.equal(map.clusters.length, 3);
    assert.equal(map.points.length, engine.status().chunks);
    for (const p of map.points) assert.ok(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1 && p.cluster >= 0 && p.cluster < 3);
    assert.ok(map.clusters.every((c) => c.label.length > 0 && c.size > 0));
    const again = await engine.clusters({ k: 3, seed: 7 });
    assert.deepEqual(again.points.map((p) => p.cluster), map.points.map((p) => p.cluster), 'deterministic for a seed');
  });
});

describe('engine: incremental indexing', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  before(async () => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    engine = await open(ws.root);
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('first pass embeds every chunk; a second pass embeds nothing', async () => {
    const first = await engine.index();
    assert.equal(first.files, Object.keys(FIXTURE_FILES).length);
    assert.equal(first.embedded + first.reused, first.chunks);
    assert.ok(first.tokens > 0);
    const second = await engine.index();
    assert.deepEqual([second.embedded, second.reused, second.removed, second.tokens], [0, 0, 0, 0]);
    assert.equal(second.chunks, first.chunks);
  });

  it('editing one function re-embeds exactly its chunk', async () => {
    const file = 'tools/digest.py';
    ws.write(file, FIXTURE_FILES[file].replace('h.update(block)', 'h.update(block)  # feed the hash'));
    const s = await engine.index();
    assert.equal(s.embedded, 1);
  });

  it('update(paths) applies a single edit the same way', async () => {
    const file = 'src/util/timing.js';
    const abs = ws.write(file, FIXTURE_FILES[file].replace('clearTimeout(timer);', 'clearTimeout(timer); // restart the wait'));
    const s = await engine.update([abs]);
    assert.equal(s.embedded, 1);
  });

  it('a rename reuses every vector (zero embeddings)', async () => {
    const query = 'shrink bytes with gzip or deflate';
    assert.ok((await engine.search(query, { k: 3 })).some((r) => r.path === 'native/compress.c'));
    fs.renameSync(path.join(ws.root, 'native'), path.join(ws.root, 'csrc'));
    const s = await engine.index();
    assert.equal(s.embedded, 0);
    assert.ok(s.reused >= 1);
    const after = await engine.search(query, { k: 3 });
    assert.ok(after.some((r) => r.path === 'csrc/compress.c'), JSON.stringify(after.map((r) => r.path)));
    assert.ok(!after.some((r) => r.path.startsWith('native/')), 'the old path is gone');
  });

  it('reverting content (switching a branch back) reuses cached vectors', async () => {
    const file = 'lib/mailer.rb';
    ws.write(file, 'class Mailer\nend\n');
    await engine.index();
    ws.write(file, FIXTURE_FILES[file]);
    const s = await engine.index();
    assert.equal(s.embedded, 0, 'the old chunks come back from the cache');
  });

  it('a deleted file disappears from results', async () => {
    ws.remove('web/db.php');
    const s = await engine.update([path.join(ws.root, 'web/db.php')]);
    assert.ok(s.removed >= 1);
    const results = await engine.search('open a connection to mysql', { k: 10 });
    assert.ok(!results.some((r) => r.path === 'web/db.php'));
  });

  it('a deleted folder passed to update() takes its files out', async () => {
    ws.remove('server');
    const s = await engine.update([path.join(ws.root, 'server')]);
    assert.ok(s.removed >= 1);
    assert.ok(!(await engine.search('authenticate a user with a password', { k: 10 })).some((r) => r.path.startsWith('server/')));
  });

  it('watch(): a saved file reaches the index through the engine queue (watcher and editor event)', async () => {
    const updates: string[][] = [];
    const errors: unknown[] = [];
    const watch = engine.watch({ debounceMs: 100, onUpdate: (_s, paths) => updates.push(paths), onError: (e) => errors.push(e) });
    try {
      await watch.ready;
      const abs = ws.write('tools/watched.py', 'def reticulate_splines(count):\n    """Reticulate the given number of splines."""\n    return count * 2\n');
      watch.changed([abs]); // the editor's save event for the same file
      const deadline = Date.now() + 10_000;
      while (!updates.some((u) => u.includes('tools/watched.py')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await watch.idle();
      assert.ok((await engine.search('reticulate_splines', { k: 3 })).some((r) => r.path === 'tools/watched.py'));
      assert.deepEqual(errors, []);
    } finally {
      await watch.dispose();
    }
  });

  it('persists: a new engine on the same folder sees the index without embedding', async () => {
    const chunks = engine.status().chunks;
    await engine.close();
    engine = await open(ws.root);
    assert.equal(engine.status().chunks, chunks);
    assert.equal(engine.status().state, 'ready');
    const s = await engine.index();
    assert.equal(s.embedded, 0);
  });
});

describe('engine: bad input is skipped with reasons, never fatal', () => {
  let ws: TempWorkspace;
  after(() => ws?.cleanup());

  it('binary, huge, minified, invalid UTF-8, unreadable and symlink-loop files', async () => {
    ws = makeTempWorkspace({
      'good.ts': 'export function addNumbers(a: number, b: number) {\n  return a + b;\n}\n',
      'data/blob.txt': Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02, 0x0a]),
      'data/huge.txt': 'x'.repeat(1_200_000),
      'data/app.js': 'var a=' + '1+'.repeat(4000) + '1;\n',
      'data/latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x0a]),
    });
    fs.symlinkSync('..', path.join(ws.root, 'data', 'loop'));
    fs.symlinkSync(path.join(ws.root, 'does-not-exist'), path.join(ws.root, 'dangling.ts'));
    const engine = await open(ws.root);
    try {
      const s = await engine.index();
      assert.equal(s.files, 1, JSON.stringify(s));
      for (const reason of ['binary', 'too-large', 'minified', 'invalid-utf8', 'symlink-loop', 'unreadable']) {
        assert.ok((s.skipped[reason] ?? 0) >= 1, `no skip counted as ${reason}: ${JSON.stringify(s.skipped)}`);
      }
      assert.deepEqual(engine.status().skipped, s.skipped, 'stats reports the same reasons');
    } finally {
      await engine.close();
    }
  });
});

describe('engine: a damaged or foreign index is rebuilt with a message', () => {
  let ws: TempWorkspace;
  after(() => ws?.cleanup());

  it('garbage in every index file → clear message, rebuild, working search', async () => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    let engine = await open(ws.root);
    const first = await engine.index();
    await engine.close();
    const dir = path.join(ws.root, '.semsearch');
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isFile()) fs.writeFileSync(p, 'garbage\u0000not an index');
    }
    const messages: string[] = [];
    engine = await open(ws.root);
    engine.onMessage((m) => messages.push(m.text));
    try {
      const s = await engine.index();
      assert.equal(s.chunks, first.chunks);
      assert.ok(engine.status().message, 'status explains the rebuild');
      assert.ok(messages.length > 0, 'a listener subscribing after createEngine still hears why the index was rebuilt');
      assert.ok((await engine.search('open a connection to mysql', { k: 3 })).length > 0);
    } finally {
      await engine.close();
    }
  });

  it('an index built with another model is rebuilt for the current one', async () => {
    const ws2 = makeTempWorkspace({ 'a.py': 'def add(a, b):\n    """Sum two numbers."""\n    return a + b\n' });
    try {
      let engine = await open(ws2.root);
      await engine.index();
      await engine.close();
      engine = await open(ws2.root, { modelDir: randomArchModelDir() });
      try {
        assert.match(engine.status().message ?? '', /model/i);
        const s = await engine.index();
        assert.equal(s.embedded, s.chunks);
      } finally {
        await engine.close();
      }
    } finally {
      ws2.cleanup();
    }
  });

  it('nothing is written outside the index folder', async () => {
    const ws3 = makeTempWorkspace({ 'a.md': '# Title\n\nSome words about parsing.\n' });
    try {
      const before = fs.readdirSync(ws3.root).sort();
      const engine = await open(ws3.root);
      await engine.index();
      await engine.close();
      const added = fs.readdirSync(ws3.root).filter((f) => !before.includes(f));
      assert.deepEqual(added, ['.semsearch']);
    } finally {
      ws3.cleanup();
    }
  });
});

describe('engine: a missing model', () => {
  it('fails with one message that says how to get the model', async () => {
    const ws = makeTempWorkspace({ 'a.ts': 'export const a = 1;\n' });
    try {
      await assert.rejects(
        createEngine({ root: ws.root, modelDir: path.join(ws.root, 'no-model-here') }),
        (err: Error) => /fetch-model|SEMSEARCH_MODEL_DIR|--model/.test(err.message),
      );
    } finally {
      ws.cleanup();
    }
  });
});
