// The manifest as format-2 indexes wrote it: columnar JSON. Still read (manifest.ts), so such an index stays usable
// until its next save writes the binary manifest.
import type { ChunkKind, StoredChunk } from '../types';
import type { FileEntry } from './types';

const MANIFEST_JSON_FORMAT = 2;

/**
 * `{ format, nextId, kinds: string[], languages: string[],
 *    files: [path, size, mtimeMs, hash, chunkCount, generated (0/1)][],
 *    chunks: { id, start, end, kind, lang, symbol, part, hash, preview } }` — each chunk column is an
 * array over all chunks in file order (file 0's chunks first); `kind`/`lang` index the tables;
 * `id` is delta-encoded against the previous chunk's id; a chunk's path is its file's.
 */
interface ManifestJson {
  format: number;
  nextId: number;
  kinds: string[];
  languages: string[];
  files: [string, number, number, string, number, number][];
  chunks: {
    id: number[];
    start: number[];
    end: number[];
    kind: number[];
    lang: number[];
    symbol: string[];
    part: string[];
    hash: string[];
    preview: string[];
  };
}

export function decodeManifestJson(text: string): { nextId: number; files: Map<string, FileEntry>; chunks: Map<number, StoredChunk> } {
  const m = JSON.parse(text) as ManifestJson;
  if (!m || m.format !== MANIFEST_JSON_FORMAT) throw new Error('manifest has another format');
  const c = m.chunks;
  const n = c.id.length;
  for (const col of [c.start, c.end, c.kind, c.lang, c.symbol, c.part, c.hash, c.preview]) {
    if (!Array.isArray(col) || col.length !== n) throw new Error('manifest columns differ in length');
  }
  if (!Number.isSafeInteger(m.nextId)) throw new Error('manifest has no id counter');
  const files = new Map<string, FileEntry>();
  const chunks = new Map<number, StoredChunk>();
  let i = 0;
  let id = 0;
  for (const [p, size, mtimeMs, hash, count, generated] of m.files) {
    if (typeof p !== 'string' || i + count > n) throw new Error('manifest file table is inconsistent');
    const chunkIds: number[] = new Array(count);
    for (let j = 0; j < count; j++, i++) {
      id += c.id[i];
      if (!Number.isSafeInteger(id) || id < 0 || id >= m.nextId || chunks.has(id)) throw new Error('manifest has a bad chunk id');
      const kind = m.kinds[c.kind[i]];
      const language = m.languages[c.lang[i]];
      if (kind === undefined || language === undefined) throw new Error('manifest has a bad string index');
      chunkIds[j] = id;
      chunks.set(id, {
        id,
        path: p,
        startLine: c.start[i],
        endLine: c.end[i],
        kind: kind as ChunkKind,
        symbol: c.symbol[i],
        part: c.part[i],
        language,
        hash: c.hash[i],
        preview: c.preview[i],
      });
    }
    files.set(p, generated === 1 ? { size, mtimeMs, hash, chunkIds, generated: true } : { size, mtimeMs, hash, chunkIds });
  }
  if (i !== n) throw new Error('manifest has chunks without a file');
  return { nextId: m.nextId, files, chunks };
}
