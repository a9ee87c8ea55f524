// A writer's lexical index, decoded on first use: a re-index that changes nothing never needs it, and decoding
// 100k chunks' postings is a tenth of a second and tens of MB. Until then the committed file stands for it (a save
// of an unchanged index writes its bytes again as they are); a writer does not even read it until then (15 MB at
// 162k chunks: ~80 ms here, most of it the kernel filling a fresh buffer).
import * as fs from 'node:fs';
import { sha256Of } from '../files';
import { decodeLexical, lexicalDocCount, streamLexical } from './codec';
import { LexicalIndex } from './index';

export class LazyLexical {
  private decoded: LexicalIndex | undefined;
  private bytes: Buffer | undefined;
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

  get(): LexicalIndex {
    if (!this.decoded) {
      // Decoded to be appended to: each term's postings in a block with room (see decodeLexical).
      const lx = decodeLexical(this.readBytes(), { growable: true });
      this.check(lx);
      this.decoded = lx;
      this.bytes = undefined;
    }
    return this.decoded;
  }

  /** The file's bytes through `write`, in pieces when they are encoded now. */
  stream(write: (piece: Buffer) => void): void {
    if (this.decoded) streamLexical(this.decoded, write);
    else write(this.readBytes());
  }
}
