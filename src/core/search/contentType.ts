// What a result is for the search filters "code / docs / tests", decided from its path (the same file roles the
// ranking stage uses) and its language: tests and fixtures are tests, prose is docs, everything else is code.
import { fileRole } from './rank/fileRole';
import type { ContentType } from '../types';

export const CONTENT_TYPES: readonly ContentType[] = ['code', 'docs', 'tests'];

/** Languages the chunker reads as prose (headings, paragraphs, line windows). */
const PROSE_LANGUAGES = new Set(['markdown', 'text', 'plaintext', 'restructuredtext', 'asciidoc']);

/** `path`: relative, forward slashes. */
export function contentType(path: string, language: string): ContentType {
  const role = fileRole(path);
  if (role === 'test' || role === 'fixture') return 'tests';
  if (PROSE_LANGUAGES.has(language.toLowerCase()) || role === 'docs' || role === 'changelog' || role === 'legal') return 'docs';
  return 'code';
}
