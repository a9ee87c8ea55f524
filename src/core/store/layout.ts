// The folder layout: which data files make up one generation, how they are named, and the shape
// of `current.json`, the commit record naming the generation in use. Names and types only, no I/O.
import type { IncompleteRun, ModelIdentity, VectorPrecision } from '../types';
import type { ContentSkipRecord } from './contentSkips';

/** Version of the folder layout and of every file in it. Bump on any incompatible change. */
export const FORMAT_VERSION = 2;
export const CURRENT_FILE = 'current.json';

/** The logical data files of one generation: `<name>.<generation>.<ext>`. */
export const DATA_FILES = {
  manifest: 'bin',
  vectors: 'usearch',
  lexical: 'bin',
  reuse: 'bin',
} as const;
export type DataName = keyof typeof DATA_FILES;
/** In save order, which is also the key order of `files` in `current.json`. */
export const DATA_NAMES = Object.keys(DATA_FILES) as DataName[];

const GEN_FILE_RE = /^(manifest|vectors|lexical|reuse)\.(\d+)\.(json|usearch|bin)(\.tmp)?$/;

export function dataFileName(name: DataName, generation: number): string {
  return `${name}.${generation}.${DATA_FILES[name]}`;
}

/** Names a committed generation may give a data file: today's, and `manifest.<n>.json` of indexes saved before the binary manifest. */
export function acceptedDataFileNames(name: DataName, generation: number): string[] {
  const now = dataFileName(name, generation);
  return name === 'manifest' ? [now, `manifest.${generation}.json`] : [now];
}

/** The generation of a data file (or of its unfinished `.tmp`); null for any other file. */
export function parseDataFileName(fileName: string): { generation: number; temp: boolean } | null {
  const m = GEN_FILE_RE.exec(fileName);
  return m ? { generation: Number(m[2]), temp: m[4] !== undefined } : null;
}

export interface DataFileRecord {
  name: string;
  bytes: number;
  sha256: string;
}

/** Contents of `current.json`: the commit record naming the generation and its files. */
export interface CurrentRecord {
  format: number;
  generation: number;
  identity: ModelIdentity;
  /** Absolute folder the model was loaded from, when known: readers given no model use it if it still holds `identity`. */
  modelDir?: string;
  precision: VectorPrecision;
  connectivity: number;
  /** Last save (ms since epoch). */
  savedAt: number;
  skipped: Record<string, number>;
  /** Files skipped for their content, with the size and mtime they were read at (see contentSkips.ts). */
  contentSkips?: ContentSkipRecord[];
  /** Set while a full index run has not finished (cancelled, killed, or saved mid-way): how far it got. */
  incomplete?: IncompleteRun;
  chunks: number;
  vectors: number;
  /** Logical name → { file name, bytes, SHA-256 of the bytes (verified on open: same-size damage is caught too) }. */
  files: Record<DataName, DataFileRecord>;
}
