import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IndexLockedError } from '../../src/core/errors';
import { openIndexStore, readCurrentRecord, splitTerms } from '../../src/core/store';
import type { IndexStore } from '../../src/core/store';
import { LexicalIndex } from '../../src/core/store/lexical';
import { decodeLexical, encodeLexical } from '../../src/core/store/lexical/codec';
import { ReuseCache } from '../../src/core/store/reuseCache';
import { IDENTITY, DIMS, chunk, cosine, fill, open, put, tempIndexDir, vectorFor } from './storeFixtures';

describe('store: ids and vector reuse', () => {
  it('assigns new monotonic ids and asks only for unseen content', async () => {
    const store = await open(tempIndexDir());
    const a = put(store, 'a.ts', ['h1', 'h2', 'h3']);
    assert.deepEqual(a.ids, [0, 1, 2]);
    assert.deepEqual(a.needVector, [0, 1, 2]);
    fill(store, a.needVector);
    const b = put(store, 'b.ts', ['h1', 'h4']);
    assert.deepEqual(b.ids, [3, 4]);
    assert.deepEqual(b.needVector, [4], 'h1 is live in a.ts: copied');
    assert.ok(cosine(store.getVector(3)!, vectorFor('h1')) > 0.999);
    fill(store, b.needVector);
    assert.equal(store.chunkCount(), 5);
    assert.equal(store.vectorCount(), 5);
    await store.close();
  });

  it('moves vectors of removed chunks to the reuse cache and reuses them', async () => {
    const store = await open(tempIndexDir());
    fill(store, put(store, 'a.ts', ['h1', 'h2', 'h3']).needVector);
    fill(store, put(store, 'b.ts', ['h1']).needVector);
    assert.equal(store.removeFile('a.ts'), 3);
    assert.equal(store.removeFile('a.ts'), 0);
    assert.equal(store.getFile('a.ts'), undefined);
    assert.equal(store.chunkCount(), 1);
    assert.equal(store.vectorCount(), 1);
    const c = put(store, 'c.ts', ['h2', 'h3', 'h5', 'h1']);
    assert.equal(c.needVector.length, 1, 'only h5 is new');
    assert.equal(store.getChunk(c.needVector[0])!.hash, 'h5');
    assert.ok(cosine(store.getVector(c.ids[0])!, vectorFor('h2')) > 0.99);
    assert.ok(cosine(store.getVector(c.ids[1])!, vectorFor('h3')) > 0.99);
    await store.close();
  });

  it('re-putting an edited file embeds only the changed chunks', async () => {
    const store = await open(tempIndexDir());
    fill(store, put(store, 'a.ts', ['h1', 'h2', 'h3']).needVector);
    const r = put(store, 'a.ts', ['h1', 'h2x', 'h3']);
    assert.equal(r.needVector.length, 1);
    assert.equal(store.getChunk(r.needVector[0])!.hash, 'h2x');
    assert.equal(store.chunkCount(), 3);
    assert.equal(store.vectorCount(), 2);
    assert.deepEqual(store.missingVectors!(), r.needVector);
    await store.close();
  });

  it('a rename needs zero embeddings, also across a save and reopen', async () => {
    const dir = tempIndexDir();
    let store = await open(dir);
    fill(store, put(store, 'old.ts', ['r1', 'r2', 'r3']).needVector);
    store.removeFile('old.ts');
    assert.deepEqual(put(store, 'new.ts', ['r1', 'r2', 'r3']).needVector, []);
    // Switch a branch: the file disappears, the index is saved, the file comes back later.
    store.removeFile('new.ts');
    await store.save();
    await store.close();
    store = await open(dir);
    assert.equal(store.chunkCount(), 0);
    const back = put(store, 'new.ts', ['r1', 'r2', 'r3']);
    assert.deepEqual(back.needVector, []);
    assert.ok(cosine(store.getVector(back.ids[2])!, vectorFor('r3')) > 0.99);
    await store.close();
  });

  it('duplicate content waiting for a vector gets it when one copy is embedded', async () => {
    const store = await open(tempIndexDir());
    const r = put(store, 'a.ts', ['d1', 'd1']);
    assert.deepEqual(r.needVector, r.ids);
    store.setVector(r.ids[0], vectorFor('d1'));
    assert.equal(store.vectorCount(), 2);
    store.setVector(999, vectorFor('x')); // unknown id: ignored
    assert.throws(() => store.setVector(r.ids[0], new Float32Array(DIMS + 1)));
    await store.close();
  });

  it('touchFile updates size and mtime only', async () => {
    const store = await open(tempIndexDir());
    put(store, 'a.ts', ['t1']);
    store.touchFile('a.ts', 77, 1234);
    const f = store.getFile('a.ts')!;
    assert.equal(f.size, 77);
    assert.equal(f.mtimeMs, 1234);
    assert.equal(f.chunkIds.length, 1);
    assert.equal([...store.allFiles()].length, 1);
    assert.equal(store.fileCount(), 1);
    await store.close();
  });
});

describe('store: persistence', () => {
  it('round-trips manifest, vectors, lexical index, skip counts and ids', async () => {
    const dir = tempIndexDir();
    let store = await open(dir);
    const long = 'x'.repeat(500);
    const a = store.putFile('src/a.ts', { size: 10, mtimeMs: 5.5, hash: 'fa' }, [
      { ...chunk('src/a.ts', 'p1', 'read file sync'), preview: long, symbol: 'A.read', kind: 'method' },
      { ...chunk('src/a.ts', 'p2', 'write stream'), language: 'python' },
    ]);
    fill(store, a.needVector);
    store.setSkipped({ binary: 2, 'too-large': 1 });
    assert.equal(store.lastIndexedAt(), null);
    const before = store.getVector(a.ids[0])!;
    await store.save();
    const usage = store.diskUsage();
    assert.deepEqual(Object.keys(usage).sort(), ['current', 'lexical', 'manifest', 'reuse', 'vectors']);
    for (const [name, bytes] of Object.entries(usage)) assert.ok(bytes > 0, name);
    await store.close();

    store = await open(dir);
    assert.equal(store.message, undefined);
    assert.equal(store.fileCount(), 1);
    assert.deepEqual(store.getFile('src/a.ts'), { size: 10, mtimeMs: 5.5, hash: 'fa', chunkIds: a.ids });
    const c0 = store.getChunk(a.ids[0])!;
    assert.equal(c0.preview.length, 200);
    assert.equal(c0.symbol, 'A.read');
    assert.equal(c0.kind, 'method');
    assert.equal(store.getChunk(a.ids[1])!.language, 'python');
    assert.deepEqual([...store.getVector(a.ids[0])!], [...before], 'vectors are byte-exact after reload');
    assert.deepEqual(store.getSkipped(), { binary: 2, 'too-large': 1 });
    assert.ok((store.lastIndexedAt() ?? 0) > 0);
    assert.deepEqual(store.searchLexical('write', 5).map((r) => r.id), [a.ids[1]]);
    assert.equal(store.searchVectors(vectorFor('p1'), 1)[0].id, a.ids[0]);
    const next = put(store, 'b.ts', ['p3']);
    assert.ok(next.ids[0] > a.ids[1], 'ids keep increasing after reopen');
    await store.close();
  });

  it('keeps exactly one generation on disk and removes temp files', async () => {
    const dir = tempIndexDir();
    const store = await open(dir);
    for (let i = 0; i < 3; i++) {
      fill(store, put(store, `f${i}.ts`, [`g${i}`]).needVector);
      await store.save();
    }
    await store.save(); // nothing changed: only current.json is rewritten
    const names = fs.readdirSync(dir).sort();
    assert.deepEqual(names, ['current.json', 'lexical.3.bin', 'manifest.3.bin', 'reuse.3.bin', 'vectors.3.usearch', 'writer.lock', 'writer.pid']);
    assert.equal(readCurrentRecord(dir)!.generation, 3);
    await store.close();
    assert.ok(!fs.existsSync(path.join(dir, 'writer.lock')));
  });

  it('readers never lock or write and see the last saved state', async () => {
    const dir = tempIndexDir();
    const missing = await open(dir, { write: false });
    assert.equal(missing.chunkCount(), 0);
    assert.ok(!fs.existsSync(dir), 'a reader does not create the folder');
    await assert.rejects(missing.save());
    const writer = await open(dir);
    fill(writer, put(writer, 'a.ts', ['w1']).needVector);
    await writer.save();
    const reader = await open(dir, { write: false });
    const reader2 = await open(dir, { write: false });
    assert.equal(reader.chunkCount(), 1);
    assert.equal(reader2.vectorCount(), 1);
    await Promise.all([reader.close(), reader2.close(), writer.close()]);
  });
});

describe('store: identity, version and corruption', () => {
  async function saved(): Promise<string> {
    const dir = tempIndexDir();
    const store = await open(dir);
    fill(store, put(store, 'a.ts', ['c1', 'c2']).needVector);
    await store.save();
    await store.close();
    return dir;
  }

  for (const [what, identity] of [
    ['name', { ...IDENTITY, name: 'other-model' }],
    ['sha256', { ...IDENTITY, sha256: 'b'.repeat(64) }],
    ['dimensions', { ...IDENTITY, dimensions: DIMS * 2 }],
  ] as const) {
    it(`a different model ${what} starts empty with a message`, async () => {
      const dir = await saved();
      const store = await open(dir, { identity });
      assert.equal(store.chunkCount(), 0);
      assert.equal(store.vectorCount(), 0);
      assert.match(store.message ?? '', /built with model test-model.*rebuilding for model/);
      // It rebuilds and saves cleanly over the old files.
      fill(store, put(store, 'a.ts', ['n1']).needVector);
      await store.save();
      await store.close();
      const again = await open(dir, { identity });
      assert.equal(again.message, undefined);
      assert.equal(again.chunkCount(), 1);
      await again.close();
    });
  }

  it('a higher precision rebuilds, a lower one converts in place', async () => {
    const dir = await saved();
    const up = await open(dir, { precision: 'f32' });
    assert.equal(up.chunkCount(), 0);
    assert.match(up.message ?? '', /stored at i8; rebuilding them at f32/);
    fill(up, put(up, 'a.ts', ['c1', 'c2']).needVector);
    await up.save();
    await up.close();
    const down = await open(dir, { precision: 'f16' });
    assert.match(down.message ?? '', /converted from f32 to f16/);
    assert.equal(down.chunkCount(), 2);
    assert.equal(down.vectorCount(), 2);
    assert.ok(cosine(down.getVector(down.getFile('a.ts')!.chunkIds[0])!, vectorFor('c1')) > 0.999);
    await down.save();
    await down.close();
    const f16 = await open(dir, { precision: 'f16' });
    assert.equal(f16.message, undefined);
    assert.equal(f16.vectorCount(), 2);
    assert.equal(f16.searchVectors(vectorFor('c2'), 1)[0].id, f16.getFile('a.ts')!.chunkIds[1]);
    await f16.close();
  });

  const damage: [string, (dir: string) => void][] = [
    ['truncated vectors', (d) => truncate(d, 'vectors')],
    ['truncated manifest', (d) => truncate(d, 'manifest')],
    ['truncated lexical', (d) => truncate(d, 'lexical')],
    ['garbage vectors of the same size', (d) => garble(d, 'vectors')],
    ['garbage manifest of the same size', (d) => garble(d, 'manifest')],
    ['garbage reuse cache of the same size', (d) => garble(d, 'reuse')],
    ['garbage current.json', (d) => fs.writeFileSync(path.join(d, 'current.json'), '\u0000\u0001not json')],
    ['empty current.json', (d) => fs.writeFileSync(path.join(d, 'current.json'), '')],
    ['missing data file', (d) => fs.rmSync(path.join(d, dataFile(d, 'lexical')))],
    ['another format version', (d) => editCurrent(d, (r) => ({ ...r, format: 99 }))],
    ['a commit record naming other files', (d) => editCurrent(d, (r) => ({ ...r, generation: 7 }))],
  ];
  for (const [what, spoil] of damage) {
    it(`${what}: opens empty with a message, no throw`, async () => {
      const dir = await saved();
      spoil(dir);
      for (const write of [false, true]) {
        const store = await open(dir, { write });
        assert.equal(store.chunkCount(), 0);
        assert.equal(store.vectorCount(), 0);
        assert.ok(store.message && store.message.length > 10 && !store.message.includes('\n'), store.message);
        if (write) {
          fill(store, put(store, 'a.ts', ['z1']).needVector);
          await store.save();
        }
        await store.close();
      }
      const healed = await open(dir);
      assert.equal(healed.message, undefined);
      assert.equal(healed.chunkCount(), 1);
      await healed.close();
    });
  }
});

function dataFile(dir: string, name: string): string {
  return readCurrentRecord(dir)!.files[name as 'vectors'].name;
}
function truncate(dir: string, name: string): void {
  const p = path.join(dir, dataFile(dir, name));
  fs.truncateSync(p, Math.floor(fs.statSync(p).size / 2));
}
function garble(dir: string, name: string): void {
  const p = path.join(dir, dataFile(dir, name));
  const buf = fs.readFileSync(p);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 131 + 7) & 0xff;
  fs.writeFileSync(p, buf);
}
function editCurrent(dir: string, edit: (r: Record<string, unknown>) => Record<string, unknown>): void {
  const p = path.join(dir, 'current.json');
  fs.writeFileSync(p, JSON.stringify(edit(JSON.parse(fs.readFileSync(p, 'utf8')))));
}

describe('store: lock', () => {
  it('a second writer gets IndexLockedError until the first closes', async () => {
    const dir = tempIndexDir();
    const first = await open(dir);
    await assert.rejects(open(dir), (err: unknown) => err instanceof IndexLockedError);
    const reader = await open(dir, { write: false });
    await reader.close();
    await first.close();
    const second = await open(dir);
    await second.close();
  });

  it('a writer that lost its lock (stalled past the stale limit) refuses to save over another writer', async () => {
    const dir = tempIndexDir();
    const store = await open(dir);
    fill(store, put(store, 'a.ts', ['c1']).needVector);
    (store as unknown as { writerLock: { lost: Error | null } }).writerLock.lost = new Error('lock compromised');
    await assert.rejects(store.save(), /Lost the writer lock .*not saving over another writer/);
    assert.equal(fs.existsSync(path.join(dir, 'current.json')), false, 'nothing was committed');
    await store.close();
  });
});

describe('store: search', () => {
  it('a writer reopened on a saved index maps its graph at the first search, and finds the same answers', async () => {
    const dir = tempIndexDir();
    const first = await open(dir);
    const hashes = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    for (let f = 0; f < 30; f++) fill(first, put(first, `f${f}.ts`, hashes.slice(f * 100, f * 100 + 100)).needVector);
    await first.save();
    const q = vectorFor('w1234');
    const before = first.searchVectors(q, 5).map((r) => r.id);
    await first.close();

    const writer = await open(dir);
    const vectors = (writer as unknown as { vectors: { viewDeferred: boolean } }).vectors;
    assert.equal(vectors.viewDeferred, true, 'opening does not map the graph');
    assert.equal(writer.vectorCount(), 3000);
    assert.deepEqual(writer.searchVectors(q, 5).map((r) => r.id), before);
    assert.equal(vectors.viewDeferred, false);
    // A change after the search loads the graph writable from the same file.
    fill(writer, put(writer, 'new.ts', ['w-new']).needVector);
    assert.equal(writer.getChunk(writer.searchVectors(vectorFor('w-new'), 1)[0].id)!.hash, 'w-new');
    await writer.close();
  });

  it('filtered vector search returns k passing results (exact scan and HNSW)', async () => {
    for (const n of [300, 3000]) {
      const store = await open(tempIndexDir());
      const hashes = Array.from({ length: n }, (_, i) => `v${i}`);
      for (let f = 0; f < n / 100; f++) fill(store, put(store, `f${f}.ts`, hashes.slice(f * 100, f * 100 + 100)).needVector);
      const q = vectorFor('v17');
      const top = store.searchVectors(q, 5);
      assert.equal(top.length, 5);
      assert.equal(store.getChunk(top[0].id)!.hash, 'v17');
      assert.ok(top[0].score > 0.98 && top[0].score <= 1.0001, String(top[0].score));
      for (let i = 1; i < top.length; i++) assert.ok(top[i - 1].score >= top[i].score);
      const only = (id: number) => id % 97 === 3;
      const filtered = store.searchVectors(q, 8, only);
      assert.equal(filtered.length, Math.min(8, Math.ceil((n - 3) / 97)));
      assert.ok(filtered.every((r) => only(r.id)));
      // Same ids as an exact scan over the passing rows.
      const exact = [...store.allChunks()]
        .filter((c) => only(c.id))
        .map((c) => ({ id: c.id, score: cosine(q, store.getVector(c.id)!) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 8)
        .map((r) => r.id);
      assert.deepEqual(new Set(filtered.map((r) => r.id)), new Set(exact));
      assert.deepEqual(store.searchVectors(q, 3, () => false), []);
      await store.close();
    }
  });

  it('splits identifiers in documents and queries', () => {
    assert.deepEqual(splitTerms('readFileSync'), ['read', 'file', 'sync', 'readfilesync']);
    assert.deepEqual(splitTerms('HTMLParser2 snake_case_name x'), ['html', 'parser', '2', 'htmlparser2', 'snake', 'case', 'name', 'snakecasename', 'x']);
    assert.deepEqual(splitTerms('parse-URL, ok'), ['parse', 'url', 'ok']);
  });

  it('lexical search: "read file" finds readFileSync, BM25 ranks, filter applies', async () => {
    const store = await open(tempIndexDir());
    const a = store.putFile('a.ts', { size: 1, mtimeMs: 1, hash: 'a' }, [
      chunk('a.ts', 'l1', 'const data = fs.readFileSync(configPath)'),
      chunk('a.ts', 'l2', 'function writeStream(target) { return target }'),
      chunk('a.ts', 'l3', 'read the docs, then file a bug; read again'),
    ]);
    const hits = store.searchLexical('read file', 10);
    assert.deepEqual(new Set(hits.map((h) => h.id)), new Set([a.ids[0], a.ids[2]]));
    assert.equal(store.searchLexical('readFileSync', 10)[0].id, a.ids[0], 'the whole identifier ranks first');
    assert.deepEqual(store.searchLexical('WRITE_STREAM', 10).map((h) => h.id), [a.ids[1]]);
    assert.deepEqual(store.searchLexical('read file', 10, (id) => id !== a.ids[0]).map((h) => h.id), [a.ids[2]]);
    assert.deepEqual(store.searchLexical('  ', 10), []);
    assert.deepEqual(store.searchLexical('nothinghere', 10), []);
    store.removeFile('a.ts');
    assert.deepEqual(store.searchLexical('read file', 10), []);
    await store.close();
  });
});

describe('store: size', () => {
  it('vectors + graph stay under 600 bytes per chunk at i8, 384 dims', async () => {
    const dims = 384;
    const identity = { ...IDENTITY, dimensions: dims };
    const dir = tempIndexDir();
    const store = await open(dir, { identity });
    const n = 2000;
    for (let f = 0; f < n / 100; f++) {
      const r = put(store, `f${f}.ts`, Array.from({ length: 100 }, (_, i) => `s${f * 100 + i}`));
      for (const id of r.needVector) store.setVector(id, vectorFor(store.getChunk(id)!.hash, dims));
    }
    await store.save();
    const perChunk = store.diskUsage().vectors / n;
    assert.ok(perChunk <= 600, `vectors file: ${perChunk} bytes per chunk`);
    await store.close();
  });
});

describe('store: parts', () => {
  it('reuse cache is an LRU with a bound and round-trips through its file encoding', async () => {
    const cache = new ReuseCache(4, 3);
    for (let i = 0; i < 5; i++) cache.put(`h${i}`, Int8Array.of(i, 0, 0, 1));
    cache.put('h2', Int8Array.of(9, 9, 9, 9)); // touch: h2 becomes the newest
    cache.put('h5', Int8Array.of(5, 5, 5, 5));
    assert.equal(cache.size, 3);
    assert.ok(!cache.has('h3') && cache.has('h4') && cache.has('h2') && cache.has('h5'));
    const back = ReuseCache.decode(cache.encode(), 4, 3);
    assert.deepEqual([...back.take('h2')!], [9, 9, 9, 9]);
    assert.equal(back.take('h2'), undefined);
    assert.throws(() => ReuseCache.decode(cache.encode(), 8));
  });

  it('lexical index compacts after many removals and round-trips', async () => {
    const lx = new LexicalIndex();
    const doc = (body: string) => ({ symbol: '', path: 'a.ts', body });
    for (let i = 0; i < 3000; i++) lx.add(i, doc(`common word${i % 10} unique${i}`));
    for (let i = 0; i < 2500; i++) lx.remove(i);
    assert.equal(lx.size, 500);
    assert.equal(lx.search('unique2999', 5)[0].id, 2999);
    assert.ok(lx.search('unique5', 50).every((r) => r.id >= 2500), 'removed documents never come back');
    const back = decodeLexical(encodeLexical(lx));
    assert.equal(back.size, 500);
    assert.deepEqual(back.search('word3 unique2503', 3)[0].id, 2503);
    assert.equal(back.search('common', 1000).length, 500);
    back.add(7, doc('fresh doc'));
    assert.deepEqual(back.search('fresh', 5).map((r) => r.id), [7]);
  });
});
