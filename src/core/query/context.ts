// What the query functions need from an open engine.
import type { Embedder } from '../embed/types';
import type { IndexStore } from '../store/types';
import type { VectorStore } from '../store/vectorStore';

export interface QueryContext {
  root: string;
  /** The local embedded index (Find Similar's stored vectors, the cluster map). */
  store: IndexStore;
  /** What searches ask: the embedded index, or the team snapshot with the local overlay. */
  vectors: VectorStore;
  embedder: () => Promise<Embedder>;
  /** Switched-off rules (benchmark ablations). */
  ablated?: ReadonlySet<string>;
}
