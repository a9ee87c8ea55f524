// The tokenizer the engine loads (tokenizers.js, read straight from tokenizer.json) against transformers.js's
// AutoTokenizer, the reference it replaced: the same ids for code, prose, accents, CJK, emoji and long inputs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadTokenizer } from '../../src/core/embed/tokenizer';
import { devModelDir } from '../helpers/models';

const TEXTS = [
  'export async function parseConfig(file: string): Promise<Config> { return JSON.parse(await fs.readFile(file, "utf8")); }',
  'Déjà vu: naïve café façade — Ünïcödé ÅÄÖ',
  '解析配置文件 and 設定を読む 🎉🚀 emoji_and_snake_case getHTTPResponseCode',
  '  \t leading whitespace\n\nand   newlines\r\n  ',
  '',
  'x'.repeat(3000) + ' ' + 'word '.repeat(600),
  '#include <stdio.h>\nint main(void) { printf("%d\\n", 42); return 0; }',
];

describe('tokenizer', () => {
  it('gives the ids transformers.js gives, [CLS] and [SEP] included', async () => {
    const ours = await loadTokenizer(devModelDir());
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@huggingface/transformers') as typeof import('@huggingface/transformers', { with: { 'resolution-mode': 'require' } });
    tf.env.allowRemoteModels = false;
    tf.env.localModelPath = path.dirname(devModelDir()) + path.sep;
    const ref = await tf.AutoTokenizer.from_pretrained(path.basename(devModelDir()), { local_files_only: true });
    for (const text of TEXTS) assert.deepEqual(ours.encode(text), ref.encode(text, { add_special_tokens: true }), JSON.stringify(text.slice(0, 40)));
    assert.equal(ours.sepId, Number(ref.sep_token_id));
    const cut = ours.encodeTruncated(TEXTS[5], 256);
    assert.equal(cut.length, 256);
    assert.equal(cut[255], ours.sepId);
  });

  it('a folder without tokenizer.json names the missing file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-tok-'));
    try {
      await assert.rejects(loadTokenizer(dir), /tokenizer\.json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
