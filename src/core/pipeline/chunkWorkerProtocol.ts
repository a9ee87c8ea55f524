// Messages between the main thread (workerChunker.ts) and the chunking worker (chunkWorker.ts).
import type { Chunk } from '../types';
import type { PathContext } from '../chunk';
import type { LexicalSettings } from '../store/lexical/ofChunk';

export interface ChunkWorkerData {
  /** The model folder: the worker counts word pieces with its tokenizer. */
  modelDir: string;
  maxTokens: number;
  pathContext?: PathContext;
  preamble?: boolean;
  contextHeader?: boolean;
  /** Find each chunk's lexical terms too, for an index with these settings (see store/lexical/ofChunk.ts). */
  lexical?: LexicalSettings;
}

export type ToChunkWorker = { type: 'chunk'; id: number; path: string; text: string; structure: boolean } | { type: 'crash' };

export type FromChunkWorker =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  /** `footprint`: the worker's V8 heap and external memory (tree-sitter's WASM memory is external), bytes. */
  | { type: 'chunks'; id: number; chunks: Chunk[]; footprint: number }
  | { type: 'error'; id: number; message: string };
