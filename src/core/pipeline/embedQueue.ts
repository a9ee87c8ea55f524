// Feeds chunks that need vectors to the embedder in groups: up to two groups wait in the embedding worker
// (so it starts the next as soon as one ends, without a round trip through this thread), while the caller
// keeps reading and chunking the next files.
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

/** Groups in the embedding worker at once: the one running and the next, already there when it ends. */
const IN_FLIGHT = 2;
/** The smallest group launched early, when the embedder is idle (smaller groups sort and batch worse). */
const EARLY_GROUP = 32;

export class EmbedQueue {
  embedded = 0;
  tokens = 0;
  private pending: PendingChunk[] = [];
  /** Groups handed to the embedder and not yet stored, oldest first (at most IN_FLIGHT). */
  private inflight: Promise<void>[] = [];
  /** The first error of a group: the queue is dead after it (the caller rolls the run back). */
  private failure: { error: unknown } | undefined;
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

  /**
   * Queue chunks; launch a full group, or a smaller one (at least EARLY_GROUP) when the embedder has nothing
   * to do (the first group of a run, or chunking fell behind): the model never waits for a whole group.
   */
  async push(chunks: PendingChunk[]): Promise<void> {
    for (const c of chunks) {
      this.pending.push(c);
      this.outstanding.set(c.path, (this.outstanding.get(c.path) ?? 0) + 1);
    }
    while (this.pending.length >= this.groupSize) await this.launch(this.pending.splice(0, this.groupSize));
    if (this.inflight.length === 0 && this.pending.length >= Math.min(EARLY_GROUP, this.groupSize)) await this.launch(this.pending.splice(0));
  }

  /** Embed everything queued and wait until it is stored. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.launch(this.pending.splice(0, this.groupSize));
    while (this.inflight.length > 0) await this.waitFor(this.inflight[0]);
    this.throwIfFailed();
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
    // At most IN_FLIGHT groups in the worker; one more is being prepared here.
    while (this.inflight.length >= IN_FLIGHT) await this.waitFor(this.inflight[0]);
    this.throwIfFailed();
    // The list holds a promise that never rejects; a group's error is kept and thrown at the next launch or
    // drain, after the groups before it have settled (so incompletePaths() is exact when the caller rolls back).
    const p: Promise<void> = this.run(group).then(
      () => this.settled(p),
      (e: unknown) => {
        this.failure ??= { error: e };
        this.settled(p);
      },
    );
    this.inflight.push(p);
  }

  private settled(p: Promise<void>): void {
    const i = this.inflight.indexOf(p);
    if (i >= 0) this.inflight.splice(i, 1);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
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
