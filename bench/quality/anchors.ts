// Anchors on the same data: retrieval over "oracle chunks" (whole functions / whole sections),
// BM25 from MiniSearch and dense retrieval with the engine's own embedder, so the report shows
// what the engine's chunking and fusion gain or lose against ideal chunk boundaries.
import MiniSearch from 'minisearch';
import type { OracleChunk, Target } from './dataset';
import { splitIdentifiers, terms } from './identifiers';
import type { Ranged } from './metrics';

/** What an anchor indexes for a chunk: its file path (as the engine adds path words) and its text. */
function docText(c: OracleChunk): string {
  return `${c.path.replace(/[/._-]+/g, ' ')}\n${c.text}`;
}

export function bm25Oracle(chunks: OracleChunk[], targets: Target[], k = 10): Map<string, Ranged[]> {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize: (s) => terms(s),
    processTerm: (t) => (t.length > 1 ? t : null),
  });
  ms.addAll(chunks.map((c, id) => ({ id, text: docText(c) })));
  const out = new Map<string, Ranged[]>();
  for (const t of targets) {
    const hits = ms.search(t.query, { combineWith: 'OR', prefix: false, fuzzy: false }).slice(0, k);
    out.set(
      t.id,
      hits.map((h) => chunks[h.id as number]),
    );
  }
  return out;
}

/** The subset of the engine's Embedder the dense anchor uses. */
export interface AnchorEmbedder {
  embed(texts: string[]): Promise<{ vectors: Float32Array[] }>;
  embedQuery(text: string): Promise<Float32Array>;
}

export async function denseOracle(embedder: AnchorEmbedder, chunks: OracleChunk[], targets: Target[], k = 10): Promise<Map<string, Ranged[]>> {
  // Same text treatment as BM25: identifiers split (the engine embeds split identifiers too).
  const { vectors } = await embedder.embed(chunks.map((c) => splitIdentifiers(docText(c))));
  const out = new Map<string, Ranged[]>();
  for (const t of targets) {
    const q = await embedder.embedQuery(t.query);
    const scored = vectors.map((v, i) => {
      let s = 0;
      for (let d = 0; d < v.length; d++) s += v[d] * q[d];
      return { i, s };
    });
    scored.sort((a, b) => b.s - a.s);
    out.set(
      t.id,
      scored.slice(0, k).map((x) => chunks[x.i]),
    );
  }
  return out;
}
