// A writer's changes kept beside the committed lexical file (lexical/merge.ts) give the index that decoding the file
// and changing it gives: same documents, same postings, same search results, whatever was added, removed and added again.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LexicalIndex, type LexicalFields } from '../../src/core/store/lexical';
import { decodeLexical, encodeLexical } from '../../src/core/store/lexical/codec';
import { LazyLexical } from '../../src/core/store/lexical/lazy';
import { streamMergedLexical } from '../../src/core/store/lexical/merge';
import { ByteReader, FileByteReader } from '../../src/core/store/bytes';
import { sha256Of } from '../../src/core/store/files';

const WORDS = ['parse', 'config', 'retry', 'backoff', 'user', 'email', 'cache', 'token', 'stream', 'buffer', 'render', 'widget', 'queue', 'worker', 'socket', 'timeout'];
const QUERIES = ['retry backoff', 'user email', 'cache token stream', 'render widget', 'queue worker timeout', 'parseConfig', 'socket'];

/** Deterministic pseudo-random numbers (a test that fails says with which seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomDoc(rand: () => number): LexicalFields {
  const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  const [a, b] = pick(2);
  return {
    symbol: rand() < 0.7 ? `${a}${b[0].toUpperCase()}${b.slice(1)}` : '',
    path: `src/${pick(1)[0]}/${pick(1)[0]}.ts`,
    // Repeats, so some terms occur more than once in a chunk (tf > 1).
    body: pick(3 + Math.floor(rand() * 20)).join(' '),
  };
}

function tmpFile(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexmerge-'));
  const file = path.join(dir, 'lexical.bin');
  fs.writeFileSync(file, bytes);
  return file;
}

function merged(lazy: LazyLexical): Buffer {
  const pieces: Buffer[] = [];
  lazy.stream((p) => pieces.push(p));
  return Buffer.concat(pieces);
}

function assertSameIndex(actual: LexicalIndex, expected: LexicalIndex, what: string): void {
  assert.deepEqual(actual.documents(), expected.documents(), `${what}: documents and term frequencies`);
  assert.equal(actual.size, expected.size, `${what}: size`);
  for (const q of QUERIES) assert.deepEqual(actual.search(q, 10), expected.search(q, 10), `${what}: search "${q}"`);
}

describe('lexical changes kept beside the committed file', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const options of [{}, { stemming: false, fields: false }]) {
      it(`give the index that decoding and changing it gives (seed ${seed}, ${JSON.stringify(options)})`, () => {
        const rand = rng(seed);
        const base = new LexicalIndex(options);
        const baseIds: number[] = [];
        for (let id = 0; id < 300; id++) {
          if (rand() < 0.1) continue; // gaps in the ids, as after removals
          base.add(id, randomDoc(rand));
          baseIds.push(id);
        }
        const bytes = encodeLexical(base);
        const file = tmpFile(bytes);
        const lazy = LazyLexical.fromFile(file, sha256Of(bytes), baseIds.length, () => undefined);
        const expected = decodeLexical(bytes, { growable: true });
        const edits = lazy.edits();
        let next = 300;
        const added: number[] = [];
        for (let op = 0; op < 400; op++) {
          const r = rand();
          if (r < 0.45) {
            const id = next++;
            const doc = randomDoc(rand);
            edits.add(id, doc);
            expected.add(id, doc);
            added.push(id);
          } else if (r < 0.75) {
            const id = baseIds[Math.floor(rand() * baseIds.length)];
            edits.remove(id);
            expected.remove(id);
          } else if (r < 0.9 && added.length) {
            const id = added[Math.floor(rand() * added.length)];
            edits.remove(id);
            expected.remove(id);
          } else if (r < 0.95) {
            // A committed id added again (replaced): its old document goes.
            const id = baseIds[Math.floor(rand() * baseIds.length)];
            const doc = randomDoc(rand);
            edits.add(id, doc);
            expected.add(id, doc);
          } else {
            edits.remove(100_000 + op); // unknown: nothing happens
            expected.remove(100_000 + op);
          }
        }
        const out = merged(lazy);
        assertSameIndex(decodeLexical(out), decodeLexical(encodeLexical(expected)), 'the merged file');
        // Asked for the whole index (a search during the run), the changes are decoded into it, and it keeps changing.
        const whole = lazy.get();
        assertSameIndex(whole, expected, 'decoded with its changes');
        assert.equal(lazy.edits(), whole, 'further changes go to the decoded index');
        const doc = randomDoc(rand);
        lazy.edits().add(next, doc);
        expected.add(next, doc);
        assertSameIndex(decodeLexical(merged(lazy)), decodeLexical(encodeLexical(expected)), 'after one more change');
      });
    }
  }

  it('writes the file as it was when nothing changed, and a change to nothing but removals drops those documents', () => {
    const base = new LexicalIndex();
    for (let id = 1; id <= 20; id++) base.add(id, randomDoc(rng(id)));
    const bytes = encodeLexical(base);
    const file = tmpFile(bytes);
    const lazy = LazyLexical.fromFile(file, sha256Of(bytes), 20, () => undefined);
    lazy.edits();
    assert.deepEqual(merged(lazy), bytes, 'no change: the same bytes');
    for (let id = 1; id <= 20; id++) lazy.edits().remove(id);
    const empty = decodeLexical(merged(lazy));
    assert.equal(empty.size, 0);
    assert.equal(empty.terms.reduce((n, m) => n + m.size, 0), 0, 'no term is left without postings');
  });

  it('checks the committed documents when changes begin, and a file changed since is reported at the save', () => {
    const base = new LexicalIndex();
    for (let id = 1; id <= 5; id++) base.add(id, randomDoc(rng(id)));
    const bytes = encodeLexical(base);
    const file = tmpFile(bytes);
    let checked: number | undefined;
    const lazy = LazyLexical.fromFile(file, sha256Of(bytes), 5, (lx) => {
      checked = lx.size;
      if (!lx.has(3)) throw new Error('chunk 3 is missing from the lexical index');
    });
    lazy.edits().add(9, randomDoc(rng(9)));
    assert.equal(checked, 5, 'the check saw the committed documents');
    const refused = LazyLexical.fromFile(file, sha256Of(bytes), 5, () => {
      throw new Error('lexical index and manifest disagree');
    });
    assert.throws(() => refused.edits(), /disagree/);
    // Same size, other bytes: the merge reads the whole file and its checksum no longer matches.
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 1] ^= 0xff;
    fs.writeFileSync(file, damaged);
    assert.throws(() => merged(lazy), /changed after the index was opened/);
  });
});

describe('the merge read from the file through a small window', () => {
  for (const windowBytes of [7, 64, 1000]) {
    it(`writes the bytes the in-memory merge writes (a ${windowBytes}-byte window, refilled mid-term and mid-posting)`, () => {
      const rand = rng(windowBytes);
      const base = new LexicalIndex();
      for (let id = 0; id < 200; id++) base.add(id, randomDoc(rand));
      const bytes = encodeLexical(base);
      const added = new LexicalIndex();
      const dropped = new Set<number>();
      for (let id = 0; id < 200; id += 3) dropped.add(id);
      for (let id = 300; id < 340; id++) {
        added.add(id, randomDoc(rand));
        dropped.add(id);
      }
      const collect = (r: ByteReader): Buffer => {
        const pieces: Buffer[] = [];
        streamMergedLexical(r, added, dropped, (p) => pieces.push(Buffer.from(p)));
        return Buffer.concat(pieces);
      };
      const inMemory = collect(new ByteReader(bytes, 'lexical index'));
      const file = tmpFile(bytes);
      const fd = fs.openSync(file, 'r');
      try {
        assert.deepEqual(collect(new FileByteReader(fd, bytes.length, 'lexical index', Buffer.alloc(windowBytes))), inMemory);
        // A file cut short is reported, not merged.
        assert.throws(() => collect(new FileByteReader(fd, bytes.length - 5, 'lexical index', Buffer.alloc(windowBytes))), /truncated|trailing|bad/);
      } finally {
        fs.closeSync(fd);
      }
      assert.equal(decodeLexical(inMemory).size, 200 - 67 + 40);
    });
  }
});

describe('the committed file after its generation is removed', () => {
  it('still merges from the file it holds open (a save that could not settle removes that generation)', () => {
    const base = new LexicalIndex();
    for (let id = 1; id <= 50; id++) base.add(id, randomDoc(rng(id)));
    const bytes = encodeLexical(base);
    const file = tmpFile(bytes);
    const lazy = LazyLexical.fromFile(file, sha256Of(bytes), 50, () => undefined);
    lazy.edits().add(77, randomDoc(rng(77)));
    lazy.edits().remove(3);
    const first = merged(lazy);
    fs.rmSync(file);
    lazy.edits().add(78, randomDoc(rng(78)));
    const second = merged(lazy);
    const expected = decodeLexical(bytes, { growable: true });
    expected.add(77, randomDoc(rng(77)));
    expected.remove(3);
    assertSameIndex(decodeLexical(first), decodeLexical(encodeLexical(expected)), 'before the file was removed');
    expected.add(78, randomDoc(rng(78)));
    assertSameIndex(decodeLexical(second), decodeLexical(encodeLexical(expected)), 'after');
    // Decoded for a search, it no longer needs the file; closed, it lets go of it.
    assertSameIndex(lazy.get(), expected, 'decoded');
    lazy.close();
  });
});
