// Unit tests of src/core/embed: resolution, pooling, batching, worker vs in-process vs transformers.js.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveModel, missingModelFiles, sha256File } from '../../src/core/embed/resolve';
import { meanPoolNormalize } from '../../src/core/embed/pooling';
import { planBatches } from '../../src/core/embed/batching';
import { createEmbedder, defaultThreads } from '../../src/core/embed/embedder';
import { sessionOptions } from '../../src/core/embed/modelSession';
import { ModelNotFoundError, CancelledError } from '../../src/core/errors';
import type { Embedder, ModelLocation } from '../../src/core/embed/types';
import { devModelDir, randomArchModelDir, realModelDir } from '../helpers/models';

const DEV_SHA = 'd50eb916859dcf8c8a3e24ab61b7d3523b1d582ffec6cc15e00fbe0e0d5b2889';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A temp folder with (some of) the model files, linked from a stand-in. */
function fakeModelDir(parent: string, name: string, files: string[], from = devModelDir()): string {
  const dir = path.join(parent, name);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.symlinkSync(path.join(from, f), path.join(dir, f));
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
const ALL = ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'onnx/model_quantized.onnx'];

describe('resolveModel', () => {
  let tmp: string;
  let pkgWithModel: string;
  let pkgEmpty: string;
  let envDir: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-resolve-'));
    pkgWithModel = path.join(tmp, 'pkg1');
    fakeModelDir(path.join(pkgWithModel, 'models'), 'all-MiniLM-L6-v2', ALL);
    pkgEmpty = path.join(tmp, 'pkg2');
    fs.mkdirSync(pkgEmpty);
    envDir = fakeModelDir(tmp, 'from-env', ALL, randomArchModelDir());
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('explicit wins over the packaged model and the environment', async () => {
    const loc = await resolveModel({ explicit: devModelDir(), packageRoot: pkgWithModel, env: { SEMSEARCH_MODEL_DIR: envDir } });
    assert.equal(loc.dir, path.resolve(devModelDir()));
    assert.equal(loc.onnxPath, path.join(loc.dir, 'onnx', 'model_quantized.onnx'));
    assert.deepEqual(loc.identity, { name: 'static-minilm-dev', sha256: DEV_SHA, dimensions: 384 });
  });

  test('packaged model wins over the environment', async () => {
    const loc = await resolveModel({ packageRoot: pkgWithModel, env: { SEMSEARCH_MODEL_DIR: envDir } });
    assert.equal(loc.dir, path.join(pkgWithModel, 'models', 'all-MiniLM-L6-v2'));
    assert.equal(loc.identity.name, 'static-minilm-dev'); // from config.json _name_or_path
  });

  test('environment variable is the last resort', async () => {
    const loc = await resolveModel({ packageRoot: pkgEmpty, env: { SEMSEARCH_MODEL_DIR: envDir } });
    assert.equal(loc.dir, envDir);
    assert.equal(loc.identity.name, 'minilm-arch-random');
    assert.equal(loc.identity.sha256, await sha256File(path.join(randomArchModelDir(), 'onnx', 'model_quantized.onnx')));
  });

  test('an incomplete explicit folder is an error, not a silent fall-through', async () => {
    const partial = fakeModelDir(tmp, 'partial', ['tokenizer.json', 'config.json']);
    await assert.rejects(
      resolveModel({ explicit: partial, packageRoot: pkgWithModel, env: { SEMSEARCH_MODEL_DIR: envDir } }),
      (e: unknown) => {
        assert.ok(e instanceof ModelNotFoundError);
        assert.equal(e.code, 'MODEL_NOT_FOUND');
        assert.match(e.message, /partial/);
        assert.match(e.message, /tokenizer_config\.json/);
        assert.match(e.message, /onnx\/model_quantized\.onnx/);
        assert.match(e.message, /\(missing tokenizer_config\.json, onnx\/model_quantized\.onnx\)/);
        return true;
      },
    );
  });

  test('nothing found: one message naming what is missing where and how to fix it', async () => {
    const partial = fakeModelDir(path.join(tmp, 'pkg3', 'models'), 'all-MiniLM-L6-v2', ['config.json']);
    await assert.rejects(resolveModel({ packageRoot: path.join(tmp, 'pkg3'), env: {} }), (e: unknown) => {
      assert.ok(e instanceof ModelNotFoundError);
      assert.ok(!e.message.includes('\n'), 'one line');
      assert.ok(e.message.includes(partial), e.message);
      assert.match(e.message, /missing tokenizer\.json, tokenizer_config\.json, onnx\/model_quantized\.onnx/);
      assert.match(e.message, /SEMSEARCH_MODEL_DIR \(not set\)/);
      assert.match(e.message, /npm run fetch-model/);
      assert.match(e.message, /--model/);
      assert.deepEqual(e.searched, [partial]);
      return true;
    });
    await assert.rejects(resolveModel({ packageRoot: pkgEmpty, env: { SEMSEARCH_MODEL_DIR: path.join(tmp, 'nope') } }), /nope \(folder does not exist\)/);
  });

  test('missingModelFiles lists the required files in order', () => {
    assert.deepEqual(missingModelFiles(path.join(tmp, 'nowhere')), ALL);
    assert.deepEqual(missingModelFiles(devModelDir()), []);
  });
});

describe('pooling and batching', () => {
  test('mean pooling over the mask + L2 normalisation, hand-computed', () => {
    // batch 2, seq 3, dim 2; second sequence has one padding position.
    const hidden = new Float32Array([
      1, 2, 3, 4, 5, 6, // seq 0: mean (3, 4) -> (0.6, 0.8)
      3, 0, 0, 0, 100, 100, // seq 1: mask 1,1,0 -> mean (1.5, 0) -> (1, 0)
    ]);
    const mask = new BigInt64Array([1n, 1n, 1n, 1n, 1n, 0n]);
    const out = meanPoolNormalize(hidden, mask, 2, 3, 2);
    assert.ok(maxAbsDiff(out, [0.6, 0.8, 1, 0]) < 1e-7, String(out));
    // all-masked or zero mean: zeros, never NaN
    const z = meanPoolNormalize(new Float32Array([1, 1, 0, 0]), [0, 1], 2, 1, 2);
    assert.deepEqual(Array.from(z), [0, 0, 0, 0]);
  });

  test('planBatches: longest first, every index once, budgets respected', () => {
    const lengths = [5, 256, 3, 100, 100, 7, 256, 40];
    const batches = planBatches(lengths, { maxBatch: 3, maxPaddedTokens: 300 });
    assert.deepEqual(batches.flat().sort((a, b) => a - b), lengths.map((_, i) => i));
    for (const b of batches) {
      assert.ok(b.length <= 3);
      const max = Math.max(...b.map((i) => lengths[i]));
      assert.ok(b.length === 1 || b.length * max <= 300);
      assert.equal(lengths[b[0]], max);
    }
    assert.deepEqual(batches[0], [1]); // 256 alone: 2 × 256 > 300
    assert.deepEqual(planBatches([], { maxBatch: 8, maxPaddedTokens: 1024 }), []);
  });

  test('session options: threads, no spinning in the background', () => {
    assert.equal(defaultThreads(true, 2), 1);
    assert.equal(defaultThreads(false, 2), 2);
    assert.equal(defaultThreads(true, 1), 1);
    const bg = sessionOptions(1, true);
    assert.equal(bg.intraOpNumThreads, 1);
    assert.equal(bg.interOpNumThreads, 1);
    assert.equal(bg.graphOptimizationLevel, 'all');
    assert.deepEqual(bg.extra, { session: { intra_op: { allow_spinning: '0' } } });
    assert.equal(sessionOptions(2, false).extra, undefined);
  });
});

describe('embedder on static-minilm-dev', () => {
  let model: ModelLocation;
  let worker: Embedder;
  let inproc: Embedder;
  const texts = [
    'delete a file',
    'remove the file from disk',
    'parse a JSON string',
    'function readFileSync(path) { return fs.readFileSync(path, "utf8"); }',
    '',
    'sort an array',
    'a much longer text about sending an http request to a server and waiting for the response body to arrive',
  ];
  before(async () => {
    model = await resolveModel({ explicit: devModelDir() });
    worker = await createEmbedder(model, { threads: 1 });
    inproc = await createEmbedder(model, { useWorker: false, threads: 1 });
  });
  after(async () => {
    await worker?.close();
    await inproc?.close();
  });

  test('worker, in-process and transformers.js pipeline agree within 1e-4', async () => {
    const a = await worker.embed(texts);
    const b = await inproc.embed(texts);
    assert.equal(a.vectors.length, texts.length);
    assert.equal(a.tokens, b.tokens);
    for (let i = 0; i < texts.length; i++) {
      assert.equal(a.vectors[i].length, 384);
      assert.ok(maxAbsDiff(a.vectors[i], b.vectors[i]) < 1e-6);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@huggingface/transformers') as typeof import('@huggingface/transformers', { with: { 'resolution-mode': 'require' } });
    tf.env.allowRemoteModels = false;
    tf.env.localModelPath = path.dirname(devModelDir()) + path.sep;
    const extractor = await tf.pipeline('feature-extraction', path.basename(devModelDir()), { dtype: 'q8' });
    try {
      for (let i = 0; i < texts.length; i++) {
        const ref = await extractor(texts[i], { pooling: 'mean', normalize: true });
        const d = maxAbsDiff(a.vectors[i], ref.data as Float32Array);
        assert.ok(d < 1e-4, `text ${i}: max abs diff ${d}`);
      }
    } finally {
      await extractor.dispose();
    }
  });

  test('tokens = word pieces without padding, [CLS]/[SEP] included', async () => {
    const r = await worker.embed(texts);
    const expected = texts.reduce((s, t) => s + worker.countTokens(t), 0);
    assert.equal(r.tokens, expected);
    assert.equal(worker.countTokens(''), 2);
    assert.equal(worker.countTokens('read the file'), 5);
    assert.equal(worker.maxTokens, 256);
    assert.deepEqual(worker.identity, model.identity);
  });

  test('input order is preserved across length-sorted batches', async () => {
    const many: string[] = [];
    for (let i = 0; i < 40; i++) many.push(`item ${i} `.concat('read the file and parse the json '.repeat((i * 7) % 13)));
    const small = await createEmbedder(model, { useWorker: false, threads: 1, batchSize: 3, maxBatchTokens: 200 });
    try {
      const batched = await small.embed(many);
      for (const i of [0, 1, 5, 12, 13, 26, 39]) {
        const single = (await small.embed([many[i]])).vectors[0];
        assert.ok(maxAbsDiff(batched.vectors[i], single) < 1e-5, `text ${i}`);
      }
      const viaWorker = await worker.embed(many);
      for (let i = 0; i < many.length; i++) assert.ok(maxAbsDiff(viaWorker.vectors[i], batched.vectors[i]) < 1e-5);
    } finally {
      await small.close();
    }
  });

  test('truncation at 256 word pieces', async () => {
    const words = 'read the file and write it '.repeat(100).trim(); // 600 one-piece words
    assert.ok(worker.countTokens(words) > 256);
    const r = await worker.embed([words, words + ' socket compress encrypt password']);
    assert.equal(r.tokens, 512);
    assert.ok(maxAbsDiff(r.vectors[0], r.vectors[1]) < 1e-7, 'text after the window is ignored');
    assert.equal(worker.countTokens(words), 602);
    const head = words.split(' ').slice(0, 254).join(' '); // 254 one-piece words + [CLS] + [SEP]
    assert.equal(worker.countTokens(head), 256);
    assert.ok(maxAbsDiff((await worker.embed([head])).vectors[0], r.vectors[0]) < 1e-6);
  });

  test('the empty string gives a finite unit vector', async () => {
    const [v] = (await worker.embed([''])).vectors;
    assert.ok(v.every(Number.isFinite));
    assert.ok(Math.abs(Math.sqrt(dot(v, v)) - 1) < 1e-5);
  });

  test('embedQuery equals embed([q])[0], in the worker and in-process', async () => {
    for (const e of [worker, inproc]) {
      const q = 'how do I delete a file';
      const v = await e.embedQuery(q);
      assert.ok(maxAbsDiff(v, (await e.embed([q])).vectors[0]) < 1e-6);
      assert.equal(v.length, 384);
    }
  });

  test('relevance sanity: "delete a file" is closer to "remove the file from disk" than to "parse a JSON string"', async () => {
    const q = await worker.embedQuery('delete a file');
    const [rel, unrel] = (await worker.embed(['remove the file from disk', 'parse a JSON string'])).vectors;
    assert.ok(dot(q, rel) > dot(q, unrel) + 0.1, `${dot(q, rel)} vs ${dot(q, unrel)}`);
  });

  test('background mode (no ORT spin-waiting) is accepted by onnxruntime-node and gives the same vectors', async () => {
    const bg = await createEmbedder(model, { useWorker: false, background: true, threads: 1 });
    try {
      const a = await bg.embed(texts.slice(0, 3));
      const b = await inproc.embed(texts.slice(0, 3));
      for (let i = 0; i < 3; i++) assert.ok(maxAbsDiff(a.vectors[i], b.vectors[i]) < 1e-6);
    } finally {
      await bg.close();
    }
  });

  test('an empty list resolves at once', async () => {
    assert.deepEqual(await worker.embed([]), { vectors: [], tokens: 0 });
  });

  test('abort: an aborted signal rejects with CancelledError, the embedder keeps working', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(worker.embed(texts, { signal: ac.signal }), CancelledError);
    const ac2 = new AbortController();
    const many = Array.from({ length: 300 }, (_, i) => `text number ${i} about files`);
    const p = worker.embed(many, { signal: ac2.signal });
    ac2.abort();
    await assert.rejects(p, CancelledError);
    const p2 = inproc.embed(many, { signal: ac2.signal });
    await assert.rejects(p2, CancelledError);
    const ac3 = new AbortController();
    const p3 = inproc.embed(many, { signal: ac3.signal });
    setImmediate(() => ac3.abort());
    await assert.rejects(p3, CancelledError);
    assert.equal((await worker.embed(['still alive'])).vectors.length, 1);
    assert.equal((await inproc.embed(['still alive'])).vectors.length, 1);
  });

  test('a worker crash rejects pending work with a clear error; the next call restarts it', async () => {
    const e = await createEmbedder(model, { threads: 1 });
    try {
      const many = Array.from({ length: 2000 }, (_, i) => `text number ${i} about files and folders`);
      const p = e.embed(many);
      (e as unknown as { _crashWorkerForTest(): void })._crashWorkerForTest();
      await assert.rejects(p, /embedding worker crashed: crash requested by test hook/);
      const v = await e.embedQuery('delete a file');
      assert.equal(v.length, 384);
    } finally {
      await e.close();
    }
    await assert.rejects(e.embed(['x']), /closed/);
  });

  test('a corrupt ONNX file fails createEmbedder with a clear error (worker and in-process)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-bad-'));
    try {
      const dir = fakeModelDir(tmp, 'bad', ['tokenizer.json', 'tokenizer_config.json', 'config.json']);
      fs.mkdirSync(path.join(dir, 'onnx'));
      fs.writeFileSync(path.join(dir, 'onnx', 'model_quantized.onnx'), 'not a model');
      const bad = await resolveModel({ explicit: dir });
      await assert.rejects(createEmbedder(bad, { threads: 1 }), /Could not load the embedding model/);
      await assert.rejects(createEmbedder(bad, { threads: 1, useWorker: false }));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a query is served ahead of queued batch work', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `text number ${i} about files and folders and http requests`);
    let batchDone = false;
    const p = worker.embed(many).then((r) => {
      batchDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 5));
    const v = await worker.embedQuery('delete a file');
    assert.equal(batchDone, false, 'the query did not wait for the whole backlog');
    assert.equal(v.length, 384);
    assert.equal((await p).vectors.length, many.length);
  });
});

describe('real model (models/all-MiniLM-L6-v2)', () => {
  test('embeds with the real model when it has been fetched', async (t) => {
    const dir = realModelDir();
    if (!dir) {
      t.skip('models/all-MiniLM-L6-v2 is absent: run `npm run fetch-model` to test with the real model');
      return;
    }
    const model = await resolveModel({ explicit: dir });
    if (model.identity.sha256 !== 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1') {
      t.skip(`models/all-MiniLM-L6-v2 holds another ONNX file (sha256 ${model.identity.sha256}, a stand-in?): not the real model`);
      return;
    }
    const e = await createEmbedder(model, { threads: 1 });
    try {
      const q = await e.embedQuery('delete a file');
      const [rel, unrel] = (await e.embed(['remove the file from disk', 'parse a JSON string'])).vectors;
      assert.ok(dot(q, rel) > dot(q, unrel));
    } finally {
      await e.close();
    }
  });
});
