// Word splitting shared by query highlighting and cluster labels: identifiers are split
// into lower-case words (`readFileSync` → read, file, sync; `MAX_SIZE` → max, size).

/**
 * Words that say nothing about what code does: English function words and the keywords and
 * ubiquitous type names of common languages. Kept short on purpose; tokens under 3 characters
 * are dropped separately.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'of', 'to', 'in', 'on', 'at', 'by', 'is', 'it', 'or', 'an', 'be', 'as', 'if', 'we', 'my',
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'has', 'had', 'her', 'was', 'one',
  'our', 'out', 'its', 'his', 'how', 'who', 'why', 'what', 'when', 'where', 'which', 'with', 'from', 'into',
  'that', 'this', 'these', 'those', 'then', 'than', 'there', 'their', 'them', 'they', 'have', 'will', 'would',
  'should', 'could', 'been', 'being', 'does', 'doing', 'done', 'each', 'also', 'only', 'such', 'some', 'more',
  'most', 'other', 'over', 'very', 'just', 'about', 'after', 'before', 'use', 'used', 'uses', 'using', 'given',
  'may', 'must', 'get', 'set', 'via', 'per', 'etc', 'e.g', 'i.e', 'see', 'returns', 'todo', 'fixme', 'note',
  // keywords and common type names
  'function', 'func', 'fn', 'def', 'return', 'const', 'let', 'var', 'self', 'this', 'import', 'export', 'from',
  'class', 'interface', 'type', 'enum', 'struct', 'impl', 'trait', 'public', 'private', 'protected', 'static',
  'final', 'abstract', 'override', 'readonly', 'void', 'new', 'delete', 'if', 'else', 'elif', 'for', 'while',
  'do', 'switch', 'case', 'default', 'break', 'continue', 'try', 'catch', 'except', 'finally', 'throw',
  'throws', 'raise', 'async', 'await', 'yield', 'true', 'false', 'null', 'nil', 'none', 'undefined', 'string',
  'str', 'int', 'integer', 'number', 'bool', 'boolean', 'float', 'double', 'long', 'char', 'byte', 'object',
  'any', 'unknown', 'extends', 'implements', 'package', 'module', 'require', 'pass', 'lambda', 'with', 'as',
  'elif', 'typeof', 'instanceof', 'keyof', 'declare', 'namespace', 'println', 'printf', 'args', 'kwargs',
  'param', 'params', 'returns', 'arg', 'val', 'value', 'data',
]);

/** Identifier-aware split into lower-case words (no filtering). */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  // Runs of letters/digits; then split camelCase, PascalCase, acronyms and letter/digit boundaries.
  const runs = text.match(/[\p{L}\p{N}]+/gu);
  if (!runs) return out;
  for (const run of runs) {
    const parts = run.match(/\p{Lu}+(?![\p{Ll}])|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}]+/gu) ?? [run];
    for (const p of parts) out.push(p.toLowerCase());
  }
  return out;
}

/** Words worth counting: split, lower-cased, at least `minLength` characters, not a stop word, not a number. */
export function contentWords(text: string, minLength = 3): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) {
    if (w.length < minLength || STOP_WORDS.has(w) || /^\p{N}+$/u.test(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The distinct words of a query worth highlighting in results, in query order:
 * identifier-split, lower-cased, stop words and 1-character words dropped.
 */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of splitWords(query)) {
    if (w.length < 2 || STOP_WORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/**
 * Where the query terms occur in a line of text, as sorted, non-overlapping [start, end) offsets
 * (case-insensitive; a term matches at the start of a word or of an identifier part, so `file`
 * is found in `readFileSync` but not in `profile`).
 */
export function highlightRanges(text: string, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  if (!text || terms.length === 0) return ranges;
  const lower = text.toLowerCase();
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(t, from);
      if (at < 0) break;
      from = at + 1;
      if (isWordStart(text, at)) ranges.push([at, at + t.length]);
    }
  }
  return mergeRanges(ranges);
}

/** [start, end) ranges sorted and merged where they overlap or touch (sorts `ranges` in place). */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function isWordStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const prev = text[at - 1];
  const cur = text[at];
  if (!/[\p{L}\p{N}]/u.test(prev)) return true;
  // camelCase boundary: lower → Upper, or letter ↔ digit
  if (/\p{Ll}/u.test(prev) && /\p{Lu}/u.test(cur)) return true;
  if (/\p{L}/u.test(prev) !== /\p{L}/u.test(cur)) return true;
  return false;
}
