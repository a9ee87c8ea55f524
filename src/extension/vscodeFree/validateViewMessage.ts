// Validation of messages from the Semantic Search view's webview (untrusted, like the panel's): known types only,
// bounded strings, known modes, content types and languages, sane lines, files inside a workspace folder.
import type { FromSearchView, SearchFilters, SearchModeName, ViewPersistedState } from '../../shared/messages';
import { CONTENT_TYPE_NAMES, FILTER_LANGUAGES, NO_FILTERS, SEARCH_MODES } from '../../shared/messages';
import { checkRange, isRecord, onlyKeys } from './validateWebviewMessage';

export type ViewValidation = { ok: true; message: FromSearchView } | { ok: false; reason: string };

const MAX_QUERY = 1000;
const MAX_GLOBS = 1000;
const MAX_NAME = 500;

function checkFilters(f: unknown): string | undefined {
  if (!isRecord(f)) return 'filters must be an object';
  const extra = onlyKeys(f, ['contentTypes', 'language', 'include', 'exclude']);
  if (extra) return `filters: ${extra}`;
  if (!Array.isArray(f.contentTypes) || f.contentTypes.length > CONTENT_TYPE_NAMES.length) return 'filters.contentTypes must be a short list';
  if (!f.contentTypes.every((t) => CONTENT_TYPE_NAMES.includes(t as never))) return 'filters.contentTypes: unknown content type';
  if (typeof f.language !== 'string' || (f.language !== '' && !FILTER_LANGUAGES.some((l) => l.id === f.language))) return 'filters.language: unknown language';
  for (const key of ['include', 'exclude'] as const) {
    if (typeof f[key] !== 'string' || (f[key] as string).length > MAX_GLOBS) return `filters.${key} must be a string of at most ${MAX_GLOBS} characters`;
  }
  return undefined;
}

function checkSeq(seq: unknown): string | undefined {
  return Number.isSafeInteger(seq) && (seq as number) >= 0 ? undefined : 'seq must be a non-negative integer';
}

export function validateViewMessage(raw: unknown, roots: readonly string[]): ViewValidation {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not a message object' };
  const m = raw;
  let problem: string | undefined;
  switch (m.type) {
    case 'ready':
      problem = onlyKeys(m, ['type']);
      break;
    case 'viewSearch':
      problem =
        onlyKeys(m, ['type', 'seq', 'query', 'mode', 'filters', 'filtersOpen']) ??
        checkSeq(m.seq) ??
        (typeof m.query !== 'string' || m.query.length > MAX_QUERY ? `query must be a string of at most ${MAX_QUERY} characters` : undefined) ??
        (!SEARCH_MODES.includes(m.mode as SearchModeName) ? 'unknown mode' : undefined) ??
        (typeof m.filtersOpen !== 'boolean' ? 'filtersOpen must be a boolean' : undefined) ??
        checkFilters(m.filters);
      break;
    case 'open':
      problem = onlyKeys(m, ['type', 'file', 'startLine', 'endLine']) ?? checkRange(m, roots);
      break;
    case 'findSimilar':
      problem =
        onlyKeys(m, ['type', 'seq', 'file', 'startLine', 'endLine', 'name']) ??
        checkSeq(m.seq) ??
        checkRange(m, roots) ??
        (typeof m.name !== 'string' || m.name.length > MAX_NAME ? 'name must be a short string' : undefined);
      break;
    default:
      return { ok: false, reason: 'unknown message type' };
  }
  return problem ? { ok: false, reason: `${String(m.type).slice(0, 40)}: ${problem}` } : { ok: true, message: m as unknown as FromSearchView };
}

/** Globs typed as "a, b" (commas or new lines) → the list the engine takes. */
export function splitGlobs(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((g) => g.trim())
    .filter(Boolean);
}

/** The view's filters as engine search options (nothing for a filter left empty). */
export function filterOptions(f: SearchFilters): { include?: string[]; exclude?: string[]; languages?: string[]; contentTypes?: SearchFilters['contentTypes'] } {
  const include = splitGlobs(f.include);
  const exclude = splitGlobs(f.exclude);
  return {
    ...(include.length ? { include } : {}),
    ...(exclude.length ? { exclude } : {}),
    ...(f.language ? { languages: [f.language] } : {}),
    ...(f.contentTypes.length ? { contentTypes: [...f.contentTypes] } : {}),
  };
}

/** State read back from storage: keep only what is understood, else the defaults. */
export function sanitizeViewState(raw: unknown, roots: readonly string[]): ViewPersistedState {
  const s = isRecord(raw) ? raw : {};
  const filters = checkFilters(s.filters) === undefined ? (s.filters as unknown as SearchFilters) : NO_FILTERS;
  const similar = isRecord(s.similar) && checkRange(s.similar, roots) === undefined && typeof s.similar.path === 'string' && typeof s.similar.name === 'string'
    ? { file: s.similar.file as string, path: s.similar.path, startLine: s.similar.startLine as number, endLine: s.similar.endLine as number, name: s.similar.name.slice(0, MAX_NAME) }
    : undefined;
  return {
    query: typeof s.query === 'string' ? s.query.slice(0, MAX_QUERY) : '',
    mode: SEARCH_MODES.includes(s.mode as SearchModeName) ? (s.mode as SearchModeName) : 'hybrid',
    filters: { contentTypes: [...filters.contentTypes], language: filters.language, include: filters.include, exclude: filters.exclude },
    filtersOpen: s.filtersOpen === true,
    ...(similar ? { similar } : {}),
  };
}
