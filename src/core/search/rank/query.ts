// What a query asks for: a bare identifier (symbol lookup) or a sentence (natural language), and its content words.
import { identifierParts, LEXICAL_STOP_WORDS } from '../../store/lexical/terms';

export interface QueryInfo {
  text: string;
  /** A bare (possibly qualified) identifier: `JsonObject`, `parse_args`, `Sinatra::Base`, `Foo.bar`, `_private`. */
  symbol: boolean;
  /** Names to look up as definitions: the last segment of a symbol query (`Sinatra::Base` → `Base`). */
  names: string[];
  /** Lower-case content words (stop words and 1–2 letter words dropped), identifiers split into parts. */
  words: string[];
}

const QUALIFIED = /^[A-Za-z_$][\w$]*(?:(?:::|\\|->|\.|#)[A-Za-z_$][\w$]*)+$/;
const IDENTIFIER_LIKE = /^(?:_[\w$]*|[A-Za-z$][\w$]*[A-Z_$][\w$]*|[A-Z][\w$]*)$/;

export function analyzeQuery(query: string): QueryInfo {
  const text = query.trim();
  const symbol = text.length > 0 && !/\s/.test(text) && (QUALIFIED.test(text) || IDENTIFIER_LIKE.test(text));
  const names = symbol ? [text.split(/::|\\|->|\.|#/).pop()!] : [];
  const words: string[] = [];
  for (const raw of text.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
    for (const p of identifierParts(raw)) if (p.length > 2 && !LEXICAL_STOP_WORDS.has(p) && !words.includes(p)) words.push(p);
  }
  return { text, symbol, names, words };
}
