// Runs trainAdapter in a worker thread (the editor stays responsive); an AbortSignal terminates it.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import type { EpochRecord, TrainData, TrainOptions, TrainResult } from './types';

/** Beside this file: out/src/core/adapt/ when compiled, dist/ when bundled (esbuild.mjs builds adaptWorker.js). */
export function adaptWorkerPath(): string {
  return path.join(__dirname, 'adaptWorker.js');
}

export function trainInWorker(data: TrainData, options: TrainOptions, onEpoch?: (r: EpochRecord) => void, signal?: AbortSignal): Promise<TrainResult> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    const worker = new Worker(adaptWorkerPath(), { workerData: { data, options } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      fn();
    };
    const abort = () => {
      finish(() => reject(new CancelledError()));
      void worker.terminate();
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (m: { type: string; epoch?: EpochRecord; result?: TrainResult; message?: string }) => {
      if (m.type === 'epoch' && m.epoch) onEpoch?.(m.epoch);
      else if (m.type === 'done' && m.result) finish(() => resolve(m.result!));
      else if (m.type === 'error') finish(() => reject(new Error(`Adapter training failed: ${m.message}`)));
      if (m.type !== 'epoch') void worker.terminate();
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`Adapter training stopped unexpectedly (exit code ${code})`))));
  });
}
