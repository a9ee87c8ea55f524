// The indexer's embedding queue: when groups are launched, how many wait in the worker, and what an error leaves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmbedQueue, type PendingChunk } from '../../src/core/pipeline/embedQueue';
import type { Embedder, EmbedResult } from '../../src/core/embed/types';
import type { IndexStore } from '../../src/core/store/types';

/** An embedder whose calls finish only when the test says so. */
class HeldEmbedder {
  calls: { texts: string[]; finish: (fail?: Error) => void }[] = [];
  embed(texts: string[]): Promise<EmbedResult> {
    return new Promise((resolve, reject) => {
      this.calls.push({
        texts,
        finish: (fail) => (fail ? reject(fail) : resolve({ vectors: texts.map(() => new Float32Array([1, 0])), tokens: texts.length })),
      });
    });
  }
}

function fakeStore(): { store: IndexStore; vectors: Map<number, Float32Array> } {
  const vectors = new Map<number, Float32Array>();
  const store = { getChunk: () => ({}), setVector: (id: number, v: Float32Array) => vectors.set(id, v) } as unknown as IndexStore;
  return { store, vectors };
}

const chunks = (from: number, n: number, file = (i: number) => `f${i}.ts`): PendingChunk[] =>
  Array.from({ length: n }, (_, k) => ({ id: from + k, path: file(from + k), text: `chunk ${from + k}` }));

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('EmbedQueue', () => {
  it('launches a small group early while the embedder is idle, then full groups, two at most in the worker', async () => {
    const emb = new HeldEmbedder();
    const { store, vectors } = fakeStore();
    const q = new EmbedQueue(emb as unknown as Embedder, store, 256, () => undefined);
    await q.push(chunks(0, 10));
    assert.equal(emb.calls.length, 0, 'fewer than 32 chunks wait for more');
    await q.push(chunks(10, 30));
    assert.deepEqual(emb.calls.map((c) => c.texts.length), [40], 'the idle embedder gets what is there');
    await q.push(chunks(40, 256));
    assert.deepEqual(emb.calls.map((c) => c.texts.length), [40, 256], 'a full group joins the one running');
    await q.push(chunks(296, 100));
    assert.equal(emb.calls.length, 2, 'no early group while others are in flight');
    // A third full group waits until the first has finished.
    const third = q.push(chunks(396, 156));
    await turn();
    assert.equal(emb.calls.length, 2, 'at most two groups in the worker');
    emb.calls[0].finish();
    await third;
    assert.deepEqual(emb.calls.map((c) => c.texts.length), [40, 256, 256]);
    const drained = q.drain();
    await turn();
    for (const c of emb.calls.slice(1)) c.finish();
    await turn();
    assert.equal(emb.calls.length, 3);
    await drained;
    assert.equal(vectors.size, 552);
    assert.equal(q.embedded, 552);
    assert.deepEqual(q.incompletePaths(), []);
  });

  it('an error in one group surfaces at drain once the other groups have settled; its files stay incomplete', async () => {
    const emb = new HeldEmbedder();
    const { store, vectors } = fakeStore();
    const q = new EmbedQueue(emb as unknown as Embedder, store, 4, () => undefined);
    await q.push(chunks(0, 4, () => 'a.ts'));
    await q.push(chunks(4, 4, () => 'b.ts'));
    assert.equal(emb.calls.length, 2);
    emb.calls[0].finish(new Error('model failed'));
    await turn();
    const drained = q.drain();
    let settled = false;
    drained.catch(() => undefined).finally(() => (settled = true));
    await turn();
    assert.equal(settled, false, 'drain waits for the group still in the worker');
    emb.calls[1].finish();
    await assert.rejects(drained, /model failed/);
    assert.deepEqual(q.incompletePaths(), ['a.ts']);
    assert.equal(vectors.size, 4);
    await assert.rejects(q.push(chunks(8, 4, () => 'c.ts')), /model failed/, 'the queue is dead after a failure');
  });
});
