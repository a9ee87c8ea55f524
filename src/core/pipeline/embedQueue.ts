// Feeds chunks that need vectors to the embedder in groups, double-buffered: while one group
// runs in the embedding worker, the caller keeps reading and chunking the next files.
import type { Embedder } from '../embed/types';
import type { IndexStore } from '../store/types';

export interface PendingChunk {
  id: number;
  path: string;
  text: string;
}

export class EmbedQueue {
  embedded = 0;
  tokens = 0;
  private pending: PendingChunk[] = [];
  private inflight: Promise<void> = Promise.resolve();
  /** Files with chunks queued or in flight: they must not be persisted half-embedded. */
  private outstanding = new Map<string, number>();

  constructor(
    private readonly embedder: Embedder,
    private readonly store: IndexStore,
    private readonly groupSize: number,
    private readonly onGroupDone: () => void,
    private readonly signal?: AbortSignal,
  ) {}

  get queued(): number {
    return this.pending.length;
  }

  /** Queue chunks; when a full group is ready, wait for the previous group and launch this one. */
  async push(chunks: PendingChunk[]): Promise<void> {
    for (const c of chunks) {
      this.pending.push(c);
      this.outstanding.set(c.path, (this.outstanding.get(c.path) ?? 0) + 1);
    }
    while (this.pending.length >= this.groupSize) await this.launch(this.pending.splice(0, this.groupSize));
  }

  /** Embed everything queued and wait until it is stored. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.launch(this.pending.splice(0, this.groupSize));
    await this.inflight;
  }

  /** Paths that still have chunks without vectors (after a cancel or an error). */
  incompletePaths(): string[] {
    return [...this.outstanding.keys()];
  }

  /** Forget queued work (cancel): the caller rolls back incompletePaths(). */
  discardQueued(): void {
    this.pending = [];
  }

  private async launch(group: PendingChunk[]): Promise<void> {
    await this.inflight; // at most one group in the worker, one being prepared here
    this.inflight = this.run(group);
    // Surface errors of this group at the next await; avoid an unhandled rejection meanwhile.
    this.inflight.catch(() => undefined);
  }

  private async run(group: PendingChunk[]): Promise<void> {
    if (this.signal?.aborted) return;
    const { vectors, tokens } = await this.embedder.embed(
      group.map((c) => c.text),
      { signal: this.signal },
    );
    for (let i = 0; i < group.length; i++) {
      const chunk = group[i];
      // The file may have changed again or been removed while this group was in flight.
      if (this.store.getChunk(chunk.id)) this.store.setVector(chunk.id, vectors[i]);
      const left = (this.outstanding.get(chunk.path) ?? 1) - 1;
      if (left <= 0) this.outstanding.delete(chunk.path);
      else this.outstanding.set(chunk.path, left);
    }
    this.embedded += group.length;
    this.tokens += tokens;
    this.onGroupDone();
  }
}
