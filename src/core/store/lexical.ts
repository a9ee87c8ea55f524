// Lexical index: BM25 (MiniSearch's BM25+) over identifier-split, lowercased terms.
import MiniSearch from 'minisearch';
import type { ScoredId } from './types';

/**
 * Split text into lowercase search terms. Identifiers are split at camelCase humps, acronym
 * boundaries, underscores and digit runs (`readFileSync` → read, file, sync; `HTMLParser2` →
 * html, parser, 2); a compound identifier also keeps its whole lowercase form (`readfilesync`)
 * so an exact identifier query ranks first. Used for documents and queries alike.
 */
export function splitTerms(text: string): string[] {
  const out: string[] = [];
  const words = text.match(/[\p{L}\p{N}_$]+/gu);
  if (!words) return out;
  for (const word of words) {
    const parts = word
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .replace(/(\p{L})(\p{N})/gu, '$1 $2')
      .replace(/(\p{N})(\p{L})/gu, '$1 $2')
      .split(/[\s_$]+/)
      .filter((p) => p.length > 0)
      .map((p) => p.toLowerCase());
    for (const p of parts) out.push(p);
    if (parts.length > 1) {
      const whole = parts.join('');
      if (whole.length <= 64) out.push(whole);
    }
  }
  return out;
}

interface Doc {
  id: number;
  text: string;
}

const OPTIONS = {
  idField: 'id',
  fields: ['text'],
  storeFields: [] as string[],
  tokenize: splitTerms,
  processTerm: (t: string) => t,
  searchOptions: { prefix: false, fuzzy: false, combineWith: 'OR' as const },
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.2, batchSize: 2000, batchWait: 10 },
};

export class LexicalIndex {
  private ms: MiniSearch<Doc>;

  constructor(ms?: MiniSearch<Doc>) {
    this.ms = ms ?? new MiniSearch<Doc>(OPTIONS);
  }

  get size(): number {
    return this.ms.documentCount;
  }

  has(id: number): boolean {
    return this.ms.has(id);
  }

  add(id: number, text: string): void {
    if (this.ms.has(id)) this.ms.discard(id);
    this.ms.add({ id, text });
  }

  remove(id: number): void {
    if (this.ms.has(id)) this.ms.discard(id);
  }

  search(query: string, k: number, filter?: (id: number) => boolean): ScoredId[] {
    if (k <= 0 || !query.trim()) return [];
    const results = this.ms.search(query, filter ? { filter: (r) => filter(r.id as number) } : undefined);
    const out: ScoredId[] = [];
    for (let i = 0; i < results.length && out.length < k; i++) out.push({ id: results[i].id as number, score: results[i].score });
    return out;
  }

  toJSON(): string {
    return JSON.stringify(this.ms);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<Doc>(json, OPTIONS));
  }
}
