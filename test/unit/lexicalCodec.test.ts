// The lexical index file: compact postings round-trip exactly, the previous raw format still loads, damage is caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLexical, encodeLexical } from '../../src/core/store/lexical/codec';
import { LexicalIndex } from '../../src/core/store/lexical/index';

function postings(lx: LexicalIndex): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  lx.terms.forEach((map, f) => {
    for (const [t, v] of map) {
      const p = lx.postings(v)!;
      out[`${f}:${t}`] = [...p.buf.subarray(0, p.len)];
    }
  });
  return out;
}

function sample(): LexicalIndex {
  const lx = new LexicalIndex();
  for (let i = 0; i < 400; i++) {
    // Term frequencies 1, 2 and past 255 (capped), rare and common terms, gaps of every size.
    const body = [`common`, `rare${i % 97 === 0 ? 'x' : i}`, ...Array(i % 3).fill('twice'), ...(i === 7 ? Array(300).fill('flood') : [])].join(' ');
    lx.add(i * 977 + 3, { symbol: i % 5 === 0 ? `name${i}` : '', path: `src/f${i % 4}.ts`, body });
  }
  return lx;
}

/** The format before compact postings: u32 counts and raw u32 (slot << 8 | tf) entries. */
function encodeRaw(lx: LexicalIndex): Buffer {
  const parts: Buffer[] = [Buffer.from('SCSLEX02', 'latin1'), Buffer.from([3])];
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    return b;
  };
  parts.push(u32(lx.ids.length));
  lx.ids.forEach((id, s) => parts.push(u32(id), u32(lx.lens[s * 3]), u32(lx.lens[s * 3 + 1]), u32(lx.lens[s * 3 + 2])));
  for (const map of lx.terms) {
    parts.push(u32(map.size));
    for (const [t, v] of map) {
      const p = lx.postings(v)!;
      const tb = Buffer.from(t, 'utf8');
      parts.push(Buffer.from([tb.length]), tb, u32(p.len), Buffer.from(p.buf.slice(0, p.len).buffer));
    }
  }
  return Buffer.concat(parts);
}

describe('lexical index file', () => {
  it('compact postings round-trip exactly and take fewer bytes than raw u32 postings', () => {
    const lx = sample();
    const compact = encodeLexical(lx);
    const back = decodeLexical(compact);
    assert.deepEqual(postings(back), postings(lx));
    assert.deepEqual(back.ids, lx.ids);
    assert.deepEqual(back.search('flood twice', 3), lx.search('flood twice', 3));
    assert.ok(compact.length < encodeRaw(lx).length * 0.75, `${compact.length} vs ${encodeRaw(lx).length} bytes`);
  });

  it('a decoded index changes like a built one: appends, removals and compaction leave the same postings and scores', () => {
    const built = sample();
    const decoded = decodeLexical(encodeLexical(built));
    const growable = decodeLexical(encodeLexical(built), { growable: true });
    assert.deepEqual(postings(growable), postings(built), 'a growable decode reads the same lists');
    for (const lx of [built, decoded, growable]) {
      lx.add(1_000_003, { symbol: 'name0 freshName', path: 'src/f1.ts', body: 'common flood twice newword' });
      lx.remove(3);
      lx.remove(7 * 977 + 3);
    }
    assert.deepEqual(postings(decoded), postings(built));
    assert.deepEqual(postings(growable), postings(built));
    assert.deepEqual(decoded.search('common flood newword', 5), built.search('common flood newword', 5));
    assert.deepEqual(growable.search('common flood newword', 5), built.search('common flood newword', 5));
    assert.deepEqual(decoded.definers('name0'), built.definers('name0'));
    // The decoded arrays were not written through: a second decode of the same bytes is unchanged.
    const again = decodeLexical(encodeLexical(sample()));
    assert.deepEqual(postings(again), postings(sample()));
    assert.deepEqual(postings(decodeLexical(encodeLexical(decoded))), postings(decodeLexical(encodeLexical(built))));
    assert.ok(encodeLexical(growable).equals(encodeLexical(built)), 'the same file');
  });

  it('a growable decode gives each list room, so appending to a common term does not copy it away from one shared array', () => {
    const lx = decodeLexical(encodeLexical(sample()), { growable: true });
    const before = lx.pool.allocatedEntries;
    for (let i = 0; i < 50; i++) lx.add(2_000_000 + i, { symbol: '', path: 'src/g.ts', body: 'common twice' });
    assert.deepEqual(lx.search('common', 400).length, 400);
    // 450 'common' postings: its block grew at most a few size classes; nothing near a second copy of every list.
    assert.ok(lx.pool.allocatedEntries < before * 1.6, `${before} -> ${lx.pool.allocatedEntries} entries`);
  });

  it('reads an index written in the raw format before', () => {
    const lx = sample();
    const back = decodeLexical(encodeRaw(lx));
    assert.deepEqual(postings(back), postings(lx));
    assert.deepEqual(back.search('rare15', 1), lx.search('rare15', 1));
  });

  it('a cut or padded file is an error, never a silently shorter index', () => {
    const buf = encodeLexical(sample());
    assert.throws(() => decodeLexical(buf.subarray(0, buf.length - 3)), /truncated|bad|trailing/);
    assert.throws(() => decodeLexical(Buffer.concat([buf, Buffer.from([1])])), /trailing/);
    const wrong = Buffer.from(buf);
    wrong.write('SCSLEX09', 0, 'latin1');
    assert.throws(() => decodeLexical(wrong), /bad header/);
  });
});
