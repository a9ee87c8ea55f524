// The binary manifest round-trips every field, an index saved with the JSON manifest of before still opens (and its
// next save writes the binary one), and damage inside the manifest is an error, never a shorter index.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { readCurrentRecord } from '../../src/core/store';
import { decodeManifest, encodeManifest, streamManifest, type ManifestInput } from '../../src/core/store/manifest';
import type { StoredChunk } from '../../src/core/types';
import { fill, open, put, tempIndexDir } from './storeFixtures';

function sample(): ManifestInput & { chunks: Map<number, StoredChunk> } {
  const chunks = new Map<number, StoredChunk>();
  const files = new Map<string, { size: number; mtimeMs: number; hash: string; chunkIds: number[]; generated?: boolean }>();
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  // Ids out of order across files (gaps both ways), a non-hex hash, Unicode, a fractional mtime.
  const layout: [string, number[]][] = [
    ['src/a.ts', [5, 6, 9]],
    ['docs/Ünïcode guide.md', [2, 100_000]],
    ['gen/out.js', [7]],
  ];
  for (const [p, ids] of layout) {
    for (const id of ids) {
      chunks.set(id, { id, path: p, startLine: id % 50, endLine: (id % 50) + 3, kind: id % 2 ? 'function' : 'section', symbol: `sym${id} — “x”`, part: id === 9 ? '2/3 fetch' : '', language: p.endsWith('.md') ? 'markdown' : 'typescript', hash: id === 7 ? 'not-a-sha' : sha(String(id)), preview: `line ${id} 🎉` });
    }
    files.set(p, { size: 1234, mtimeMs: 1_700_000_000_123.5, hash: sha(p), chunkIds: ids, ...(p.startsWith('gen/') ? { generated: true } : {}) });
  }
  return { nextId: 100_001, files, chunks };
}

describe('store: binary manifest', () => {
  it('round-trips every field', () => {
    const data = sample();
    const back = decodeManifest(encodeManifest(data));
    assert.equal(back.nextId, data.nextId);
    assert.deepEqual([...back.files], [...data.files]);
    assert.deepEqual([...back.chunks].sort((a, b) => a[0] - b[0]), [...data.chunks].sort((a, b) => a[0] - b[0]));
  });

  it('a reader reads each chunk record from the file, holds the whole file only while walking them all, and stops at close', () => {
    const data = sample();
    const dir = tempIndexDir();
    const file = path.join(dir, 'manifest.bin');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, encodeManifest(data));
    const back = decodeManifest(fs.readFileSync(file), file);
    const expected = [...data.chunks].sort((a, b) => a[0] - b[0]);
    // One at a time (a query's rows), then all at once (a cluster map).
    for (const [id, chunk] of expected) assert.deepEqual(back.chunks.get(id), chunk);
    assert.deepEqual([...back.chunks], expected);
    // A walk abandoned half-way releases the file too; single reads still work after it.
    for (const [id] of back.chunks) if (id > 0) break;
    assert.deepEqual(back.chunks.get(100_000), data.chunks.get(100_000));
    back.chunks.close();
    assert.throws(() => back.chunks.get(5), /the index was closed/);
  });

  it('a streamed manifest is the same bytes, and the table from writing it reads the records as a decode of the file does', () => {
    const data = sample();
    const dir = tempIndexDir();
    const file = path.join(dir, 'manifest.bin');
    fs.mkdirSync(dir, { recursive: true });
    const pieces: Buffer[] = [];
    const tableOf = streamManifest(data, (piece) => pieces.push(Buffer.from(piece)));
    const bytes = Buffer.concat(pieces);
    assert.ok(bytes.equals(encodeManifest(data)), 'the same bytes as the buffered encoder');
    fs.writeFileSync(file, bytes);
    const written = tableOf(file);
    const decoded = decodeManifest(bytes).chunks;
    assert.equal(written.size, data.chunks.size);
    assert.deepEqual([...written.keys()], [...decoded.keys()], 'ascending ids');
    for (const [id, chunk] of data.chunks) assert.deepEqual(written.get(id), chunk);
    assert.equal(written.get(3), undefined);
    assert.ok(written.delete(6));
    assert.equal(written.get(6), undefined);
    assert.equal(written.size, data.chunks.size - 1);
    written.close();
  });

  it('after a save, a writer keeps none of the chunk objects it had: they are read from the file just written', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dir = tempIndexDir();
    const store = await open(dir);
    const collected = async (ref: WeakRef<object>): Promise<boolean> => {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      return ref.deref() === undefined;
    };
    const first = put(store, 'src/a.ts', ['h1', 'h2']);
    fill(store, first.needVector);
    const ref = new WeakRef(store.getChunk(first.ids[0])!);
    await store.save();
    assert.ok(await collected(ref), 'the object of a chunk put before the save is gone');
    // A second save replaces the table the first one built: nothing of it stays reachable either.
    const second = put(store, 'src/b.ts', ['h3']);
    fill(store, second.needVector);
    const ref2 = new WeakRef(store.getChunk(second.ids[0])!);
    await store.save();
    assert.ok(await collected(ref2), 'the object of a chunk put before the second save is gone');
    assert.equal(store.getChunk(first.ids[0])!.hash, 'h1');
    assert.equal(store.getChunk(second.ids[0])!.hash, 'h3');
    await store.close();
  });

  it('a cut, padded or foreign manifest is an error', () => {
    const buf = encodeManifest(sample());
    assert.throws(() => decodeManifest(buf.subarray(0, buf.length - 5)), /truncated|bad/);
    assert.throws(() => decodeManifest(Buffer.concat([buf, Buffer.from([0])])), /trailing/);
    assert.throws(() => decodeManifest(Buffer.from('SCSMAN99' + 'x'.repeat(20), 'latin1')), /bad header/);
  });

  it('an index saved with the JSON manifest (format 2 before this change) opens, and its next save writes the binary one', async () => {
    const dir = tempIndexDir();
    const store = await open(dir);
    fill(store, put(store, 'src/a.ts', ['h1', 'h2']).needVector);
    await store.save();
    await store.close();
    // Rewrite the saved generation's manifest as the JSON form and commit it under its old name.
    const rec = readCurrentRecord(dir)!;
    const data = decodeManifest(fs.readFileSync(path.join(dir, rec.files.manifest.name)));
    const ids = [...data.files.values()].flatMap((f) => f.chunkIds);
    const cs = ids.map((id) => data.chunks.get(id)!);
    const json = JSON.stringify({
      format: 2,
      nextId: data.nextId,
      kinds: [...new Set(cs.map((c) => c.kind))],
      languages: [...new Set(cs.map((c) => c.language))],
      files: [...data.files].map(([p, f]) => [p, f.size, f.mtimeMs, f.hash, f.chunkIds.length, f.generated ? 1 : 0]),
      chunks: {
        id: ids.map((id, i) => id - (i ? ids[i - 1] : 0)),
        start: cs.map((c) => c.startLine),
        end: cs.map((c) => c.endLine),
        kind: cs.map((c) => [...new Set(cs.map((x) => x.kind))].indexOf(c.kind)),
        lang: cs.map((c) => [...new Set(cs.map((x) => x.language))].indexOf(c.language)),
        symbol: cs.map((c) => c.symbol),
        part: cs.map((c) => c.part),
        hash: cs.map((c) => c.hash),
        preview: cs.map((c) => c.preview),
      },
    });
    fs.rmSync(path.join(dir, rec.files.manifest.name));
    const legacy = `manifest.${rec.generation}.json`;
    fs.writeFileSync(path.join(dir, legacy), json);
    rec.files.manifest = { name: legacy, bytes: Buffer.byteLength(json), sha256: createHash('sha256').update(json).digest('hex') };
    fs.writeFileSync(path.join(dir, 'current.json'), JSON.stringify(rec));

    const reader = await open(dir, { write: false });
    assert.equal(reader.damaged, false, reader.message);
    assert.equal(reader.chunkCount(), 2);
    assert.deepEqual([...reader.allChunks()].map((c) => c.hash).sort(), cs.map((c) => c.hash).sort());
    await reader.close();

    const writer = await open(dir);
    fill(writer, put(writer, 'src/b.ts', ['h3']).needVector);
    await writer.save();
    await writer.close();
    assert.match(readCurrentRecord(dir)!.files.manifest.name, /^manifest\.\d+\.bin$/);
    assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.json') && f.startsWith('manifest.')), 'the old JSON manifest is removed with its generation');
  });
});
