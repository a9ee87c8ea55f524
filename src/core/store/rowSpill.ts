// A writer's scratch file for blocks of vector rows it added since its last save, so that a long run (a million
// chunks at b1, where a save comes every few minutes) does not hold hundreds of thousands of rows in memory.
// The file is removed as soon as it is open (POSIX: it lives until its descriptor closes); where that is refused
// (Windows), it is removed when closed. Private to the process: created 0600 in a fresh 0700 folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFully } from './usearchFile';

export class RowSpill {
  private readonly fd: number;
  private readonly leftover: string | undefined;

  /** `blockBytes`: the size of one block; block `b` is stored at `b × blockBytes`. */
  constructor(private readonly blockBytes: number) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-rows-'));
    const file = path.join(dir, 'rows.bin');
    this.fd = fs.openSync(file, 'w+', 0o600);
    try {
      fs.unlinkSync(file);
      fs.rmdirSync(dir);
      this.leftover = undefined;
    } catch {
      this.leftover = dir;
    }
  }

  writeBlock(block: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, block * this.blockBytes + done);
  }

  /** Bytes `[offset, offset + out.length)` of block `block` into `out`. */
  read(block: number, offset: number, out: Uint8Array): void {
    readFully(this.fd, Buffer.from(out.buffer, out.byteOffset, out.length), out.length, block * this.blockBytes + offset);
  }

  /** Overwrite bytes of a spilled block (a freed row reused). */
  write(block: number, offset: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, block * this.blockBytes + offset + done);
  }

  close(): void {
    fs.closeSync(this.fd);
    if (this.leftover) fs.rmSync(this.leftover, { recursive: true, force: true });
  }
}
