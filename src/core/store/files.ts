// Durable file writes inside the index folder: temp name, fsync, rename, fsync of the folder.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function fsyncPath(file: string): Promise<void> {
  const fh = await fs.promises.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync a directory so renames in it are durable (not supported on Windows: ignored there). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR / EPERM / EINVAL on platforms without directory fsync.
  } finally {
    await fh?.close();
  }
}

/** Write `data` to `file` atomically: `file.tmp`, fsync, rename. The caller fsyncs the folder. */
export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
}

/**
 * Write `file` atomically from pieces that `produce` hands to `write` (temp, fsync, rename; written synchronously,
 * so a piece may be a reused buffer). Returns the SHA-256 (hex) of what was written.
 */
export async function streamFileDurable(file: string, produce: (write: (piece: Uint8Array) => void) => void): Promise<string> {
  const tmp = `${file}.tmp`;
  const h = createHash('sha256');
  const fd = fs.openSync(tmp, 'w');
  try {
    produce((piece) => {
      for (let at = 0; at < piece.length; ) at += fs.writeSync(fd, piece, at, piece.length - at);
      h.update(piece);
    });
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  await fs.promises.rename(tmp, file);
  return h.digest('hex');
}

/** Let `produce` write `file.tmp` by itself (e.g. a native library), then fsync and rename. */
export async function produceFileDurable(file: string, produce: (tmp: string) => void): Promise<void> {
  const tmp = `${file}.tmp`;
  produce(tmp);
  await fsyncPath(tmp);
  await fs.promises.rename(tmp, file);
}

/** Read size: 58 MB of a 100k-chunk vectors file is ~110 reads. */
const READ_BYTES = 512 * 1024;

/**
 * SHA-256 (hex), read through one buffer: a large file is never held in memory. A read stream allocated a new 1 MB
 * buffer for every read; each save hashes the vectors file USearch has just written, and ~27 MB of those buffers were
 * waiting for a garbage collection at the malloc peak of a 100k-chunk index run (heaptrack).
 */
export async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

export function isEnoent(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** A file where the index folder (or one of its parents) should be: say so in words, not `EEXIST: mkdir`. */
export function assertIndexFolderUsable(indexDir: string): void {
  for (let dir = indexDir; ; dir = path.dirname(dir)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dir);
    } catch {
      // Missing (or below a file: ENOTDIR): look at the parent.
    }
    if (st && !st.isDirectory()) {
      const what = dir === indexDir ? 'is a file, not a folder' : `cannot be created: ${dir} is a file, not a folder`;
      throw new Error(`The index folder ${indexDir} ${what}. Move that file away or choose another index folder.`);
    }
    if (st || path.dirname(dir) === dir) return;
  }
}
