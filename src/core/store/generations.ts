// Generations: a save writes its data files under a new generation number (temp, fsync, rename) and
// commits them by renaming `current.json` into place last; only then are older generations deleted.
// A kill -9 at any moment therefore leaves the last committed set intact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileSize, fsyncDir, produceFileDurable, writeFileDurable } from './files';
import { CURRENT_FILE, DATA_NAMES, dataFileName, parseDataFileName, type CurrentRecord, type DataName } from './layout';

export type GenerationFiles = CurrentRecord['files'];

/** How a data file gets its bytes: encoded in memory, or written by a library that only saves to a path (USearch). */
export type DataWriter = { encode: () => string | Uint8Array } | { saveTo: (tmp: string) => void };

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
 * its turn comes, so at most one encoded copy is in memory), then fsync the folder.
 */
export async function writeDataFiles(indexDir: string, generation: number, writers: Record<DataName, DataWriter>): Promise<GenerationFiles> {
  const files = {} as GenerationFiles;
  for (const name of DATA_NAMES) {
    const writer = writers[name];
    const file = path.join(indexDir, dataFileName(name, generation));
    if ('saveTo' in writer) await produceFileDurable(file, writer.saveTo);
    else await writeFileDurable(file, writer.encode());
    files[name] = { name: dataFileName(name, generation), bytes: fileSize(file) };
  }
  await fsyncDir(indexDir);
  return files;
}

/** The already committed files of `generation`, for a save that changes only `current.json`. */
export function committedFiles(generation: number, sizes: Record<string, number>): GenerationFiles {
  const files = {} as GenerationFiles;
  for (const name of DATA_NAMES) files[name] = { name: dataFileName(name, generation), bytes: sizes[name] };
  return files;
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
