// Durable file writes inside the index folder: temp name, fsync, rename, fsync of the folder.
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

/** Let `produce` write `file.tmp` by itself (e.g. a native library), then fsync and rename. */
export async function produceFileDurable(file: string, produce: (tmp: string) => void): Promise<void> {
  const tmp = `${file}.tmp`;
  produce(tmp);
  await fsyncPath(tmp);
  await fs.promises.rename(tmp, file);
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

export function join(dir: string, name: string): string {
  return path.join(dir, name);
}
