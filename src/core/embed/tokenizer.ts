// WordPiece tokenizer from the model folder's tokenizer.json, through Hugging Face's tokenizers.js: the library
// transformers.js 4 tokenizes with (its BertTokenizer.encode is this Tokenizer's encode; a test checks the ids
// agree), without loading transformers.js itself — 270 ms and ~40 MB per thread, and `sharp` for images.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The model's window in word pieces, [CLS] and [SEP] included (all-MiniLM-L6-v2 was trained at 256). */
export const MAX_TOKENS = 256;

export interface WordPieceTokenizer {
  /** Token ids with [CLS]/[SEP], not truncated. */
  encode(text: string): number[];
  /** Token ids with [CLS]/[SEP], truncated to `max` (keeps [CLS] + the first max-2 pieces + [SEP]). */
  encodeTruncated(text: string, max: number): number[];
  readonly sepId: number;
}

/** Load the tokenizer of a model folder (local files only; nothing here can reach the network). */
export async function loadTokenizer(modelDir: string): Promise<WordPieceTokenizer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Tokenizer } = require('@huggingface/tokenizers') as typeof import('@huggingface/tokenizers', { with: { 'resolution-mode': 'require' } });
  const readJson = async (name: string): Promise<Record<string, unknown>> => {
    const file = path.join(modelDir, name);
    try {
      return JSON.parse(await fs.promises.readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`Could not read the tokenizer file ${file}: ${(err as Error).message}`);
    }
  };
  // Both read at once; a failure is reported in this order (a folder missing both names tokenizer.json, always).
  const settled = await Promise.allSettled([readJson('tokenizer.json'), readJson('tokenizer_config.json')]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [json, config] = settled.map((r) => (r as PromiseFulfilledResult<Record<string, unknown>>).value);
  const tok = new Tokenizer(json, config);
  const sepToken = typeof config.sep_token === 'string' ? config.sep_token : '[SEP]';
  const sepId = tok.token_to_id(sepToken) ?? 102;
  const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: true }).ids;
  return {
    sepId,
    encode,
    encodeTruncated(text: string, max: number): number[] {
      const ids = encode(text);
      if (ids.length <= max) return ids;
      const t = ids.slice(0, max);
      t[max - 1] = sepId;
      return t;
    },
  };
}
