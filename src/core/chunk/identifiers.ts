// Identifier splitting and the cheap token estimate used to plan chunk sizes.

/**
 * Splits code identifiers into words: `readFileSync` → `read File Sync`, `XMLHttpRequest` → `XML Http Request`,
 * `utf8` → `utf 8`, `snake_case` → `snake case`, `SCREAMING_CASE` → `SCREAMING CASE`. Case is kept (the tokenizer
 * lowercases); everything else in the text is left as it is.
 */
export function splitIdentifiers(text: string): string {
  if (!/[A-Z0-9_]/.test(text)) return text;
  return text
    .replace(/([A-Za-z0-9])_+(?=[A-Za-z0-9])/g, '$1 ')
    .replace(/([a-z])(?=[A-Z])/g, '$1 ')
    .replace(/([A-Z]+)(?=[A-Z][a-z])/g, '$1 ')
    .replace(/([A-Za-z])(?=[0-9])/g, '$1 ')
    .replace(/([0-9])(?=[A-Z][a-z])/g, '$1 ');
}

const PUNCT_ONLY = /^[\s\p{P}\p{S}]*$/u;
// Leading comment markers (`//`, `#`, `*`, `/**`, `--`) followed by a space cost tokens and carry no meaning.
const COMMENT_LEAD = /^(?:\/\/+!?|\/\*+!?|\*+\/?|#+(?=\s)|--+(?=\s)|;+(?=\s))\s*/;

/**
 * One source line as it goes into the embedded text: identifiers split, comment markers and runs of whitespace
 * collapsed; '' for blank or pure punctuation lines (they add tokens but no meaning).
 */
export function compactLine(line: string, endKeyword = false): string {
  if (PUNCT_ONLY.test(line)) return '';
  // Ruby's `end` closes blocks like a brace: no meaning of its own.
  if (endKeyword && /^\s*end[\s;.)]*$/.test(line)) return '';
  let s = line.trim().replace(COMMENT_LEAD, '');
  s = splitIdentifiers(s).replace(/\s+/g, ' ').trim();
  if (s.endsWith('*/')) s = s.slice(0, -2).trimEnd();
  return PUNCT_ONLY.test(s) ? '' : s;
}

const TOKEN_RE = /[A-Za-z]+|[0-9]+|[^\sA-Za-z0-9]/g;

/**
 * Upper-leaning estimate of BERT word pieces in already compacted text (no [CLS]/[SEP]). Each punctuation mark is a
 * piece, numbers split into pieces of about three digits, and words cost one piece plus one per ~4 letters beyond
 * the first 6. Used only for planning; the final embedText is always verified with the real tokenizer.
 */
export function estimateTokens(text: string): number {
  let n = 0;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c >= 48 && c <= 57) n += 1 + ((t.length - 1) >> 2);
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n += t.length <= 6 ? 1 : 1 + Math.ceil((t.length - 6) / 4);
    else n += c > 0x2fff ? 2 : 1;
  }
  return n;
}

/** The path as words for the context header: `src/core/chunkIndex.ts` → `src core chunk Index ts`. */
export function pathWords(path: string): string {
  return splitIdentifiers(path.replace(/[\\/._-]+/g, ' ')).replace(/\s+/g, ' ').trim();
}

