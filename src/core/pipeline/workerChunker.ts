// The Chunker contract over a worker thread (chunkWorker.ts): parsing and token counting stay off the caller's
// thread (the extension host), and the memory they grow is given back by stopping the worker.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Chunk } from '../types';
import type { ChunkFileOptions, Chunker } from '../chunk';
import { languageForPath } from '../chunk';
import type { ChunkWorkerData, FromChunkWorker, ToChunkWorker } from './chunkWorkerProtocol';

/** Where the worker entry lives: beside this file in tsc output, or dist/chunkWorker.js beside the bundle. */
export function chunkWorkerPath(): string {
  return path.join(__dirname, 'chunkWorker.js');
}

/**
 * The worker is stopped after a file that leaves its heap and external memory above this (the next file starts
 * another). It starts at ~45 MB; one large file can grow tree-sitter's WASM memory by ~50 MB, which it never
 * gives back.
 */
export const DEFAULT_RECYCLE_BYTES = 96 * 2 ** 20;
/** Parsing garbage is short-lived: a small nursery (V8 otherwise grows it to ~48 MB per isolate). */
const YOUNG_GENERATION_MB = 8;
/** A file that would need more than this takes the worker down instead of the extension host. */
const OLD_GENERATION_MB = 1024;

interface Pending {
  resolve(chunks: Chunk[]): void;
  reject(err: Error): void;
  /** The worker the file was sent to: only its own failure rejects it. */
  worker: Worker;
}

export interface WorkerChunkerOptions extends ChunkWorkerData {
  recycleBytes?: number;
}

export class WorkerChunker implements Chunker {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private recycleDue = false;
  private closed = false;
  /** Workers started, for tests and profiles. */
  started = 0;

  constructor(private readonly opts: WorkerChunkerOptions) {}

  languageOf(p: string): string | undefined {
    return languageForPath(p);
  }

  async chunkFile(relPath: string, text: string, fileOpts?: ChunkFileOptions): Promise<Chunk[]> {
    try {
      return await this.request(relPath, text, fileOpts?.structure !== false);
    } catch (err) {
      if (this.closed || fileOpts?.structure === false || !(err instanceof WorkerGone)) throw err;
      // The worker died on this file (out of memory, a crash in the parser): line windows need no parse.
      return this.request(relPath, text, false);
    }
  }

  /** Stop the worker now (between runs, before a save); the next file starts another. */
  async release(): Promise<void> {
    const w = this.worker;
    if (!w || this.pending.size > 0) return;
    this.worker = undefined;
    this.ready = undefined;
    await w.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('Chunker closed'));
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (w) await w.terminate();
  }

  /** Test hook: the worker throws an uncaught error at the next file it is sent. */
  async crashOnNextFileForTest(): Promise<void> {
    (await this.start()).postMessage({ type: 'crash' } satisfies ToChunkWorker);
  }

  private async request(relPath: string, text: string, structure: boolean): Promise<Chunk[]> {
    if (this.closed) throw new Error('Chunker closed');
    const w = await this.start();
    const id = this.nextId++;
    const chunks = await new Promise<Chunk[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w });
      w.postMessage({ type: 'chunk', id, path: relPath, text, structure } satisfies ToChunkWorker);
    });
    if (this.recycleDue && this.pending.size === 0) {
      this.recycleDue = false;
      await this.release();
    }
    return chunks;
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    const data: ChunkWorkerData = {
      modelDir: this.opts.modelDir,
      maxTokens: this.opts.maxTokens,
      ...(this.opts.pathContext ? { pathContext: this.opts.pathContext } : {}),
      ...(this.opts.preamble !== undefined ? { preamble: this.opts.preamble } : {}),
      ...(this.opts.contextHeader !== undefined ? { contextHeader: this.opts.contextHeader } : {}),
      ...(this.opts.lexical ? { lexical: this.opts.lexical } : {}),
    };
    const w = new Worker(chunkWorkerPath(), {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
    });
    this.started++;
    this.worker = w;
    const recycleBytes = this.opts.recycleBytes ?? DEFAULT_RECYCLE_BYTES;
    this.ready = new Promise<Worker>((resolve, reject) => {
      let up = false;
      let gone = false;
      const fail = (e: Error): void => {
        if (gone) return; // 'error' is followed by 'exit'
        gone = true;
        if (this.worker === w) {
          this.worker = undefined;
          this.ready = undefined;
        }
        if (!up) reject(e);
        this.failAll(new WorkerGone(e.message), w);
      };
      w.on('message', (msg: FromChunkWorker) => {
        switch (msg.type) {
          case 'ready':
            up = true;
            resolve(w);
            break;
          case 'init-error':
            void w.terminate();
            fail(new Error(`Could not start the chunking worker: ${msg.message}`));
            break;
          case 'chunks': {
            if (msg.footprint > recycleBytes) this.recycleDue = true;
            this.settle(msg.id)?.resolve(msg.chunks);
            break;
          }
          case 'error':
            this.settle(msg.id)?.reject(new Error(msg.message));
            break;
        }
      });
      w.on('error', (e) => fail(new Error(`The chunking worker crashed: ${e.message}`)));
      // A terminate() by release/close is not a failure: nothing is pending then.
      w.on('exit', (code) => fail(new Error(`The chunking worker stopped (exit code ${code})`)));
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private failAll(err: Error, worker?: Worker): void {
    for (const [id, p] of [...this.pending]) {
      if (worker && p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(err);
    }
  }
}

/** The worker went away with this request pending. */
class WorkerGone extends Error {}
