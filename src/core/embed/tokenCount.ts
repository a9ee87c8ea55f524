// Counting the word pieces of a long text without tokenizing it at once: the chunker asks for the count of
// whole files' worth of text when a line is longer than the model window (a minified or generated line of
// 500k characters took ~140 MB of tokenizer garbage in one call).
import type { WordPieceTokenizer } from './tokenizer';

/** Texts longer than this are counted in slices. */
export const COUNT_SLICE_CHARS = 16_384;

/**
 * Where a slice may end: before a space, tab or line break, or an ASCII punctuation character. BERT's
 * pre-tokenizer splits at both (each punctuation character is a word of its own) and normalises character by
 * character, so a cut there changes no word piece. (Control characters are not boundaries: cleaning removes
 * them, joining their neighbours.)
 */
function isBoundary(code: number): boolean {
  if (code === 32 || code === 9 || code === 10 || code === 13) return true;
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

/**
 * Word pieces of `text` with [CLS] and [SEP] — the same number as `tok.encode(text).length` — counted slice by
 * slice for long texts. A slice with no boundary in its last half (a word thousands of characters long) grows
 * until one: the count stays exact.
 */
export function countWordPieces(tok: WordPieceTokenizer, text: string, sliceChars = COUNT_SLICE_CHARS): number {
  if (text.length <= sliceChars) return tok.encode(text).length;
  let total = 2;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + sliceChars);
    if (end < text.length) {
      let cut = end;
      while (cut > start + sliceChars / 2 && !isBoundary(text.charCodeAt(cut))) cut--;
      if (!isBoundary(text.charCodeAt(cut))) {
        cut = end;
        while (cut < text.length && !isBoundary(text.charCodeAt(cut))) cut++;
      }
      end = cut;
    }
    total += tok.encode(text.slice(start, end)).length - 2;
    start = end;
  }
  return total;
}
