// Records read from a manifest file: one at a time, and during a walk through a window read ahead (in file order)
// or the whole file (a walk that jumps about); every read gives the bytes at its offset.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RecordsInFile } from '../../src/core/store/manifestRecords';
import { tempIndexDir } from './storeFixtures';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A file of 20,000 pseudo-random bytes cut into records of 1–40 bytes. */
function recordsFile(): { file: string; bytes: Buffer; records: [number, number][] } {
  const r = rng(3);
  const bytes = Buffer.alloc(20_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
  const records: [number, number][] = [];
  for (let at = 0; at < bytes.length; ) {
    const len = Math.min(1 + Math.floor(r() * 40), bytes.length - at);
    records.push([at, len]);
    at += len;
  }
  const dir = tempIndexDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'manifest.bin');
  fs.writeFileSync(file, bytes);
  return { file, bytes, records };
}

function readOk(rf: RecordsInFile, bytes: Buffer, offset: number, length: number): void {
  const { buf, at } = rf.read(offset, length);
  assert.ok(buf.subarray(at, at + length).equals(bytes.subarray(offset, offset + length)), `record at ${offset}`);
}

describe('RecordsInFile', () => {
  test('single reads, a walk in file order through small windows, then a walk out of order', () => {
    const { file, bytes, records } = recordsFile();
    const rf = new RecordsInFile(file, bytes.length, 256);
    for (const [offset, length] of records.filter((_, i) => i % 97 === 0)) readOk(rf, bytes, offset, length);

    // In file order: each record is served from a window (a record may straddle two windows' ends).
    let release = rf.hold();
    for (const [offset, length] of records) readOk(rf, bytes, offset, length);
    // A nested hold (a save's walk inside another) and its release leave the walk going.
    const inner = rf.hold();
    readOk(rf, bytes, records[5][0], records[5][1]);
    inner();
    release();

    // Out of order: past a few windows' worth of jumps the whole file is read; every record still reads right.
    const order = records.map((_, i) => i);
    const r = rng(9);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    release = rf.hold();
    for (const i of order) readOk(rf, bytes, records[i][0], records[i][1]);
    release();
    release();
    // After the walk, single reads again.
    readOk(rf, bytes, records[100][0], records[100][1]);
    rf.close();
    assert.throws(() => rf.read(0, 1), /the index was closed/);
  });

  test('a record past the end is an error', () => {
    const { file, bytes } = recordsFile();
    const rf = new RecordsInFile(file, bytes.length, 256);
    const release = rf.hold();
    assert.throws(() => rf.read(bytes.length - 2, 5), /out of range/);
    release();
    rf.close();
  });
});
