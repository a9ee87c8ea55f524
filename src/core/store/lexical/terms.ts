// What the lexical index counts as terms, for documents and queries alike: identifiers whole *and* in parts,
// lower-cased, English endings removed (Porter2), stop words dropped.
import stem = require('wink-porter2-stemmer');

/**
 * English function words and question words: they say how a query is asked, not what it is about ("where are
 * headers merged"), and in documents they only fill postings. Code keywords are left in: they are rare in queries.
 */
export const LEXICAL_STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been being but by can could did do does doing done for from had has have how i if in into ' +
    'is it its me my of on or our over so some such than that the their them then there these they this those to ' +
    'too very was we were what when where which while who whom whose why will with would you your').split(' '),
);

const SIMPLE_WORD = /^(?:[a-z]+|[0-9]+)$/;
const MAX_TERM = 64;

const stemCache = new Map<string, string>();
/** Porter2 stem of a lower-case word, cached (a code base repeats its vocabulary; the stemmer costs ~5 µs a call). */
export function stemWord(w: string): string {
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  let s = stemCache.get(w);
  if (s === undefined) {
    if (stemCache.size >= 200_000) stemCache.clear();
    s = stem(w);
    stemCache.set(w, s);
  }
  return s;
}

/** Identifier parts: camelCase humps, acronyms, underscores, `$` and letter/digit boundaries, lower-cased. */
export function identifierParts(word: string): string[] {
  return ASCII_WORD.test(word) ? asciiIdentifierParts(word) : unicodeIdentifierParts(word);
}

/** The parts by four Unicode replacements: any word (non-ASCII words take this path; the tests check the ASCII one against it). */
export function unicodeIdentifierParts(word: string): string[] {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/[\s_$]+/)
    .filter((p) => p.length > 0)
    .map((p) => p.toLowerCase());
}

const ASCII_WORD = /^[A-Za-z0-9_$]+$/;
const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const SEPARATOR = 4;
function asciiClass(c: number): number {
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  return SEPARATOR;
}

/**
 * The same parts as the four replacements above, for the ASCII words that are nearly all of code, without them
 * (a third of an index run's lexical work): a part ends before an upper-case letter that follows a lower-case letter
 * or digit, before the last capital of an acronym followed by a lower-case letter (`HTMLParser`), and where letters
 * and digits meet.
 */
function asciiIdentifierParts(word: string): string[] {
  const out: string[] = [];
  let start = -1;
  let prev = SEPARATOR;
  for (let i = 0; i <= word.length; i++) {
    const cls = i < word.length ? asciiClass(word.charCodeAt(i)) : SEPARATOR;
    let cut = cls === SEPARATOR;
    if (!cut && start >= 0) {
      if (cls === UPPER) cut = prev === LOWER || prev === DIGIT || (prev === UPPER && i + 1 < word.length && asciiClass(word.charCodeAt(i + 1)) === LOWER);
      else cut = (cls === DIGIT) !== (prev === DIGIT);
    }
    if (cut && start >= 0) {
      out.push(word.slice(start, i).toLowerCase());
      start = -1;
    }
    if (cls !== SEPARATOR && start < 0) start = i;
    prev = cls;
  }
  return out;
}

/**
 * Splits text into raw lower-case terms: each word's identifier parts, plus the whole identifier when it has
 * several parts (`readFileSync` → read, file, sync, readfilesync), so an exact identifier query ranks first.
 * No stemming, no stop words: see {@link indexTerms}.
 */
export function splitTerms(text: string): string[] {
  const out: string[] = [];
  const words = text.match(/[\p{L}\p{N}_$]+/gu);
  if (!words) return out;
  for (const word of words) {
    if (SIMPLE_WORD.test(word)) {
      if (word.length <= MAX_TERM) out.push(word);
      continue;
    }
    const parts = identifierParts(word);
    for (const p of parts) if (p.length <= MAX_TERM) out.push(p);
    if (parts.length > 1) {
      const whole = parts.join('');
      if (whole.length <= MAX_TERM) out.push(whole);
    }
  }
  return out;
}

/** Terms as indexed and searched: {@link splitTerms}, stop words dropped, single words stemmed. */
export function indexTerms(text: string, stemming = true): string[] {
  const out: string[] = [];
  for (const t of splitTerms(text)) {
    if (LEXICAL_STOP_WORDS.has(t)) continue;
    out.push(stemming ? stemWord(t) : t);
  }
  return out;
}

/**
 * The exact-name term of a definition's name: lower case, separators dropped (`say_status`, `sayStatus` →
 * `=saystatus`). The symbol field holds one per name, so "which chunk defines X" is one posting list.
 */
export function exactNameTerm(name: string): string | undefined {
  const n = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return n && n.length <= MAX_TERM ? `=${n}` : undefined;
}

/** Identifier-like words of a query, as exact-name terms (`JsonObject`, `read_file`, `Foo.bar` → `=bar` and `=foobar`). */
export function queryNameTerms(query: string): string[] {
  const out = new Set<string>();
  for (const word of query.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
    if (LEXICAL_STOP_WORDS.has(word.toLowerCase())) continue;
    const t = exactNameTerm(word);
    if (t) out.add(t);
  }
  return [...out];
}
