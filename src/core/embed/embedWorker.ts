// Worker-thread entry: owns the ONNX session (and a tokenizer when the main thread has none); see modelSession.ts for the scheduling.
import { parentPort, workerData } from 'node:worker_threads';
import { ModelSession } from './modelSession';
import { createOutputCollector } from './outputCollector';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import type { SessionCallback } from './sessionTypes';

const port = parentPort;
if (!port) throw new Error('embedWorker.js must run in a worker thread');

function post(msg: FromWorker, transfer?: ArrayBuffer[]): void {
  port!.postMessage(msg, transfer);
}

ModelSession.create(workerData as WorkerData).then(
  (session) => {
    session.onSpentOutput = createOutputCollector();
    const reply =
      (id: number): SessionCallback =>
      (err, res) => {
        if (err) post({ type: 'error', id, message: err.message });
        else post({ type: 'result', id, vectors: res!.vectors, tokens: res!.tokens, ...(res!.timing ? { timing: res!.timing } : {}) }, [res!.vectors.buffer as ArrayBuffer]);
      };
    port.on('message', (msg: ToWorker) => {
      switch (msg.type) {
        case 'embed':
          session.submitEmbed(msg.id, msg.texts, reply(msg.id));
          break;
        case 'query':
          session.submitQuery(msg.id, msg.input, reply(msg.id));
          break;
        case 'cancel':
          session.cancel(msg.id);
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
