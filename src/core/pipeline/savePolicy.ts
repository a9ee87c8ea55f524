// When a long index run persists its progress: after enough new vectors or enough time, whichever comes
// first, so a run that keeps getting killed (OOM, window reloads) still moves forward. A save rewrites the
// whole index, so the gap after a save is at least `costFactor` × what that save took: saving stays a
// small share of the run however large the index grows.

export interface SavePolicyOptions {
  everyChunks: number;
  everyMs: number;
  /** Time between saves ≥ costFactor × the last save's duration (10 → saving is at most ~10 % of the run). */
  costFactor: number;
}

export const DEFAULT_SAVE_POLICY: SavePolicyOptions = { everyChunks: 2_000, everyMs: 15_000, costFactor: 10 };

export class SavePolicy {
  private lastSaveEnd: number;
  private lastSaveMs = 0;
  private embeddedAtSave = 0;

  constructor(
    private readonly o: SavePolicyOptions = DEFAULT_SAVE_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSaveEnd = now();
  }

  /** `embedded`: vectors computed so far in this run. */
  due(embedded: number): boolean {
    const since = this.now() - this.lastSaveEnd;
    if (since < this.o.costFactor * this.lastSaveMs) return false;
    return embedded - this.embeddedAtSave >= this.o.everyChunks || since >= this.o.everyMs;
  }

  /** Call around each save with the count at its start; the policy learns what a save costs. */
  saved(embedded: number, startedAt: number): void {
    const end = this.now();
    this.lastSaveMs = end - startedAt;
    this.lastSaveEnd = end;
    this.embeddedAtSave = embedded;
  }
}
