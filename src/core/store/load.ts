// Loading: read the generation `current.json` names and check its files against the record and
// against each other. A damaged, foreign or outdated index is never used: the store opens empty
// with a one-line message saying why, and the next index run rebuilds it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncompleteRun, ModelIdentity, VectorPrecision } from '../types';
import { sha256OfFilesInBackground } from './checksums';
import { ContentSkips } from './contentSkips';
import { fileSize, isEnoent } from './files';
import { CURRENT_FILE, DATA_NAMES, FORMAT_VERSION, acceptedDataFileNames, type CurrentRecord, type DataName, type DataFileRecord } from './layout';
import type { LexicalIndex } from './lexical';
import { LazyLexical } from './lexical/lazy';
import { decodeLexical } from './lexical/codec';
import type { ChunkTable } from './chunkTable';
import { decodeManifest } from './manifest';
import { encodeRow, rowPrecision } from './quantize';
import { ReuseCache } from './reuseCache';
import type { FileEntry } from './types';
import { VectorIndex } from './vectors';

/** Read `current.json` only (cheap: for status displays). Null when missing or unreadable. */
export function readCurrentRecord(indexDir: string): CurrentRecord | null {
  try {
    const rec = JSON.parse(fs.readFileSync(path.join(indexDir, CURRENT_FILE), 'utf8')) as CurrentRecord;
    return rec && typeof rec === 'object' && typeof rec.generation === 'number' ? rec : null;
  } catch {
    return null;
  }
}

/** Everything of one committed generation, checked and ready for the store to adopt. */
export interface LoadedIndex {
  generation: number;
  nextId: number;
  files: Map<string, FileEntry>;
  chunks: ChunkTable;
  vectors: VectorIndex;
  lexical: LazyLexical;
  reuse: ReuseCache;
  skipped: Record<string, number>;
  contentSkips: ContentSkips;
  incomplete: IncompleteRun | null;
  savedAt: number | null;
  /** Bytes on disk per file, for `diskUsage`. */
  sizes: Record<string, number>;
  /** The data files as committed (names, sizes, checksums): a save without changes commits them again. */
  committed: Record<DataName, DataFileRecord>;
  /** Loading changed the data (vectors converted to a lower precision), so the next save must write it. */
  changed: boolean;
}

export interface LoadOutcome {
  /** Null for a fresh folder, or when the index on disk is not used. */
  index: LoadedIndex | null;
  /** One user-facing line: why the index on disk is not used, or what loading changed. */
  message?: string;
  /** The index on disk is damaged (not merely of another model or format): it must be rebuilt. */
  damaged?: boolean;
}

export interface LoadOptions {
  indexDir: string;
  identity: ModelIdentity;
  precision: VectorPrecision;
  verifyChecksums?: boolean;
  /** Readers may map the vectors file instead of reading it, and retry when a writer replaces the generation under them. */
  write: boolean;
}

/** A file of the generation is missing: for a reader, a writer may just have replaced the generation. */
class LoadProblem extends Error {}

/** A data file's bytes differ from what was committed: never a race (committed files are never rewritten). */
class DamagedFile extends Error {}

function validIncomplete(v: unknown): IncompleteRun | null {
  const r = v as IncompleteRun | undefined;
  return r && Number.isInteger(r.filesDone) && Number.isInteger(r.filesTotal) ? { filesDone: r.filesDone, filesTotal: r.filesTotal } : null;
}

/** Load the generation `current.json` names. Never throws: a problem becomes the outcome's message. */
export async function loadIndex(opts: LoadOptions): Promise<LoadOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await loadGeneration(opts);
    } catch (err) {
      // A reader can race a writer that replaced the generation between our reads: retry.
      if (!opts.write && attempt < 3 && (isEnoent(err) || err instanceof LoadProblem)) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const what = err instanceof DamagedFile ? 'is damaged' : 'could not be read';
      // A writer rebuilds it on its next index run; a reader can only say so.
      const next = opts.write ? '; rebuilding it.' : '.';
      return { index: null, damaged: true, message: `The index in ${opts.indexDir} ${what} (${(err as Error).message})${next}` };
    }
  }
}

function describeModel(m: ModelIdentity | undefined): string {
  if (!m || typeof m !== 'object') return 'an unknown model';
  return `${m.name} (${m.dimensions} dims, sha256 ${String(m.sha256).slice(0, 12)})`;
}

function sameIdentity(a: ModelIdentity, b: ModelIdentity): boolean {
  return a.name === b.name && a.sha256 === b.sha256 && a.dimensions === b.dimensions;
}

// b1 keeps i8 rows, so b1 and i8 convert into each other without embedding again.
const PRECISION_RANK: Record<VectorPrecision, number> = { b1: 1, i8: 1, f16: 2, f32: 3 };

/** One attempt. Returns a fall-back outcome for an index built differently; throws on damage. */
async function loadGeneration({ indexDir, identity, precision: requested, write, verifyChecksums: verify = true }: LoadOptions): Promise<LoadOutcome> {
  const curPath = path.join(indexDir, CURRENT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(curPath, 'utf8');
  } catch (err) {
    if (isEnoent(err)) return { index: null };
    throw err;
  }
  let rec: CurrentRecord;
  try {
    rec = JSON.parse(text) as CurrentRecord;
  } catch {
    throw new Error(`${CURRENT_FILE} is not valid JSON`);
  }
  if (!rec || typeof rec !== 'object') throw new Error(`${CURRENT_FILE} is malformed`);
  if (rec.format !== FORMAT_VERSION) {
    return { index: null, message: `Index format ${String(rec.format)} is not the current format ${FORMAT_VERSION}; rebuilding the index.` };
  }
  if (!rec.identity || !sameIdentity(rec.identity, identity)) {
    return { index: null, message: `Index was built with model ${describeModel(rec.identity)}; rebuilding for model ${describeModel(identity)}.` };
  }
  const stored = rec.precision;
  if (!Object.hasOwn(PRECISION_RANK, stored)) throw new Error(`${CURRENT_FILE} names an unknown precision`);
  // A reader searches the vectors as they are stored: converting is a writer's job (and a reader's copy would be lost).
  const precision = write ? requested : stored;
  if (stored !== precision && PRECISION_RANK[stored] < PRECISION_RANK[precision]) {
    return { index: null, message: `Index vectors were stored at ${stored}; rebuilding them at ${precision}.` };
  }
  const sizes: Record<string, number> = {};
  const pathOf = (name: DataName): string => {
    const f = rec.files?.[name];
    if (!f || typeof f.name !== 'string' || !acceptedDataFileNames(name, rec.generation).includes(f.name)) throw new Error(`${CURRENT_FILE} does not name the ${name} file`);
    if (typeof f.sha256 !== 'string') throw new Error(`${CURRENT_FILE} has no checksum for ${f.name}`);
    const p = path.join(indexDir, f.name);
    const size = fileSize(p);
    if (size < 0) throw new LoadProblem(`${f.name} is missing`);
    if (size !== f.bytes) throw new DamagedFile(`${f.name} has ${size} bytes, expected ${f.bytes}`);
    sizes[name] = size;
    return p;
  };
  // Every file's checksum is computed on another thread while this one parses the manifest (the longest step);
  // nothing reaches the native vector index before its checksum matched. A manifest that fails to parse is
  // reported as damaged when its checksum disagrees too (the more useful of the two messages).
  const paths = DATA_NAMES.map(pathOf);
  const at = (name: DataName): string => paths[DATA_NAMES.indexOf(name)];
  const checksums = verify ? sha256OfFilesInBackground(paths) : Promise.resolve(DATA_NAMES.map((n) => rec.files[n].sha256));
  const verifyChecksums = async (): Promise<void> => {
    const hashes = await checksums;
    DATA_NAMES.forEach((name, i) => {
      if (hashes[i] !== rec.files[name].sha256) throw new DamagedFile(`${rec.files[name].name}: its checksum does not match the one saved with it`);
    });
  };
  let manifest: ReturnType<typeof decodeManifest> | undefined;
  // A writer reads the vectors file's keys while the checksums are still being computed (its graph is mapped at
  // the first search, after them: no native code reads an unchecked file). A reader maps its graph now.
  let early: VectorIndex | undefined;
  // A reader decodes the lexical file now too: plain JS that checks what it reads, so it may run before the
  // checksums are known, and it overlaps them (opening 110k chunks verified: +28 % over unverified before).
  let readerLexical: LexicalIndex | undefined;
  try {
    // Chunk records are read from the file when asked for (see manifestRecords.ts); a writer's save holds them all.
    manifest = decodeManifest(fs.readFileSync(at('manifest')), at('manifest'));
    if (write && stored === precision) early = VectorIndex.load(at('vectors'), identity.dimensions, stored, { view: true, deferView: true });
    if (!write) readerLexical = decodeLexical(fs.readFileSync(at('lexical')));
  } catch (err) {
    manifest?.chunks.close();
    await verifyChecksums();
    throw err;
  }
  try {
    await verifyChecksums();
  } catch (err) {
    early?.close();
    manifest.chunks.close();
    throw err;
  }
  // The vectors file is mapped, not read into memory (a writer reads it on its first change, see VectorIndex.load).
  let vectors = early ?? VectorIndex.load(at('vectors'), identity.dimensions, stored, { view: stored === precision });
  // A writer reads and decodes the lexical index when it first needs it (a no-op re-index never does); a reader has.
  const lexicalMatches = (lx: LexicalIndex): void => {
    if (lx.size !== manifest.chunks.size) throw new Error('lexical index and manifest disagree');
    for (const id of manifest.chunks.keys()) if (!lx.has(id)) throw new Error(`chunk ${id} is missing from the lexical index`);
  };
  const reuse = ReuseCache.decode(fs.readFileSync(at('reuse')), identity.dimensions);
  sizes.current = Buffer.byteLength(text);

  // The files must agree with each other.
  let lexical: LazyLexical | undefined;
  try {
    for (const id of vectors.ids()) if (!manifest.chunks.has(id)) throw new Error(`vector ${id} has no chunk`);
    if (write) {
      lexical = LazyLexical.fromFile(at('lexical'), rec.files.lexical.sha256, manifest.chunks.size, (lx) => {
        try {
          lexicalMatches(lx);
        } catch (err) {
          throw new Error(`The index in ${indexDir} is damaged (${(err as Error).message}); rebuild it.`);
        }
      });
    } else {
      lexicalMatches(readerLexical!);
      lexical = LazyLexical.of(readerLexical!);
    }
    if (typeof rec.chunks === 'number' && rec.chunks !== manifest.chunks.size) throw new Error('chunk count differs from the commit record');
    if (typeof rec.vectors === 'number' && rec.vectors !== vectors.size) throw new Error('vector count differs from the commit record');
  } catch (err) {
    vectors.close();
    manifest.chunks.close();
    lexical?.close();
    throw err;
  }

  let message: string | undefined;
  if (stored !== precision) {
    // Lower precision requested: convert in place, no embedding needed.
    const converted = new VectorIndex(identity.dimensions, precision);
    // i8 ↔ b1 keep the same i8 rows (only the graph changes); other pairs convert each row.
    const sameRows = rowPrecision(stored) === rowPrecision(precision);
    for (const id of [...vectors.ids()]) converted.setRow(id, sameRows ? vectors.getRow(id)!.slice() : encodeRow(vectors.get(id)!, precision));
    vectors.close();
    vectors = converted;
    message = `Index vectors converted from ${stored} to ${precision}.`;
  }
  const index: LoadedIndex = {
    generation: rec.generation,
    nextId: manifest.nextId,
    files: manifest.files,
    chunks: manifest.chunks,
    vectors,
    lexical,
    reuse,
    skipped: rec.skipped && typeof rec.skipped === 'object' ? { ...rec.skipped } : {},
    contentSkips: ContentSkips.fromRecord(rec.contentSkips),
    incomplete: validIncomplete(rec.incomplete),
    savedAt: typeof rec.savedAt === 'number' ? rec.savedAt : null,
    sizes,
    committed: Object.fromEntries(DATA_NAMES.map((n) => [n, { ...rec.files[n] }])) as Record<DataName, DataFileRecord>,
    changed: message !== undefined,
  };
  return { index, message };
}
