// Where an index run's time goes, when SEMSEARCH_PROFILE=1: stage timers on the main thread (scan, read,
// chunk, tokenize, store, save, waiting for the embedder; with a chunking worker `chunk` is the wait for files
// read and chunked ahead, and read and tokenize stay 0) and, per embedding job, the model's busy time and
// what its thread did or waited for otherwise (timed in the thread that owns the session, sent back with the
// job's vectors). The result is IndexSummary.profile.
import { epochMs, mainThreadTokenize } from '../embed/profiling';
import type { IndexProfile, JobTiming, MainStage } from '../types';

/** Accumulates one index run. */
export class RunProfile {
  constructor(readonly started = epochMs()) {}
  private readonly main: Record<MainStage, number> = { scan: 0, load: 0, read: 0, chunk: 0, store: 0, save: 0, embedWait: 0 };
  private readonly tokenizeAtStart = mainThreadTokenize.ms;
  private readonly jobs: JobTiming[] = [];

  /** Adds the time since `sinceEpochMs` (an epochMs() reading) to `stage`; returns now. */
  add(stage: MainStage, sinceEpochMs: number): number {
    const now = epochMs();
    this.main[stage] += now - sinceEpochMs;
    return now;
  }

  addMs(stage: MainStage, ms: number): void {
    this.main[stage] += ms;
  }

  job(t: JobTiming): void {
    this.jobs.push(t);
  }

  finish(end = epochMs()): IndexProfile {
    const total = end - this.started;
    const tokenize = mainThreadTokenize.ms - this.tokenizeAtStart;
    const mainSum = Object.values(this.main).reduce((s, x) => s + x, 0);
    const main = { ...this.main, chunk: this.main.chunk - tokenize, tokenize, other: total - mainSum };
    const jobs = [...this.jobs].sort((a, b) => a.arrivedAt - b.arrivedAt);
    const sum = (f: (t: JobTiming) => number): number => jobs.reduce((s, t) => s + f(t), 0);
    const busy = sum((t) => t.runMs);
    const tok = sum((t) => t.tokenizeMs);
    const tensor = sum((t) => t.tensorMs);
    const pool = sum((t) => t.poolMs);
    const before = jobs.length ? Math.max(0, jobs[0].arrivedAt - this.started) : total;
    const after = jobs.length ? Math.max(0, end - Math.max(...jobs.map((t) => t.doneAt))) : 0;
    // Idle stretches that ended with a job's arrival, clipped to this run (the first job's is `before`).
    const waiting = jobs.slice(1).reduce((s, t) => s + (t.idleFrom !== undefined ? Math.max(0, t.arrivedAt - Math.max(t.idleFrom, this.started)) : 0), 0);
    const r = (x: number): number => Math.round(x);
    const roundAll = <K extends string>(o: Record<K, number>): Record<K, number> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r(v as number)])) as Record<K, number>;
    return {
      totalMs: r(total),
      main: roundAll(main),
      model: {
        jobs: jobs.length,
        batches: sum((t) => t.batches),
        busyMs: r(busy),
        tokenizeMs: r(tok),
        tensorMs: r(tensor),
        poolMs: r(pool),
        beforeFirstJobMs: r(before),
        waitingMs: r(waiting),
        afterLastJobMs: r(after),
        otherMs: r(total - busy - tok - tensor - pool - before - waiting - after),
        idleMs: r(total - busy),
      },
    };
  }
}
