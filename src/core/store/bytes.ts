// Little-endian byte buffers for the store's binary files: a growable writer and a bounds-checked reader.
// Numbers that are usually small are varints (7 bits a byte, low first); strings are a varint byte length + UTF-8.
import * as fs from 'node:fs';

/** Bytes a streaming writer hands on at a time. */
const PIECE_BYTES = 1 << 22;

/**
 * A growable little-endian byte buffer; or, given a sink, a streaming writer that hands its bytes on in pieces of
 * ~4 MB (so a file of any size is written without ever holding it whole).
 */
export class ByteWriter {
  private buf: Buffer;
  private o = 0;
  /** Bytes already handed on (a streaming writer). */
  private handedOn = 0;

  constructor(
    initial: number,
    /** Takes each full piece (a view of a reused buffer: consume it before returning). */
    private readonly sink?: (piece: Buffer) => void,
  ) {
    this.buf = Buffer.alloc(Math.max(64, initial));
  }

  /** A writer that hands its bytes to `sink` in pieces of about `pieceBytes`; call `flush` at the end. */
  static streaming(sink: (piece: Buffer) => void, pieceBytes = PIECE_BYTES): ByteWriter {
    return new ByteWriter(pieceBytes, sink);
  }

  /** A streaming writer: hands on what is buffered. */
  flush(): void {
    if (!this.sink) throw new Error('flush: this ByteWriter has no sink');
    if (this.o > 0) this.sink(this.buf.subarray(0, this.o));
    this.handedOn += this.o;
    this.o = 0;
  }

  /** Bytes written so far (handed on or not): the offset in the file of what is written next. */
  get position(): number {
    return this.handedOn + this.o;
  }

  private room(n: number): void {
    if (this.o + n <= this.buf.length) return;
    if (this.sink) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    // Doubling while small; past 16 MB a quarter more each time (a doubled 100 MB buffer was 200 MB at once, half spare).
    const len = this.buf.length;
    const next = Buffer.alloc(Math.ceil(Math.max(len < 1 << 24 ? len * 2 : len * 1.25, this.o + n)));
    this.buf.copy(next, 0, 0, this.o);
    this.buf = next;
  }

  latin1(s: string): void {
    this.room(s.length);
    this.o += this.buf.write(s, this.o, 'latin1');
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.o++] = v;
  }

  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32LE(v, this.o);
    this.o += 4;
  }

  bytes(b: Buffer): void {
    this.room(b.length);
    b.copy(this.buf, this.o);
    this.o += b.length;
  }

  varint(v: number): void {
    this.room(6);
    while (v >= 0x80) {
      this.buf[this.o++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.o++] = v;
  }

  f64(v: number): void {
    this.room(8);
    this.buf.writeDoubleLE(v, this.o);
    this.o += 8;
  }

  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.varint(b.length);
    this.bytes(b);
  }

  done(): Buffer {
    if (this.sink) throw new Error('done: a streaming ByteWriter has handed its bytes on (use flush)');
    return this.buf.subarray(0, this.o);
  }
}

/** Reads what ByteWriter wrote; any read past the end throws `<what> is truncated`. */
export class ByteReader {
  /** Where the next read starts in `buf` (a subclass's window: see FileByteReader). */
  o = 0;

  constructor(
    public buf: Buffer,
    protected readonly what: string,
  ) {}

  /** Makes the next `n` bytes readable at `buf[o]` (a window reader refills its window). */
  need(n: number): void {
    if (this.o + n > this.buf.length) throw this.truncated();
  }

  /** Throws unless `n` more bytes follow, without reading them. */
  expect(n: number): void {
    this.need(n);
  }

  get done(): boolean {
    return this.o === this.buf.length;
  }

  /** Position in the whole input. */
  get pos(): number {
    return this.o;
  }

  seek(pos: number): void {
    this.o = pos;
  }

  protected truncated(): Error {
    return new Error(`${this.what} is truncated`);
  }

  latin1(n: number): string {
    this.need(n);
    const s = this.buf.toString('latin1', this.o, this.o + n);
    this.o += n;
    return s;
  }

  u8(): number {
    this.need(1);
    return this.buf[this.o++];
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.o);
    this.o += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.o);
    this.o += 8;
    return v;
  }

  varint(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = this.u8();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
      if (mul > 2 ** 49) throw new Error(`${this.what} has a bad number`);
    }
  }

  str(): string {
    const n = this.varint();
    this.need(n);
    const s = this.buf.toString('utf8', this.o, this.o + n);
    this.o += n;
    return s;
  }

  /** Step over a string written by `ByteWriter.str`. */
  skipStr(): void {
    const n = this.varint();
    this.need(n);
    this.o += n;
  }

  hex(n: number): string {
    this.need(n);
    const s = this.buf.toString('hex', this.o, this.o + n);
    this.o += n;
    return s;
  }
}

/**
 * A ByteReader over a file, read (synchronously) through a window that is refilled where a read falls outside it:
 * a file of any size is read without holding it whole. A view of `buf` is valid until the next read.
 */
export class FileByteReader extends ByteReader {
  /** File position of `buf[0]`, and how many bytes of `buf` hold the file from there. */
  private start = 0;
  private len = 0;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    what: string,
    window: Buffer = Buffer.allocUnsafe(1 << 20),
  ) {
    super(window, what);
  }

  override need(n: number): void {
    if (this.o + n <= this.len) return;
    const at = this.start + this.o;
    if (at + n > this.size) throw this.truncated();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
    const len = Math.min(this.buf.length, this.size - at);
    for (let got = 0; got < len; ) {
      const r = fs.readSync(this.fd, this.buf, got, len - got, at + got);
      if (r === 0) throw this.truncated();
      got += r;
    }
    this.start = at;
    this.len = len;
    this.o = 0;
  }

  override expect(n: number): void {
    if (this.pos + n > this.size) throw this.truncated();
  }

  override get done(): boolean {
    return this.pos === this.size;
  }

  override get pos(): number {
    return this.start + this.o;
  }

  override seek(pos: number): void {
    if (pos >= this.start && pos <= this.start + this.len) {
      this.o = pos - this.start;
    } else {
      this.start = pos;
      this.len = 0;
      this.o = 0;
    }
  }
}
