// Worker-thread entry: chunks files off the main thread. tree-sitter's WASM memory only grows (a 700 KB file
// takes it from ~35 to ~85 MB for the rest of the process), so the main thread stops and restarts this worker
// to give that memory back (workerChunker.ts). The word pieces counted here go back with each chunk, so the
// embedding session does not tokenize the chunk again.
import { parentPort, workerData } from 'node:worker_threads';
import { COUNT_SLICE_CHARS, countWordPieces } from '../embed/tokenCount';
import { loadTokenizer } from '../embed/tokenizer';
import type { Chunk } from '../types';
import { createChunker } from '../chunk';
import type { ChunkWorkerData, FromChunkWorker, ToChunkWorker } from './chunkWorkerProtocol';
import { lexicalTermsOf } from '../store/lexical/ofChunk';

const port = parentPort;
if (!port) throw new Error('chunkWorker.js must run in a worker thread');

function post(msg: FromChunkWorker, transfer?: ArrayBuffer[]): void {
  port!.postMessage(msg, transfer);
}

function footprint(): number {
  const m = process.memoryUsage();
  return m.heapTotal + m.external;
}

async function start(data: ChunkWorkerData): Promise<void> {
  const tokenizer = await loadTokenizer(data.modelDir);
  // Ids of the texts counted for the file being chunked: the chunker counts each final embedText.
  let counted = new Map<string, number[]>();
  const chunker = await createChunker({
    countTokens: (text) => {
      if (text.length > COUNT_SLICE_CHARS) return countWordPieces(tokenizer, text);
      const ids = tokenizer.encode(text);
      if (ids.length <= data.maxTokens) counted.set(text, ids);
      return ids.length;
    },
    maxTokens: data.maxTokens,
    pathContext: data.pathContext,
    preamble: data.preamble,
    contextHeader: data.contextHeader,
  });
  const idsOf = (text: string): Int32Array | undefined => {
    const ids = counted.get(text) ?? (text.length <= COUNT_SLICE_CHARS ? tokenizer.encode(text) : undefined);
    return ids && Int32Array.from(ids);
  };
  const handle = async (msg: { id: number; path: string; text: string; structure: boolean }): Promise<void> => {
    try {
      const chunks: Chunk[] = await chunker.chunkFile(msg.path, msg.text, { structure: msg.structure });
      const transfer: ArrayBuffer[] = [];
      for (const c of chunks) {
        // Splitting and stemming make most of the short-lived objects of an index run: here, not on the main thread.
        if (data.lexical) c.lexicalTerms = lexicalTermsOf(c, data.lexical);
        const ids = idsOf(c.embedText);
        if (!ids) continue;
        c.tokenIds = ids;
        transfer.push(ids.buffer as ArrayBuffer);
      }
      post({ type: 'chunks', id: msg.id, chunks, footprint: footprint() }, transfer);
    } catch (err) {
      post({ type: 'error', id: msg.id, message: (err as Error).message });
    } finally {
      counted = new Map();
    }
  };
  // One file at a time: the counted ids belong to the file being chunked.
  let queue = Promise.resolve();
  let crashOnNext = false;
  port!.on('message', (msg: ToChunkWorker) => {
    if (msg.type === 'crash') {
      crashOnNext = true; // test hook: die on the next file, the way a parser crash or out-of-memory would
      return;
    }
    if (crashOnNext) {
      setImmediate(() => {
        throw new Error('crash requested by test hook');
      });
      return;
    }
    queue = queue.then(() => handle(msg));
  });
  post({ type: 'ready' });
}

start(workerData as ChunkWorkerData).catch((err: Error) => post({ type: 'init-error', message: err.message }));
