// Where the chunk records of a manifest are read from: the committed file, a record when its chunk is asked for.
// The whole manifest in memory was 129 MB of a query process at a million chunks, for the few hundred records a
// query shows, and as much again in a writer between its saves. A walk over every chunk (a save, a cluster map,
// an evaluation) reads the file ahead in windows of 4 MB: such walks go in file order (ids and records are both in
// the order files were indexed); one that jumps about reads the whole file instead.
import * as fs from 'node:fs';
import { readFully } from './usearchFile';

/** Bytes read at a time during a walk over every record. */
const WINDOW_BYTES = 1 << 22;

export interface RecordBytes {
  /** A buffer holding the `length` bytes of the record at `offset` of the manifest, and where they start in it. */
  read(offset: number, length: number): { buf: Buffer; at: number };
  /** Many records are about to be read: keep them all in memory until the returned release is called. */
  hold(): () => void;
  close(): void;
}

export function recordsInMemory(buf: Buffer): RecordBytes {
  return { read: (offset) => ({ buf, at: offset }), hold: () => () => undefined, close: () => undefined };
}

/** Records read from the committed (never rewritten) manifest file, through a descriptor kept open until close. */
export class RecordsInFile implements RecordBytes {
  private fd: number | undefined;
  private whole: Buffer | undefined;
  private holds = 0;
  private scratch = Buffer.allocUnsafe(4096);
  /** During a walk: the bytes from `windowStart` of the file, `windowLength` of them. */
  private window: Buffer | undefined;
  private windowStart = 0;
  private windowLength = 0;
  /** Windows read during this walk (a walk out of file order reads many). */
  private windowsRead = 0;

  constructor(
    private readonly file: string,
    private readonly bytes: number,
    private readonly windowBytes = WINDOW_BYTES,
  ) {
    this.fd = fs.openSync(file, 'r');
  }

  read(offset: number, length: number): { buf: Buffer; at: number } {
    if (this.whole) return { buf: this.whole, at: offset };
    const fd = this.fd;
    if (fd === undefined) throw new Error(`the index was closed; ${this.file} is no longer read`);
    if (offset + length > this.bytes) throw new Error('manifest record is out of range');
    if (this.holds > 0) return this.readAhead(fd, offset, length);
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(length);
    readFully(fd, this.scratch, length, offset, 'manifest');
    return { buf: this.scratch, at: 0 };
  }

  private readAhead(fd: number, offset: number, length: number): { buf: Buffer; at: number } {
    if (this.window && offset >= this.windowStart && offset + length <= this.windowStart + this.windowLength) {
      return { buf: this.window, at: offset - this.windowStart };
    }
    // In file order a walk reads each window once (twice for a save: it walks the chunks by id, then by file).
    if (++this.windowsRead > 3 * Math.ceil(this.bytes / this.windowBytes) + 16) {
      const whole = Buffer.allocUnsafe(this.bytes);
      readFully(fd, whole, this.bytes, 0, 'manifest');
      this.whole = whole;
      this.window = undefined;
      return { buf: whole, at: offset };
    }
    const len = Math.max(length, Math.min(this.windowBytes, this.bytes - offset));
    if (!this.window || this.window.length < len) this.window = Buffer.allocUnsafe(Math.max(len, Math.min(this.windowBytes, this.bytes)));
    readFully(fd, this.window, len, offset, 'manifest');
    this.windowStart = offset;
    this.windowLength = len;
    return { buf: this.window, at: 0 };
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) {
        this.whole = undefined;
        this.window = undefined;
        this.windowsRead = 0;
      }
    };
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
