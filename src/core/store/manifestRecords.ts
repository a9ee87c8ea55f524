// Where the chunk records of a manifest are read from: the committed file, a record when its chunk is asked for.
// The whole manifest in memory was 129 MB of a query process at a million chunks, for the few hundred records a
// query shows, and as much again in a writer between its saves. A walk over every chunk (a save, a cluster map,
// an evaluation) holds the whole file in memory while it runs.
import * as fs from 'node:fs';
import { readFully } from './usearchFile';

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

  constructor(
    private readonly file: string,
    private readonly bytes: number,
  ) {
    this.fd = fs.openSync(file, 'r');
  }

  read(offset: number, length: number): { buf: Buffer; at: number } {
    if (this.whole) return { buf: this.whole, at: offset };
    const fd = this.fd;
    if (fd === undefined) throw new Error(`the index was closed; ${this.file} is no longer read`);
    if (offset + length > this.bytes) throw new Error('manifest record is out of range');
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(length);
    readFully(fd, this.scratch, length, offset, 'manifest');
    return { buf: this.scratch, at: 0 };
  }

  hold(): () => void {
    if (!this.whole && this.fd !== undefined) {
      const whole = Buffer.allocUnsafe(this.bytes);
      readFully(this.fd, whole, this.bytes, 0, 'manifest');
      this.whole = whole;
    }
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) this.whole = undefined;
    };
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
