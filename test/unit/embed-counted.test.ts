// The embedding session gets token ids: those the chunker counted are reused, the rest are tokenized on the main thread, so
// the process holds one tokenizer; vectors are the same as for plain texts.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveModel } from '../../src/core/embed/resolve';
import { createEmbedder } from '../../src/core/embed/embedder';
import { ModelSession } from '../../src/core/embed/modelSession';
import { loadTokenizer } from '../../src/core/embed/tokenizer';
import type { Embedder } from '../../src/core/embed/types';
import { devModelDir } from '../helpers/models';

describe('embedder: the session gets token ids (counted ones reused), one tokenizer per process', () => {
  let counting: Embedder;
  let plain: Embedder;
  before(async () => {
    const model = await resolveModel({ explicit: devModelDir() });
    counting = await createEmbedder(model, { threads: 1 });
    plain = await createEmbedder(model, { threads: 1, tokenCounting: false });
  });
  after(async () => {
    await counting.close();
    await plain.close();
  });

  test('vectors and token counts equal those of plain texts, also past the 256-piece window', async () => {
    const long = Array.from({ length: 600 }, (_, i) => `word${i % 50} parse config`).join(' ');
    const texts = ['read File Sync path encoding', 'remove the file from disk', long];
    for (const t of texts) counting.countTokens(t);
    const a = await counting.embed(texts);
    const b = await plain.embed(texts);
    assert.equal(a.tokens, b.tokens);
    for (let i = 0; i < texts.length; i++) {
      for (let d = 0; d < a.vectors[i].length; d++) assert.ok(Math.abs(a.vectors[i][d] - b.vectors[i][d]) < 1e-6, `text ${i} dim ${d}`);
    }
    assert.ok(a.tokens <= 2 * 256 + 20, 'the long text was truncated to the window');
  });

  test('a query-only embedder refuses to count tokens', () => {
    assert.throws(() => plain.countTokens('anything'), /without token counting/);
  });

  test('uncounted texts, a text too long to tokenize here, and queries give the vectors of plain texts', async () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `token${i % 70} value`).join(' ');
    assert.ok(huge.length > 16_384, 'longer than this thread tokenizes');
    const texts = ['never counted: open the socket', 'function add(a, b) { return a + b }', huge];
    const a = await counting.embed(texts);
    const b = await plain.embed(texts);
    assert.equal(a.tokens, b.tokens);
    for (let i = 0; i < texts.length; i++) {
      for (let d = 0; d < a.vectors[i].length; d++) assert.ok(Math.abs(a.vectors[i][d] - b.vectors[i][d]) < 1e-6, `text ${i} dim ${d}`);
    }
    const qa = await counting.embedQuery('how do I close the socket');
    const qb = await plain.embedQuery('how do I close the socket');
    for (let d = 0; d < qa.length; d++) assert.ok(Math.abs(qa[d] - qb[d]) < 1e-6, `query dim ${d}`);
  });

  test('a session given token ids loads its tokenizer only when a text arrives', async () => {
    const model = await resolveModel({ explicit: devModelDir() });
    const tok = await loadTokenizer(model.dir);
    const session = await ModelSession.create({ modelDir: model.dir, onnxPath: model.onnxPath, dimensions: model.identity.dimensions, threads: 1, background: false, callerTokenizes: true });
    const run = (input: string | Int32Array, query = false): Promise<Float32Array> =>
      new Promise((resolve, reject) => {
        const cb = (err: Error | null, r?: { vectors: Float32Array }): void => (err ? reject(err) : resolve(r!.vectors));
        if (query) session.submitQuery(1, input, cb);
        else session.submitEmbed(1, [input], cb);
      });
    try {
      assert.equal(session.hasTokenizer, false);
      const fromIds = await run(Int32Array.from(tok.encode('parse the config file')));
      const fromQueryIds = await run(Int32Array.from(tok.encode('parse the config file')), true);
      assert.equal(session.hasTokenizer, false, 'token ids need no tokenizer');
      const fromText = await run('parse the config file', true);
      assert.equal(session.hasTokenizer, true, 'a text made it load one');
      for (let d = 0; d < fromIds.length; d++) {
        assert.ok(Math.abs(fromIds[d] - fromText[d]) < 1e-6 && Math.abs(fromQueryIds[d] - fromText[d]) < 1e-6, `dim ${d}`);
      }
    } finally {
      await session.close();
    }
  });

  test('ids sent with embed() (a chunking worker counted them) give the vectors of the texts; texts without ids still embed', async () => {
    const model = await resolveModel({ explicit: devModelDir() });
    const tok = await loadTokenizer(model.dir);
    const sending = await createEmbedder(model, { threads: 1, tokenCounting: false, callerSendsIds: true });
    try {
      const texts = ['read File Sync path encoding', 'sent without ids: open the socket', 'remove the file from disk'];
      const ids = [Int32Array.from(tok.encode(texts[0])), undefined, Int32Array.from(tok.encode(texts[2]))];
      const a = await sending.embed(texts, { tokenIds: ids });
      const b = await plain.embed(texts);
      assert.equal(a.tokens, b.tokens);
      for (let i = 0; i < texts.length; i++) {
        for (let d = 0; d < a.vectors[i].length; d++) assert.ok(Math.abs(a.vectors[i][d] - b.vectors[i][d]) < 1e-6, `text ${i} dim ${d}`);
      }
      // The ids are what is embedded: ids of another text give that text's vector.
      const swapped = await sending.embed([texts[0]], { tokenIds: [ids[2]] });
      for (let d = 0; d < swapped.vectors[0].length; d++) assert.ok(Math.abs(swapped.vectors[0][d] - b.vectors[2][d]) < 1e-6, `dim ${d}`);
      assert.throws(() => sending.countTokens('anything'), /without token counting/);
    } finally {
      await sending.close();
    }
  });
});
