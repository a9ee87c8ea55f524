// Preloaded into a CLI child (node --require, inherited by its worker threads): records the
// options of every onnxruntime-node session created and the exact input batches of every
// session.run, one JSON line each, into $SEMSEARCH_BENCH_ORT_RECORD. Used once, in a run that is not
// timed, to learn the batch shapes the embedder really produces; the ceiling replays them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

interface TensorLike {
  dims: readonly number[];
  data: ArrayLike<number | bigint>;
}
interface SessionClass {
  create: (...args: unknown[]) => Promise<unknown>;
  prototype: { run: (feeds: Record<string, TensorLike>, ...rest: unknown[]) => Promise<unknown> };
}

const file = process.env.SEMSEARCH_BENCH_ORT_RECORD;
if (file) {
  const fd = fs.openSync(`${file}.${process.pid}.${threadId}`, 'a');
  const write = (o: unknown): void => {
    fs.writeSync(fd, JSON.stringify(o) + '\n');
  };
  const root = process.env.SEMSEARCH_BENCH_REPO_ROOT ?? process.cwd();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require(require.resolve('onnxruntime-node', { paths: [root] })) as { InferenceSession: SessionClass };
  const S = ort.InferenceSession;
  const create = S.create;
  S.create = function (this: unknown, ...args: unknown[]) {
    write({ kind: 'session', model: typeof args[0] === 'string' ? path.resolve(args[0]) : null, options: args[1] ?? null });
    return create.apply(this, args);
  };
  const run = S.prototype.run;
  S.prototype.run = function (this: unknown, feeds: Record<string, TensorLike>, ...rest: unknown[]) {
    const ids = feeds.input_ids;
    const mask = feeds.attention_mask;
    if (ids && mask) {
      write({
        kind: 'run',
        dims: Array.from(ids.dims),
        inputs: Object.keys(feeds),
        ids: Array.from(ids.data, Number),
        mask: Array.from(mask.data, Number),
      });
    }
    return run.call(this, feeds, ...rest);
  };
}
