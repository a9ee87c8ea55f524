// A row from the server is input like any other: a path outside the workspace, absurd lines or huge text are
// rejected (and counted), never shown or opened.
import type { ChunkKind } from '../../types';
import type { ChunkRow } from '../vectorStore';

const KINDS: ReadonlySet<string> = new Set<ChunkKind>(['function', 'method', 'class', 'interface', 'type', 'enum', 'module', 'block', 'imports', 'section', 'text']);
const MAX_PATH = 1024;
const MAX_PREVIEW = 200;
const MAX_SYMBOL = 1000;
const MAX_SHORT = 100;

export interface RawChunkRow {
  id: string | number;
  path: unknown;
  start_line: unknown;
  end_line: unknown;
  kind: unknown;
  symbol: unknown;
  part: unknown;
  language: unknown;
  hash: unknown;
  preview: unknown;
  generated: unknown;
}

/** A relative path inside the workspace: forward slashes, no `..`, not absolute, no control characters. */
export function safeRelativePath(p: unknown): p is string {
  if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PATH) return false;
  if (/[\u0000-\u001f\\]/.test(p) || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const line = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/** The row as a ChunkRow, or undefined when any field is out of bounds. */
export function validateRow(raw: RawChunkRow): ChunkRow | undefined {
  const id = Number(raw.id);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  if (!safeRelativePath(raw.path) || !line(raw.start_line) || !line(raw.end_line) || raw.end_line < raw.start_line) return undefined;
  if (typeof raw.kind !== 'string' || !KINDS.has(raw.kind)) return undefined;
  if (!str(raw.symbol, MAX_SYMBOL) || !str(raw.part, MAX_SHORT) || !str(raw.language, MAX_SHORT) || !str(raw.preview, MAX_PREVIEW)) return undefined;
  if (typeof raw.hash !== 'string' || !/^[0-9a-f]{64}$/.test(raw.hash)) return undefined;
  return {
    id,
    path: raw.path,
    startLine: raw.start_line,
    endLine: raw.end_line,
    kind: raw.kind as ChunkKind,
    symbol: raw.symbol,
    part: raw.part,
    language: raw.language,
    hash: raw.hash,
    preview: raw.preview,
    generated: raw.generated === true,
  };
}
