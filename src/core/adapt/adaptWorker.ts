// Worker thread entry: trains the adapter off the caller's thread and reports each epoch.
import { parentPort, workerData } from 'node:worker_threads';
import { trainAdapter } from './train';
import type { TrainData, TrainOptions } from './types';

const { data, options } = workerData as { data: TrainData; options: TrainOptions };
try {
  const result = trainAdapter(data, options, (epoch) => parentPort!.postMessage({ type: 'epoch', epoch }));
  parentPort!.postMessage({ type: 'done', result }, [result.matrix.buffer as ArrayBuffer]);
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: (err as Error).message });
}
