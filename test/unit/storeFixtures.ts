// Shared helpers for the store tests (and the child process of the crash test).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openIndexStore, type IndexStore } from '../../src/core/store';
import type { LexicalFields } from '../../src/core/store/types';
import type { ModelIdentity, StoredChunk } from '../../src/core/types';

export const DIMS = 16;
export const IDENTITY: ModelIdentity = { name: 'test-model', sha256: 'a'.repeat(64), dimensions: DIMS };

export type ChunkInput = Omit<StoredChunk, 'id'> & { lexical: LexicalFields };

export function tempIndexDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-store-')), 'index');
}

/** A stored chunk whose lexical body is `body` (symbol field empty, path field its path). */
export function chunk(p: string, hash: string, body = `text of ${hash}`, startLine = 1): ChunkInput {
  return {
    path: p,
    startLine,
    endLine: startLine + 4,
    kind: 'function',
    symbol: `sym_${hash}`,
    part: '',
    language: 'typescript',
    hash,
    preview: `function ${hash}() {`,
    lexical: { symbol: '', path: p, body },
  };
}

/** A deterministic unit vector per seed string. */
export function vectorFor(seed: string, dims = DIMS): Float32Array {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    v[i] = h / 2 ** 32 - 0.5;
  }
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  for (let i = 0; i < dims; i++) v[i] /= n;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return d / Math.sqrt(na * nb);
}

export async function open(dir: string, extra: Partial<Parameters<typeof openIndexStore>[0]> = {}): Promise<IndexStore> {
  return openIndexStore({ indexDir: dir, identity: IDENTITY, precision: 'i8', ...extra });
}

export function fill(store: IndexStore, ids: number[]): void {
  for (const id of ids) store.setVector(id, vectorFor(store.getChunk(id)!.hash, store.identity.dimensions));
}

export function put(store: IndexStore, p: string, hashes: string[]): { ids: number[]; needVector: number[] } {
  return store.putFile(
    p,
    { size: hashes.length, mtimeMs: 1, hash: `file:${hashes.join(',')}` },
    hashes.map((h, i) => chunk(p, h, `text ${h}`, i * 10 + 1)),
  );
}

