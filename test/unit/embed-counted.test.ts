// Texts the chunker already counted are sent to the worker as token ids: same vectors, one tokenization.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveModel } from '../../src/core/embed/resolve';
import { createEmbedder } from '../../src/core/embed/embedder';
import type { Embedder } from '../../src/core/embed/types';
import { devModelDir } from '../helpers/models';

describe('embedder: counted texts reuse their token ids', () => {
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
});
