// The evaluation corpus: the index as it is, except that every sampled pair's answer chunk has its doc text masked
// out — re-chunked and re-embedded in memory, with a lexical index rebuilt from the chunker's output. Nothing is
// written: the user's index is only read.
import * as path from 'node:path';
import type { Chunker } from '../chunk';
import type { Embedder } from '../embed/types';
import { CancelledError } from '../errors';
import { readSourceFile } from '../scan';
import { LexicalIndex, type LexicalOptions } from '../store/lexical';
import { lexicalFieldsOf } from '../store/lexical/ofChunk';
import type { IndexStore, ScoredId } from '../store/types';
import type { Chunk } from '../types';
import { maskLines } from './docComment';
import { pairsOfFile, type ChunkedFile } from './mine';
import type { EvalPair, EvalProgress } from './types';

export interface EvalDeps {
  root: string;
  store: IndexStore;
  chunker(): Promise<Chunker>;
  embedder(): Promise<Embedder>;
  /** How the index's lexical side is built (the engine's options). */
  lexical: LexicalOptions;
  /** The lexical body is the raw text (the indexer's default), else the embedded text. */
  lexicalRawText: boolean;
  semanticWeight?: number;
  ablated?: ReadonlySet<string>;
}

/** Every file of the index chunked again, with the pairs it offers. */
export interface MinedWorkspace {
  files: Map<string, { text: string; language: string }>;
  pairs: EvalPair[];
  lexical: LexicalIndex;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Reads and chunks every indexed file: the pairs it holds, and a lexical index of the chunks found in the index. */
export async function mineWorkspace(deps: EvalDeps, signal?: AbortSignal, progress?: (p: EvalProgress) => void): Promise<MinedWorkspace> {
  const chunker = await deps.chunker();
  const lexical = new LexicalIndex(deps.lexical);
  const files = new Map<string, { text: string; language: string }>();
  const pairs: EvalPair[] = [];
  const entries = [...deps.store.allFiles()];
  let done = 0;
  for (const [rel, entry] of entries) {
    throwIfAborted(signal);
    if (++done % 50 === 0) progress?.({ phase: 'reading', done, total: entries.length });
    const read = await readSourceFile(path.join(deps.root, rel), { secretsAllowed: true });
    if (!read.ok) continue;
    let chunks: Chunk[];
    try {
      chunks = await chunker.chunkFile(rel, read.text);
    } catch {
      continue; // the indexer warned about it already
    }
    // Ids by content hash: a file changed since indexing keeps the chunks that did not change.
    const idsByHash = new Map<string, number[]>();
    for (const id of entry.chunkIds) {
      const hash = deps.store.getChunk(id)?.hash;
      if (hash) idsByHash.set(hash, [...(idsByHash.get(hash) ?? []), id]);
    }
    const ids = chunks.map((c) => idsByHash.get(c.hash)?.shift());
    chunks.forEach((c, i) => {
      const id = ids[i];
      if (id !== undefined) lexical.add(id, c.lexicalTerms ?? lexicalFieldsOf(c, deps.lexicalRawText));
    });
    const found = pairsOfFile({ path: rel, text: read.text, chunks, ids } satisfies ChunkedFile);
    if (found.length > 0) {
      files.set(rel, { text: read.text, language: chunks[0]?.language ?? '' });
      pairs.push(...found);
    }
  }
  progress?.({ phase: 'reading', done: entries.length, total: entries.length });
  return { files, pairs, lexical };
}

/** The corpus a set of pairs is measured on: their answers masked. */
export interface MaskedCorpus {
  /** The pairs whose masked answer was found again (the others are dropped). */
  pairs: EvalPair[];
  /** Masked vectors of the answer chunks, by chunk id. */
  vectors: Map<number, Float32Array>;
  lexical: LexicalIndex;
  /** Candidates by cosine: the index's HNSW for every chunk but the masked ones, exact cosines for those. */
  semantic(query: Float32Array, n: number): ScoredId[];
}

/**
 * Masks each pair's doc out of its answer (every pair of a file at once), re-chunks the file, finds the chunk that
 * still holds the definition's line, re-embeds it and replaces its lexical entry. Mutates `mined.lexical`.
 */
export async function maskPairs(
  deps: EvalDeps,
  mined: MinedWorkspace,
  pairs: EvalPair[],
  signal?: AbortSignal,
  progress?: (p: EvalProgress) => void,
): Promise<MaskedCorpus> {
  const chunker = await deps.chunker();
  const embedder = await deps.embedder();
  const byFile = new Map<string, EvalPair[]>();
  for (const p of pairs) byFile.set(p.path, [...(byFile.get(p.path) ?? []), p]);
  const kept: { pair: EvalPair; chunk: Chunk }[] = [];
  for (const [rel, filePairs] of byFile) {
    throwIfAborted(signal);
    const file = mined.files.get(rel);
    if (!file) continue;
    let text = file.text;
    for (const p of filePairs) text = maskLines(text, p.language, p.maskLines);
    const chunks = await chunker.chunkFile(rel, text).catch(() => [] as Chunk[]);
    for (const pair of filePairs) {
      const holding = chunks.filter((c) => c.startLine <= pair.defLine && c.endLine >= pair.defLine);
      const chunk = holding.find((c) => c.part === '' || c.part.startsWith('1/')) ?? holding[0];
      if (chunk) kept.push({ pair, chunk });
    }
  }
  const vectors = new Map<number, Float32Array>();
  const BATCH = 32;
  for (let i = 0; i < kept.length; i += BATCH) {
    throwIfAborted(signal);
    const batch = kept.slice(i, i + BATCH);
    const { vectors: vs } = await embedder.embed(
      batch.map((k) => k.chunk.embedText),
      { signal },
    );
    batch.forEach((k, j) => {
      vectors.set(k.pair.chunkId, vs[j]);
      mined.lexical.add(k.pair.chunkId, k.chunk.lexicalTerms ?? lexicalFieldsOf(k.chunk, deps.lexicalRawText));
    });
    progress?.({ phase: 'masking', done: Math.min(kept.length, i + BATCH), total: kept.length });
  }
  return {
    pairs: kept.map((k) => k.pair),
    vectors,
    lexical: mined.lexical,
    semantic: (query, n) => semanticCandidates(deps.store, vectors, query, n),
  };
}

function semanticCandidates(store: IndexStore, masked: Map<number, Float32Array>, query: Float32Array, n: number): ScoredId[] {
  const list = store.searchVectors(query, n, (id) => !masked.has(id));
  for (const [id, v] of masked) list.push({ id, score: dot(query, v) });
  list.sort((a, b) => b.score - a.score || a.id - b.id);
  return list.slice(0, n);
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
