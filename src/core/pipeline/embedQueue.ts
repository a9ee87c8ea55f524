// Feeds chunks that need vectors to the embedder in groups, double-buffered: while one group
// runs in the embedding worker, the caller keeps reading and chunking the next files.
import type { Embedder } from '../embed/types';
import type { IndexStore } from '../store/types';
import { epochMs } from '../embed/profiling';
import type { RunProfile } from './runProfile';

export interface PendingChunk {
  id: number;
  path: string;
  text: string;
  /** The text's word pieces, when the chunker counted them (the session then does not tokenize it again). */
  tokenIds?: Int32Array;
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
    /** SEMSEARCH_PROFILE=1: job timings, vector stores and the waits for the worker go here. */
    private readonly profile?: RunProfile,
  ) {}

  /** Store time spent in run() (profiling: taken out of the wait it happened in). */
  private storeMs = 0;

  /** Awaits `p`; profiling: the time counts as waiting for the embedder, less the stores that ran meanwhile. */
  private async waitFor(p: Promise<void>): Promise<void> {
    if (!this.profile) return p;
    const t0 = epochMs();
    const s0 = this.storeMs;
    try {
      await p;
    } finally {
      this.profile.addMs('embedWait', epochMs() - t0 - (this.storeMs - s0));
    }
  }

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
    await this.waitFor(this.inflight);
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
    await this.waitFor(this.inflight); // at most one group in the worker, one being prepared here
    this.inflight = this.run(group);
    // Surface errors of this group at the next await; avoid an unhandled rejection meanwhile.
    this.inflight.catch(() => undefined);
  }

  private async run(group: PendingChunk[]): Promise<void> {
    if (this.signal?.aborted) return;
    const { vectors, tokens, timing } = await this.embedder.embed(
      group.map((c) => c.text),
      { signal: this.signal, tokenIds: group.map((c) => c.tokenIds) },
    );
    const t0 = this.profile ? epochMs() : 0;
    if (timing) this.profile?.job(timing);
    for (let i = 0; i < group.length; i++) {
      const chunk = group[i];
      // The file may have changed again or been removed while this group was in flight.
      if (this.store.getChunk(chunk.id)) this.store.setVector(chunk.id, vectors[i]);
      const left = (this.outstanding.get(chunk.path) ?? 1) - 1;
      if (left <= 0) this.outstanding.delete(chunk.path);
      else this.outstanding.set(chunk.path, left);
    }
    if (this.profile) {
      const ms = epochMs() - t0;
      this.storeMs += ms;
      this.profile.addMs('store', ms);
    }
    this.embedded += group.length;
    this.tokens += tokens;
    this.onGroupDone();
  }
}
