// What a query asks for: a bare identifier (symbol lookup) or a sentence (natural language), the identifiers
// embedded in a sentence, and its content words.
import { identifierParts, LEXICAL_STOP_WORDS } from '../../store/lexical/terms';

export interface QueryInfo {
  text: string;
  /** A bare (possibly qualified) identifier: `JsonObject`, `parse_args`, `Sinatra::Base`, `Foo.bar`, `_private`. */
  symbol: boolean;
  /** Names to look up as definitions: for a symbol query its last segment (and the whole); camelCase, PascalCase or snake_case words in a sentence. */
  names: string[];
  /** Lower-case content words (stop words and 1–2 letter words dropped), identifiers split into parts. */
  words: string[];
}

const QUALIFIED = /^[A-Za-z_$][\w$]*(?:(?:::|\\|->|\.|#)[A-Za-z_$][\w$]*)+$/;
const IDENTIFIER_LIKE = /^(?:_[\w$]*|[A-Za-z$][\w$]*[A-Z_$][\w$]*|[A-Z][\w$]*)$/;
const EMBEDDED = /\b(?:[A-Z][a-z0-9]+[A-Z][\w]*|[a-z][a-z0-9]*[A-Z][\w]*|[a-z][a-z0-9]*_[a-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g;

export function analyzeQuery(query: string): QueryInfo {
  const text = query.trim();
  const symbol = text.length > 0 && !/\s/.test(text) && (QUALIFIED.test(text) || IDENTIFIER_LIKE.test(text));
  const names = new Set<string>();
  if (symbol) {
    const last = text.split(/::|\\|->|\.|#/).pop()!;
    names.add(last);
  } else {
    for (const m of text.match(EMBEDDED) ?? []) names.add(m);
  }
  const words: string[] = [];
  for (const raw of text.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
    for (const p of identifierParts(raw)) if (p.length > 2 && !LEXICAL_STOP_WORDS.has(p) && !words.includes(p)) words.push(p);
  }
  return { text, symbol, names: [...names], words };
}
