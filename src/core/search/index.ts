// Search: pure ranking helpers (fusion, overlap collapsing, result filters, query terms).
// No I/O and no model: the facade feeds them the store's candidate lists.
export { collapseOverlaps } from './collapse';
export { CONTENT_TYPES, contentType } from './contentType';
export { createResultFilter, expandGlob, normalizeRelPath } from './filter';
export type { ResultFilter } from './filter';
export { hybridSearch, normalizedScores, standardScores, DEFAULT_SEMANTIC_WEIGHT } from './hybrid';
export type { HybridArgs } from './hybrid';
export { queryTerms, highlightRanges, splitWords, contentWords, STOP_WORDS } from './terms';
