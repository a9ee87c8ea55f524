// Worker-thread entry: owns the ONNX session and a tokenizer; see engine.ts for the scheduling.
import { parentPort, workerData } from 'node:worker_threads';
import { EmbedEngine, type EngineCallback } from './engine';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('embedWorker.js must run in a worker thread');

function post(msg: FromWorker, transfer?: ArrayBuffer[]): void {
  port!.postMessage(msg, transfer);
}

EmbedEngine.create(workerData as WorkerData).then(
  (engine) => {
    const reply =
      (id: number): EngineCallback =>
      (err, res) => {
        if (err) post({ type: 'error', id, message: err.message });
        else post({ type: 'result', id, vectors: res!.vectors, tokens: res!.tokens }, [res!.vectors.buffer as ArrayBuffer]);
      };
    port.on('message', (msg: ToWorker) => {
      switch (msg.type) {
        case 'embed':
          engine.submitEmbed(msg.id, msg.texts, reply(msg.id));
          break;
        case 'query':
          engine.submitQuery(msg.id, msg.text, reply(msg.id));
          break;
        case 'cancel':
          engine.cancel(msg.id);
          break;
        case 'crash':
          setImmediate(() => {
            throw new Error('crash requested by test hook');
          });
          break;
      }
    });
    post({ type: 'ready' });
  },
  (e: unknown) => post({ type: 'init-error', message: e instanceof Error ? e.message : String(e) }),
);
