// When indexing progress shows an ETA (core/pipeline/eta.ts), and the CLI's progress line in words.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ETA_MIN_ELAPSED_MS, ETA_MIN_FRACTION, estimateEtaMs, workFraction } from '../../src/core/pipeline/eta';
import { progressText } from '../../src/cli/progress';
import type { ProgressEvent } from '../../src/core';

describe('ETA rule', () => {
  // The clock starts at the first work done (after the scan and the model load) at 1 % of the run.
  const clock = { startedAt: 10_000, fractionAtStart: 0.01 };

  it('says nothing before the clock starts, or before enough work or time since it', () => {
    assert.equal(estimateEtaMs(undefined, 0.5, 20_000), undefined);
    assert.equal(estimateEtaMs(clock, 0.01 + ETA_MIN_FRACTION / 2, 10_000 + 3 * ETA_MIN_ELAPSED_MS), undefined, 'too little work');
    assert.equal(estimateEtaMs(clock, 0.5, 10_000 + ETA_MIN_ELAPSED_MS / 2), undefined, 'too little time');
  });

  it('extrapolates the rate since the clock started, not since the run started (model load and scan excluded)', () => {
    // 20 % of the work in 2 s → the remaining 79 % in 7.9 s.
    assert.equal(estimateEtaMs(clock, 0.21, 12_000), 7900);
    // 49 % more in 4.9 s → the remaining 50 % in 5 s.
    assert.equal(estimateEtaMs(clock, 0.5, 14_900), 5000);
  });

  it('says nothing once the work is done', () => {
    assert.equal(estimateEtaMs(clock, 1, 30_000), undefined);
  });

  it('counts work as files read scaled by the embedded share of the chunks seen', () => {
    assert.equal(workFraction({ filesDone: 50, filesTotal: 100, chunksEmbedded: 10, chunksPending: 30 }), 0.125);
    assert.equal(workFraction({ filesDone: 50, filesTotal: 100, chunksEmbedded: 0, chunksPending: 0 }), 0.5);
    assert.equal(workFraction({ filesDone: 0, filesTotal: 0, chunksEmbedded: 0, chunksPending: 0 }), 0);
  });
});

describe('CLI progress line', () => {
  const base: ProgressEvent = { phase: 'embedding', filesDone: 120, filesTotal: 1234, chunksEmbedded: 3456, chunksPending: 10, paused: false };

  it('starts with "scanning…" and the files found, never "0/0 files"', () => {
    assert.equal(progressText({ ...base, phase: 'scanning', filesDone: 0, filesTotal: 0, chunksEmbedded: 0 }), 'scanning…');
    assert.equal(progressText({ ...base, phase: 'scanning', filesFound: 1500, filesDone: 0, filesTotal: 0 }), 'scanning… 1,500 files found');
  });

  it('shows counts, and an ETA only when the engine gives one', () => {
    assert.equal(progressText(base), 'indexing 120/1,234 files, 3,456 chunks embedded');
    assert.equal(progressText({ ...base, etaMs: 83_000 }), 'indexing 120/1,234 files, 3,456 chunks embedded, about 1 min 23 s left');
    assert.match(progressText({ ...base, paused: true }), /^paused /);
  });
});
