// Generations: a save writes its data files under a new generation number (temp, fsync, rename) and
// commits them by renaming `current.json` into place last; only then are older generations deleted.
// A kill -9 at any moment therefore leaves the last committed set intact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiskFullError } from '../errors';
import { fileSize, fsyncDir, produceFileDurable, sha256Of, sha256OfFile, streamFileDurable, writeFileDurable } from './files';
import { CURRENT_FILE, DATA_NAMES, dataFileName, parseDataFileName, type CurrentRecord, type DataName } from './layout';

export type GenerationFiles = CurrentRecord['files'];

/**
 * How a data file gets its bytes: encoded in memory; written in pieces as they are encoded (a large file is never
 * whole in memory); or written by a library that only saves to a path (USearch).
 */
export type DataWriter = { encode: () => string | Uint8Array } | { stream: (write: (piece: Uint8Array) => void) => void } | { saveTo: (tmp: string) => void };

/** A generation number above every one on disk, so a save never overwrites files that a reader may be loading. */
export function nextGeneration(indexDir: string, current: number): number {
  return Math.max(current, highestGenerationOnDisk(indexDir)) + 1;
}

function highestGenerationOnDisk(indexDir: string): number {
  let max = 0;
  try {
    for (const name of fs.readdirSync(indexDir)) {
      const file = parseDataFileName(name);
      if (file) max = Math.max(max, file.generation);
    }
  } catch {
    // A missing folder has no generations.
  }
  return max;
}

/**
 * Write every data file of `generation`, one at a time in save order (each is encoded only when
 * its turn comes, so at most one encoded copy is in memory), then fsync the folder. Each file's SHA-256 goes
 * into the record. A failed write (a full disk, say) deletes every file of this generation before it throws:
 * the last committed generation stays as it was, and no partial file is left behind.
 */
export async function writeDataFiles(indexDir: string, generation: number, writers: Record<DataName, DataWriter>): Promise<GenerationFiles> {
  const files = {} as GenerationFiles;
  let written = 0;
  try {
    for (const name of DATA_NAMES) {
      const writer = writers[name];
      const file = path.join(indexDir, dataFileName(name, generation));
      let sha256: string;
      if ('saveTo' in writer) {
        await produceFileDurable(file, writer.saveTo);
        sha256 = await sha256OfFile(file);
      } else if ('stream' in writer) {
        sha256 = await streamFileDurable(file, writer.stream);
      } else {
        const data = writer.encode();
        await writeFileDurable(file, data);
        sha256 = sha256Of(data);
      }
      files[name] = { name: dataFileName(name, generation), bytes: fileSize(file), sha256 };
      written += files[name].bytes;
    }
    await fsyncDir(indexDir);
  } catch (err) {
    await removeGeneration(indexDir, generation);
    throw await explainWriteFailure(indexDir, err, written);
  }
  return files;
}

/** Deletes every file (and temp file) of one generation. */
async function removeGeneration(indexDir: string, generation: number): Promise<void> {
  for (const name of await fs.promises.readdir(indexDir).catch(() => [] as string[])) {
    if (parseDataFileName(name)?.generation === generation) await fs.promises.rm(path.join(indexDir, name), { force: true }).catch(() => undefined);
  }
}

/**
 * A write failure in the user's words. ENOSPC says so itself; a native library (USearch: "Failed to serialize into
 * stream") does not, so the free space of the folder's file system is checked too.
 */
async function explainWriteFailure(indexDir: string, err: unknown, writtenBytes: number): Promise<unknown> {
  const code = (err as NodeJS.ErrnoException)?.code;
  let free = Infinity;
  try {
    const st = await fs.promises.statfs(indexDir);
    free = st.bavail * st.bsize;
  } catch {
    // statfs unsupported: only the error code can tell.
  }
  if (code === 'ENOSPC' || code === 'EDQUOT' || free < 1 << 20) {
    const neededMb = Math.max(1, Math.ceil((writtenBytes * 2) / 1e6));
    return new DiskFullError(`Not enough disk space in ${indexDir}; about ${neededMb} MB more is needed to save the index (the last saved index is kept).`);
  }
  return err;
}

/** The commit point: write `current.json` durably. Returns the bytes on disk per file (data files and `current`). */
export async function commitGeneration(indexDir: string, record: CurrentRecord): Promise<Record<string, number>> {
  const text = JSON.stringify(record, null, 1);
  await writeFileDurable(path.join(indexDir, CURRENT_FILE), text);
  await fsyncDir(indexDir);
  const sizes: Record<string, number> = {};
  for (const name of DATA_NAMES) sizes[name] = record.files[name].bytes;
  sizes.current = Buffer.byteLength(text);
  return sizes;

}

/** Commits the data files of a complete index saved in `stagingDir` (record `rec`) as `generation` of `indexDir`. */
export async function commitStagedGeneration(indexDir: string, stagingDir: string, rec: CurrentRecord, generation: number): Promise<void> {
  const files = {} as GenerationFiles;
  for (const name of DATA_NAMES) {
    const target = dataFileName(name, generation);
    await fs.promises.rename(path.join(stagingDir, rec.files[name].name), path.join(indexDir, target));
    files[name] = { ...rec.files[name], name: target };
  }
  await commitGeneration(indexDir, { ...rec, generation, files });
  await removeOtherGenerations(indexDir, generation);
}

/** After a commit: delete the data files of every other generation and unfinished temp files. Failures are left for the next save. */
export async function removeOtherGenerations(indexDir: string, keep: number): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(indexDir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = parseDataFileName(name);
    if ((file && (file.generation !== keep || file.temp)) || name === `${CURRENT_FILE}.tmp`) {
      await fs.promises.rm(path.join(indexDir, name), { force: true }).catch(() => undefined);
    }
  }
}

/** On opening for writing: delete every temp file a killed writer left behind. */
export async function removeTempFiles(indexDir: string): Promise<void> {
  for (const name of await fs.promises.readdir(indexDir)) {
    if (name.endsWith('.tmp')) await fs.promises.rm(path.join(indexDir, name), { force: true });
  }
}
