// A writer's lexical index, decoded on first use: a re-index that changes nothing never needs it, and decoding
// 100k chunks' postings is a tenth of a second and tens of MB. Until then the committed file stands for it (a save
// of an unchanged index writes its bytes again as they are); a writer does not even read it until then (15 MB at
// 162k chunks: ~80 ms here, most of it the kernel filling a fresh buffer).
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { sha256Of } from '../files';
import type { LexicalTerms } from '../../types';
import { ByteReader, FileByteReader } from '../bytes';
import { decodeLexical, readLexicalHeader, streamLexical, type LexicalHeader } from './codec';
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
  /** Chunk ids whose committed document goes: removed, or added again (every added id, so none is missed). */
  dropped: Set<number>;
}

export class LazyLexical {
  private decoded: LexicalIndex | undefined;
  private bytes: Buffer | undefined;
  /** A writer's changes since the file, while nothing needed the index decoded. */
  private pending: PendingChanges | undefined;
  /**
   * The committed file not read yet, with the checksum its bytes must have when they are. Held open until then (or
   * until close): a save that leaves these changes beside it (see IndexStore.settle) removes the file's generation,
   * and the next save still merges from it, as the manifest's records are still read from theirs.
   */
  private file: { path: string; sha256: string; fd: number } | undefined;
  /** The committed file's header (read when it was named). */
  private header: LexicalHeader | undefined;

  private constructor(
    decoded: LexicalIndex | undefined,
    bytes: Buffer | undefined,
    /** Checks the committed documents against the manifest (throws on a mismatch); none for a file just written. */
    private readonly check?: (lx: LexicalIndex) => void,
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
  static fromFile(path: string, sha256: string, expectedDocs: number, check?: (lx: LexicalIndex) => void): LazyLexical {
    const head = Buffer.alloc(13);
    const fd = fs.openSync(path, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
      const header = readLexicalHeader(new ByteReader(head, 'lexical index'));
      if (header.docs !== expectedDocs) throw new Error('lexical index and manifest disagree');
      const lazy = new LazyLexical(undefined, undefined, check);
      lazy.file = { path, sha256, fd };
      lazy.header = header;
      return lazy;
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  /** Closes the committed file, if it is still held (the index is then what was read or decoded from it). */
  close(): void {
    if (!this.file) return;
    fs.closeSync(this.file.fd);
    this.file = undefined;
  }

  private readBytes(): Buffer {
    if (!this.bytes) {
      const { path, sha256, fd } = this.file!;
      const bytes = Buffer.allocUnsafe(fs.fstatSync(fd).size);
      for (let at = 0; at < bytes.length; ) {
        const n = fs.readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) throw new Error(`${path} is truncated`);
        at += n;
      }
      if (sha256Of(bytes) !== sha256) throw new Error(`${path} changed after the index was opened; rebuild the index.`);
      this.bytes = bytes;
      this.close();
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
        streamMergedLexical(new ByteReader(bytes, 'lexical index'), pending.added, pending.dropped, (p) => pieces.push(p));
        bytes = Buffer.concat(pieces);
      }
      // Decoded to be appended to: each term's postings in a block with room (see decodeLexical).
      const lx = decodeLexical(bytes, { growable: true });
      // Changes were checked for when they began (the file as loaded).
      if (!pending) this.check?.(lx);
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
      const head = this.header!;
      // An older format, or a file whose documents cannot be read (the full read reports it): the decoded index.
      if (head.raw) return this.get();
      if (this.check) {
        let docs: ReturnType<typeof readLexicalDocs>;
        try {
          docs = readLexicalDocs(this.bytes ?? this.readDocsOfFile(head.docs));
        } catch {
          return this.get();
        }
        const committed = new LexicalIndex({ stemming: head.stemming, fields: head.fields });
        committed.setSlots(Array.from(docs.ids), docs.lens);
        this.check(committed);
      }
      const added = new LexicalIndex({ stemming: head.stemming, fields: head.fields });
      const dropped = new Set<number>();
      this.pending = {
        added,
        dropped,
        add(id, doc) {
          dropped.add(id);
          added.add(id, doc);
        },
        remove(id) {
          added.remove(id);
          dropped.add(id);
        },
      };
    }
    return this.pending;
  }

  /** The file's header and document table only (16 bytes a chunk, not its postings). */
  private readDocsOfFile(docs: number): Buffer {
    const buf = Buffer.alloc(13 + docs * 16);
    if (fs.readSync(this.file!.fd, buf, 0, buf.length, 0) !== buf.length) throw new Error('lexical index is truncated');
    return buf;
  }

  /** The file's bytes through `write`, in pieces when they are encoded now (changes merged into the file's). */
  stream(write: (piece: Buffer) => void): void {
    if (this.decoded) streamLexical(this.decoded, write);
    else if (this.bytes) {
      if (this.pending) streamMergedLexical(new ByteReader(this.bytes, 'lexical index'), this.pending.added, this.pending.dropped, write);
      else write(this.bytes);
    } else {
      // The committed file, read in pieces: held whole, it was ~100 MB of a million-chunk run's peak at each save.
      const pending = this.pending;
      this.readFileInPieces(pending ? undefined : write, (r) => pending && streamMergedLexical(r, pending.added, pending.dropped, write));
    }
  }

  /**
   * Reads the committed file once through a window, checking its checksum (`copy` gets each piece as it is read;
   * a mismatch throws after the last one), then hands the window, as a reader from the file's start, to `then`.
   */
  private readFileInPieces(copy: ((piece: Buffer) => void) | undefined, then: (r: FileByteReader) => void): void {
    const { path, sha256, fd } = this.file!;
    const size = fs.fstatSync(fd).size;
    const window = Buffer.allocUnsafe(Math.min(FILE_WINDOW_BYTES, Math.max(1, size)));
    const h = createHash('sha256');
    for (let at = 0; at < size; ) {
      const n = fs.readSync(fd, window, 0, Math.min(window.length, size - at), at);
      if (n === 0) break;
      h.update(window.subarray(0, n));
      copy?.(window.subarray(0, n));
      at += n;
    }
    if (h.digest('hex') !== sha256) throw new Error(`${path} changed after the index was opened; rebuild the index.`);
    then(new FileByteReader(fd, size, 'lexical index', window));
  }
}

/** The window a save reads the committed file through. */
const FILE_WINDOW_BYTES = 1 << 20;
