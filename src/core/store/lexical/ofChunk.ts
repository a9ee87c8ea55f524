// What of a chunk goes to the lexical index, in one place: the indexer, the chunking worker (which finds the terms
// off the main thread) and the workspace evaluation must agree on it.
import { lexicalTerms, type LexicalFields } from './index';
import type { Chunk, LexicalTerms } from '../../types';

/** How the chunks' terms are found: the lexical index's options and what its body field holds. */
export interface LexicalSettings {
  stemming: boolean;
  fields: boolean;
  /** The body is the raw text (whole identifiers and their parts); false: the identifier-split embedded text. */
  rawText: boolean;
}

/** Whole identifiers and their parts, by field (the lexical index splits; the embedded text is split already). */
export function lexicalFieldsOf(c: Chunk, rawText: boolean): LexicalFields {
  return { symbol: c.names.join(' '), path: c.path, body: rawText ? (c.context ? `${c.context}\n${c.text}` : c.text) : c.embedText };
}

export function lexicalTermsOf(c: Chunk, s: LexicalSettings): LexicalTerms {
  return lexicalTerms(lexicalFieldsOf(c, s.rawText), { stemming: s.stemming, fields: s.fields });
}
