// First sentence of a doc comment or paragraph, cleaned into a natural-language query.

/** Collapse whitespace, drop inline markup ({@link X} → X, `code` → code, [text](url) → text). */
export function cleanProse(text: string): string {
  return text
    .replace(/\{@(?:link|linkcode|linkplain)\s+([^}|\s]+)(?:[\s|]+([^}]*))?\}/g, (_m, a: string, b?: string) => (b ? b : a))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]+/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** End offset (exclusive) of the first sentence of `text`, within its first paragraph. */
export function firstSentenceEnd(text: string): number {
  const para = text.search(/\n[ \t]*\n/);
  const limit = para >= 0 ? para : text.length;
  const re = /[.!?](?=\s|$)/g;
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    const before = text.slice(0, m.index + 1);
    if (/\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|[A-Z])\.$/.test(before)) continue;
    return m.index + 1;
  }
  return limit;
}

/** Cleaned query text, or '' when unusable: fewer than 4 words, or more than 60. */
export function toQuery(sentence: string): string {
  const q = cleanProse(sentence);
  const words = q.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  if (words.length < 4 || words.length > 60) return '';
  return q;
}

export function firstSentence(text: string): string {
  return toQuery(text.slice(0, firstSentenceEnd(text)));
}
