// A writer's lexical index, decoded on first use: a re-index that changes nothing never needs it, and decoding
// 100k chunks' postings is a tenth of a second and tens of MB. Until then the committed file stands for it (a save
// of an unchanged index writes its bytes again as they are); a writer does not even read it until then (15 MB at
// 162k chunks: ~80 ms here, most of it the kernel filling a fresh buffer).
import * as fs from 'node:fs';
import { sha256Of } from '../files';
import type { LexicalTerms } from '../../types';
import { decodeLexical, lexicalDocCount, streamLexical } from './codec';
import { LexicalIndex, type LexicalFields } from './index';
import { readLexicalDocs, streamMergedLexical } from './merge';

/** What a writer changes: chunks added and removed. */
export interface LexicalEdits {
  add(id: number, doc: LexicalFields | LexicalTerms): void;
  remove(id: number): void;
}

/** Changes to the committed file, kept beside it (merge.ts). */
interface PendingChanges extends LexicalEdits {
  added: LexicalIndex;
  /** Committed chunk ids removed (or added again). */
  dropped: Set<number>;
}

export class LazyLexical {
  private decoded: LexicalIndex | undefined;
  private bytes: Buffer | undefined;
  /** A writer's changes since the file, while nothing needed the index decoded. */
  private pending: PendingChanges | undefined;
  /** The committed file not read yet, with the checksum its bytes must have when they are. */
  private file: { path: string; sha256: string } | undefined;

  private constructor(
    decoded: LexicalIndex | undefined,
    bytes: Buffer | undefined,
    /** Checks the decoded index against the manifest (throws on a mismatch). */
    private readonly check: (lx: LexicalIndex) => void = () => undefined,
  ) {
    this.decoded = decoded;
    this.bytes = bytes;
  }

  static of(lx: LexicalIndex): LazyLexical {
    return new LazyLexical(lx, undefined);
  }

  /**
   * The committed file at `path`, read when first needed: only its header now (the document count). Its bytes are
   * checked against `sha256` when read, so a file changed after the open is reported, never used. Only a writer
   * may do this: it alone removes a generation's files, and it reads them (a save encodes) before it does.
   */
  static fromFile(path: string, sha256: string, expectedDocs: number, check: (lx: LexicalIndex) => void): LazyLexical {
    const head = Buffer.alloc(13);
    const fd = fs.openSync(path, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (lexicalDocCount(head) !== expectedDocs) throw new Error('lexical index and manifest disagree');
    const lazy = new LazyLexical(undefined, undefined, check);
    lazy.file = { path, sha256 };
    return lazy;
  }

  private readBytes(): Buffer {
    if (!this.bytes) {
      const { path, sha256 } = this.file!;
      const bytes = fs.readFileSync(path);
      if (sha256Of(bytes) !== sha256) throw new Error(`${path} changed after the index was opened; rebuild the index.`);
      this.bytes = bytes;
      this.file = undefined;
    }
    return this.bytes;
  }

  /** The whole index, decoded (a search, the team upload): with the changes made since the file, if any. */
  get(): LexicalIndex {
    if (!this.decoded) {
      const pending = this.pending;
      let bytes = this.readBytes();
      if (pending) {
        const pieces: Buffer[] = [];
        streamMergedLexical(bytes, pending.added, pending.dropped, (p) => pieces.push(p));
        bytes = Buffer.concat(pieces);
      }
      // Decoded to be appended to: each term's postings in a block with room (see decodeLexical).
      const lx = decodeLexical(bytes, { growable: true });
      // Changes were checked for when they began (the file as loaded).
      if (!pending) this.check(lx);
      this.decoded = lx;
      this.bytes = undefined;
      this.pending = undefined;
    }
    return this.decoded;
  }

  /**
   * Where a writer adds and removes chunks. Before anything decoded the index, the changes are kept beside the
   * committed file (only its documents are read, to check them against the manifest) and a save merges the two.
   */
  edits(): LexicalEdits {
    if (this.decoded) return this.decoded;
    if (!this.pending) {
      let docs: ReturnType<typeof readLexicalDocs>;
      try {
        docs = readLexicalDocs(this.bytes ?? this.readDocsOfFile());
      } catch {
        // An older format (or a file the full read will report): the decoded index takes the changes.
        return this.get();
      }
      const check = new LexicalIndex({ stemming: docs.stemming, fields: docs.fields });
      check.setSlots(Array.from(docs.ids), docs.lens);
      this.check(check);
      let idEnd = 0;
      for (const id of docs.ids) idEnd = Math.max(idEnd, id + 1);
      const added = new LexicalIndex({ stemming: docs.stemming, fields: docs.fields });
      const dropped = new Set<number>();
      this.pending = {
        added,
        dropped,
        add(id, doc) {
          if (id < idEnd) dropped.add(id);
          added.add(id, doc);
        },
        remove(id) {
          if (added.has(id)) added.remove(id);
          else if (id < idEnd) dropped.add(id);
        },
      };
    }
    return this.pending;
  }

  /** The file's header and document table only (16 bytes a chunk, not its postings). */
  private readDocsOfFile(): Buffer {
    const fd = fs.openSync(this.file!.path, 'r');
    try {
      const head = Buffer.alloc(13);
      fs.readSync(fd, head, 0, 13, 0);
      const docs = head.readUInt32LE(9);
      const buf = Buffer.alloc(13 + docs * 16);
      head.copy(buf);
      if (fs.readSync(fd, buf, 13, buf.length - 13, 13) !== buf.length - 13) throw new Error('lexical index is truncated');
      return buf;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The file's bytes through `write`, in pieces when they are encoded now (changes merged into the file's). */
  stream(write: (piece: Buffer) => void): void {
    if (this.decoded) streamLexical(this.decoded, write);
    else if (this.pending) streamMergedLexical(this.readBytes(), this.pending.added, this.pending.dropped, write);
    else write(this.readBytes());
  }
}
