// Switches that turn one chunking or ranking rule off, so a benchmark can measure what each rule is worth
// (an ablation row: the rule off, everything else on). Products never set them; the CLI reads them from the
// SEMSEARCH_ABLATE environment variable (a comma-separated list of names) for `npm run bench:quality`.

export interface AblationSwitch {
  /** Stable name, used in SEMSEARCH_ABLATE and in BENCHMARKS.md's ablation table. */
  name: string;
  /** 'index': the chunker or the lexical index changes, so the index must be rebuilt; 'query': only ranking. */
  stage: 'index' | 'query';
  /** What the rule does, for the ablation table. */
  what: string;
}

/** Every rule that can be switched off. The list grows with the rules; each entry has a benchmark row. */
export const ABLATIONS: readonly AblationSwitch[] = [
  { name: 'chunk-context-header', stage: 'index', what: "definitions carry their signature in the embedded text's header, fragments it and members their container in the lexical text" },
  { name: 'lexical-raw-identifiers', stage: 'index', what: 'the lexical index reads the raw text (whole identifiers and their parts), not the identifier-split embedded text' },
  { name: 'lexical-stemming', stage: 'index', what: 'Porter2 stemming of lexical terms (merged ~ merge)' },
  { name: 'rank-all', stage: 'query', what: 'the whole ranking stage (only the fusion of the two lists stays)' },
  { name: 'rank-definition', stage: 'query', what: 'for a bare identifier, chunks that define it go up (x1.5 when the file is named after it), found beyond both lists' },
  { name: 'rank-path', stage: 'query', what: 'query words in the file name or folder raise the file' },
  { name: 'rank-demotion', stage: 'query', what: 'tests, examples, fixtures, vendored/generated code, old versions, changelogs, licences, stubs and imports go down' },
  { name: 'rank-code-over-docs', stage: 'query', what: 'prose documentation ranks below code unless the query is about usage or docs' },
  { name: 'rank-duplicates', stage: 'query', what: 'a chunk whose identical text was already listed (another file) is left out' },
];

export type Ablated = ReadonlySet<string>;

/** Parses `a,b , c` into the set of known switch names; unknown names are an error (a typo must not pass as a result). */
export function parseAblations(spec: string | undefined): Ablated {
  const out = new Set<string>();
  if (!spec) return out;
  const known = new Set(ABLATIONS.map((a) => a.name));
  for (const raw of spec.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    if (!known.has(name)) throw new Error(`Unknown ablation switch "${name}" (known: ${[...known].join(', ') || 'none'})`);
    out.add(name);
  }
  return out;
}
