// The index profile (SEMSEARCH_PROFILE=1, core/pipeline/runProfile.ts): how the model thread's wall clock is
// split into busy, its own work, and the idle stretches before, between and after the jobs.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RunProfile } from '../../src/core/pipeline/runProfile';
import type { JobTiming } from '../../src/core/types';

function job(o: Partial<JobTiming> & { arrivedAt: number; doneAt: number }): JobTiming {
  return { tokenizeMs: 0, tensorMs: 0, runMs: 0, poolMs: 0, batches: 1, firstRunAt: o.arrivedAt, lastRunEnd: o.doneAt, ...o };
}

describe('index profile', () => {
  it('splits the model thread: before the first job, waiting between jobs, after the last, busy', () => {
    const p = new RunProfile(1_000);
    // Arrives 400 ms after the start; 300 ms of work, 250 of it session.run.
    p.job(job({ arrivedAt: 1_400, doneAt: 1_700, runMs: 250, tokenizeMs: 20, tensorMs: 10, poolMs: 15, batches: 3 }));
    // Idle from 1_700 (the session had finished job 1), arrives at 1_760: 60 ms waiting for input.
    p.job(job({ arrivedAt: 1_760, idleFrom: 1_700, doneAt: 2_000, runMs: 200, tokenizeMs: 5, batches: 2 }));
    // Queued while the session was busy: no wait.
    p.job(job({ arrivedAt: 1_900, doneAt: 2_100, runMs: 100 }));
    const m = p.finish(2_500).model;
    assert.equal(m.jobs, 3);
    assert.equal(m.batches, 6);
    assert.equal(m.busyMs, 550);
    assert.equal(m.beforeFirstJobMs, 400);
    assert.equal(m.waitingMs, 60);
    assert.equal(m.afterLastJobMs, 400, 'from the last job done (2_100) to the end');
    assert.equal(m.idleMs, 1_500 - 550);
    const parts = m.busyMs + m.tokenizeMs + m.tensorMs + m.poolMs + m.beforeFirstJobMs + m.waitingMs + m.afterLastJobMs + m.otherMs;
    assert.equal(parts, 1_500, 'the parts add up to the run');
    assert.equal(m.otherMs, 1_500 - 550 - 25 - 10 - 15 - 400 - 60 - 400);
  });

  it('clips an idle stretch that began before the run, and a run without jobs is all idle', () => {
    const p = new RunProfile(5_000);
    p.job(job({ arrivedAt: 5_100, doneAt: 5_200, runMs: 80 }));
    p.job(job({ arrivedAt: 5_300, idleFrom: 4_000, doneAt: 5_400, runMs: 80 }));
    const m = p.finish(5_400).model;
    assert.equal(m.waitingMs, 300, 'counted from the run start, not from 4_000');
    const empty = new RunProfile(0).finish(700);
    assert.equal(empty.model.busyMs, 0);
    assert.equal(empty.model.beforeFirstJobMs, 700);
    assert.equal(empty.model.idleMs, 700);
  });

  it('main-thread stages add up to the total with `other`', () => {
    const p = new RunProfile(0);
    p.addMs('scan', 30);
    p.addMs('chunk', 100);
    p.addMs('embedWait', 500);
    const main = p.finish(1_000).main;
    assert.equal(main.scan + main.chunk + main.embedWait + main.tokenize + main.other + main.load + main.read + main.store + main.save, 1_000);
  });
});
