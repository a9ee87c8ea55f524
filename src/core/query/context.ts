// What the query functions need from an open engine.
import type { Embedder } from '../embed/types';
import type { IndexStore } from '../store/types';

export interface QueryContext {
  root: string;
  store: IndexStore;
  embedder: () => Promise<Embedder>;
  /** Switched-off rules (benchmark ablations). */
  ablated?: ReadonlySet<string>;
}
