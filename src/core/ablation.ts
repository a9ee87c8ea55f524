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
export const ABLATIONS: readonly AblationSwitch[] = [];

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
