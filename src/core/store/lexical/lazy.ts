// A writer's lexical index, decoded on first use: a re-index that changes nothing never needs it, and decoding
// 100k chunks' postings is a tenth of a second and tens of MB. Until then the committed file's bytes stand for it
// (a save of an unchanged index writes them again as they are).
import { decodeLexical, encodeLexical, lexicalDocCount } from './codec';
import { LexicalIndex } from './index';

export class LazyLexical {
  private decoded: LexicalIndex | undefined;
  private bytes: Buffer | undefined;

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

  /** `bytes`: a lexical file; its document count is checked now, the rest when it is decoded. */
  static fromBytes(bytes: Buffer, expectedDocs: number, check: (lx: LexicalIndex) => void): LazyLexical {
    if (lexicalDocCount(bytes) !== expectedDocs) throw new Error('lexical index and manifest disagree');
    return new LazyLexical(undefined, bytes, check);
  }

  get isDecoded(): boolean {
    return this.decoded !== undefined;
  }

  get(): LexicalIndex {
    if (!this.decoded) {
      const lx = decodeLexical(this.bytes!);
      this.check(lx);
      this.decoded = lx;
      this.bytes = undefined;
    }
    return this.decoded;
  }

  encode(): Buffer {
    return this.decoded ? encodeLexical(this.decoded) : this.bytes!;
  }
}
