// WordPiece tokenizer from the model folder, through transformers.js, local files only.
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

// transformers.js keeps its settings in a process-wide `env`: serialise loads so two folders never race.
let loadChain: Promise<unknown> = Promise.resolve();

/** Load the tokenizer of a model folder without ever touching the network. */
export function loadTokenizer(modelDir: string): Promise<WordPieceTokenizer> {
  const run = async (): Promise<WordPieceTokenizer> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@huggingface/transformers') as typeof import('@huggingface/transformers', { with: { 'resolution-mode': 'require' } });
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    const abs = path.resolve(modelDir);
    tf.env.localModelPath = path.dirname(abs) + path.sep;
    const tok = await tf.AutoTokenizer.from_pretrained(path.basename(abs), { local_files_only: true });
    const sepId = Number(tok.sep_token_id ?? 102);
    const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: true }) as number[];
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
  };
  const p = loadChain.then(run, run);
  loadChain = p.catch(() => undefined);
  return p;
}
