// A streaming ByteWriter hands on, piece by piece, exactly the bytes a buffered one holds at the end: the saves
// write the manifest and the lexical file this way.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { ByteReader, ByteWriter } from '../../src/core/store/bytes';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Op = [kind: 'u8' | 'u32' | 'varint' | 'f64', value: number] | [kind: 'str' | 'latin1', value: string] | [kind: 'bytes', value: Buffer];

function randomOps(seed: number, n: number): Op[] {
  const r = rng(seed);
  const ops: Op[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 7);
    if (k === 0) ops.push(['u8', Math.floor(r() * 256)]);
    else if (k === 1) ops.push(['u32', Math.floor(r() * 2 ** 32)]);
    else if (k === 2) ops.push(['varint', Math.floor(r() ** 3 * 2 ** 40)]);
    else if (k === 3) ops.push(['f64', r() * 1e12]);
    // Some strings and byte runs longer than a piece: the writer must grow past its piece size for them.
    else if (k === 4) ops.push(['str', 'ünï-' + 'x'.repeat(Math.floor(r() ** 4 * 300))]);
    else if (k === 5) ops.push(['latin1', 'abc'.repeat(Math.floor(r() * 5))]);
    else ops.push(['bytes', Buffer.alloc(Math.floor(r() ** 4 * 400), i & 0xff)]);
  }
  return ops;
}

function apply(w: ByteWriter, ops: Op[]): void {
  for (const [kind, v] of ops) {
    if (kind === 'str') w.str(v as string);
    else if (kind === 'latin1') w.latin1(v as string);
    else if (kind === 'bytes') w.bytes(v as Buffer);
    else w[kind](v as number);
  }
}

describe('ByteWriter, streaming', () => {
  for (const pieceBytes of [64, 100, 4096]) {
    test(`pieces of ${pieceBytes} bytes join into the buffered bytes`, () => {
      const ops = randomOps(pieceBytes, 5000);
      const buffered = new ByteWriter(16);
      apply(buffered, ops);
      const want = buffered.done();

      const pieces: Buffer[] = [];
      // A piece is a view of a reused buffer: the sink must copy it, as a file write does.
      const streaming = ByteWriter.streaming((piece) => pieces.push(Buffer.from(piece)), pieceBytes);
      apply(streaming, ops);
      streaming.flush();
      const got = Buffer.concat(pieces);
      assert.equal(got.length, want.length);
      assert.ok(got.equals(want), 'the same bytes');
      assert.ok(pieces.length > 1, 'written in more than one piece');
      // Every piece but the last is at most a piece long, unless one value alone was longer.
      const longest = Math.max(...ops.map(([, v]) => (typeof v === 'string' ? Buffer.byteLength(v) + 6 : Buffer.isBuffer(v) ? v.length : 8)));
      for (const p of pieces) assert.ok(p.length <= Math.max(pieceBytes, longest * 2), `piece of ${p.length} bytes`);
      // And they read back.
      const r = new ByteReader(got, 'test');
      for (const [kind, v] of ops.slice(0, 50)) {
        if (kind === 'u8') assert.equal(r.u8(), v);
        else if (kind === 'u32') assert.equal(r.u32(), v);
        else if (kind === 'varint') assert.equal(r.varint(), v);
        else if (kind === 'f64') assert.equal(r.f64(), v);
        else if (kind === 'str') assert.equal(r.str(), v);
        else if (kind === 'latin1') assert.equal(r.latin1((v as string).length), v);
        else {
          r.need((v as Buffer).length);
          assert.ok(got.subarray(r.o, r.o + (v as Buffer).length).equals(v as Buffer));
          r.o += (v as Buffer).length;
        }
      }
    });
  }

  test('a buffered writer cannot flush, a streaming one cannot be read back whole', () => {
    assert.throws(() => new ByteWriter(8).flush(), /no sink/);
    assert.throws(() => ByteWriter.streaming(() => undefined).done(), /handed its bytes on/);
  });
});
