// A writer's changes to a committed lexical file without decoding it: the chunks added since (a small index of
// their own) and the ids removed from the file. A save streams the file and the additions into the next file term
// by term, so an index run holds what it added since its last save, not every committed posting (decoded with room
// to grow, the postings of a million chunks were ~300 MB of the run). The result decodes to the index that decoding
// the file and applying the same changes gives (same documents, postings and search results; a term whose
// postings were all removed and then added again may sit at another place in its field's list).
import { ByteReader, ByteWriter } from '../bytes';
import { readLexicalHeader, writeLexicalHeader, writePostingList, type LexicalHeader } from './codec';
import type { LexicalIndex } from './index';

/** A lexical file's header and documents: chunk ids and field lengths (3 per document) by slot. */
export interface LexicalFileDocs extends LexicalHeader {
  ids: Uint32Array;
  lens: Uint32Array;
  /** Where the terms start. */
  termsAt: number;
}

/** The header and document table of a lexical file in the current format (`buf` may end after them). */
export function readLexicalDocs(buf: Buffer): LexicalFileDocs {
  return readDocs(new ByteReader(buf, 'lexical index'));
}

/** The header and document table, read from the start of `r`, which is left where the terms start. */
function readDocs(r: ByteReader): LexicalFileDocs {
  const head = readLexicalHeader(r);
  if (head.raw) throw new Error('lexical index is in an older format');
  r.expect(head.docs * 16);
  const ids = new Uint32Array(head.docs);
  const lens = new Uint32Array(head.docs * 3);
  for (let s = 0; s < head.docs; s++) {
    ids[s] = r.u32();
    for (let f = 0; f < 3; f++) lens[s * 3 + f] = r.u32();
  }
  return { ...head, ids, lens, termsAt: r.pos };
}

/**
 * Streams the lexical file `r` reads (from its start; a FileByteReader reads it from disk in pieces) without the
 * documents whose ids are in `dropped`, followed by `added`'s documents, through `sink` in pieces. `added` must use
 * the file's options; it is compacted first if it has removed documents.
 */
export function streamMergedLexical(r: ByteReader, added: LexicalIndex, dropped: ReadonlySet<number>, sink: (piece: Buffer) => void): void {
  r.seek(0);
  const docs = readDocs(r);
  if (added.stemming !== docs.stemming || added.fielded !== docs.fields) throw new Error('lexical changes were made with other options than the file');
  if (added.removedCount > 0) added.compact();
  // Committed slots renumbered without the dropped documents; added slots follow them.
  const remap = new Int32Array(docs.ids.length);
  let kept = 0;
  for (let s = 0; s < docs.ids.length; s++) remap[s] = dropped.has(docs.ids[s]) ? -1 : kept++;
  const out = ByteWriter.streaming(sink);
  writeLexicalHeader(out, docs.stemming, docs.fields, kept + added.ids.length);
  for (let s = 0; s < docs.ids.length; s++) {
    if (remap[s] < 0) continue;
    out.u32(docs.ids[s]);
    for (let f = 0; f < 3; f++) out.u32(docs.lens[s * 3 + f]);
  }
  for (let s = 0; s < added.ids.length; s++) {
    out.u32(added.ids[s]);
    for (let f = 0; f < 3; f++) out.u32(added.lens[s * 3 + f]);
  }
  const nslots = docs.ids.length;
  for (let f = 0; f < 3; f++) {
    const addedTerms = added.terms[f];
    const fieldAt = r.pos;
    // Pass 1: which committed terms keep a posting (theirs or added ones), to write the field's term count first.
    // KEEP: written with the file's kept postings; KEEP_ADDED: and added ones (only these are decoded in pass 2).
    const nterms = r.u32();
    const keeps = new Uint8Array(nterms);
    // Added terms the file has too (the rest follow the file's terms); a set of the file's terms would be far larger.
    const inBoth = new Set<string>();
    let count = 0;
    for (let i = 0; i < nterms; i++) {
      const term = readTerm(r);
      const n = r.varint();
      let live = 0;
      let slot = 0;
      for (let j = 0; j < n; j++) {
        const v = r.varint();
        slot += Math.floor(v / 2);
        if (v & 1) r.u8();
        if (slot >= nslots) throw new Error('lexical index has a bad posting');
        if (remap[slot] >= 0) live++;
      }
      const v = addedTerms.get(term);
      if (v !== undefined) inBoth.add(term);
      const addedLive = v !== undefined && added.postingCount(v) > 0;
      if (live > 0 || addedLive) {
        keeps[i] = addedLive ? KEEP_ADDED : KEEP;
        count++;
      }
    }
    const onlyAdded: string[] = [];
    for (const [t, v] of addedTerms) if (!inBoth.has(t) && added.postingCount(v) > 0) onlyAdded.push(t);
    inBoth.clear();
    // Pass 2: write them, each committed term's kept postings renumbered, then its added ones.
    r.seek(fieldAt);
    r.u32();
    out.u32(count + onlyAdded.length);
    const postings: number[] = [];
    const addTo = (v: number | undefined): void => {
      if (v === undefined) return;
      const list = added.pool.view(v);
      for (let j = 0; j < list.length; j++) postings.push((list[j] + (kept << 8)) >>> 0);
    };
    for (let i = 0; i < nterms; i++) {
      const bl = r.u8();
      r.need(bl);
      const keep = keeps[i];
      // The term is written and looked up before its postings are read: a file reader's next read may reuse buf.
      const addedList = keep === KEEP_ADDED ? addedTerms.get(r.buf.toString('utf8', r.o, r.o + bl)) : undefined;
      if (keep) {
        out.u8(bl);
        out.bytes(r.buf.subarray(r.o, r.o + bl));
      }
      r.o += bl;
      const n = r.varint();
      postings.length = 0;
      let slot = 0;
      for (let j = 0; j < n; j++) {
        const v = r.varint();
        slot += Math.floor(v / 2);
        const tf = v & 1 ? r.u8() : 1;
        if (keep && remap[slot] >= 0) postings.push(((remap[slot] << 8) | tf) >>> 0);
      }
      if (!keep) continue;
      addTo(addedList);
      writePostingList(out, postings);
    }
    for (const t of onlyAdded) {
      const b = Buffer.from(t, 'utf8');
      postings.length = 0;
      addTo(addedTerms.get(t));
      out.u8(b.length);
      out.bytes(b);
      writePostingList(out, postings);
    }
  }
  if (!r.done) throw new Error('lexical index has trailing bytes');
  out.flush();
}

const KEEP = 1;
const KEEP_ADDED = 2;

function readTerm(r: ByteReader): string {
  const bl = r.u8();
  r.need(bl);
  const term = r.buf.toString('utf8', r.o, r.o + bl);
  r.o += bl;
  return term;
}
