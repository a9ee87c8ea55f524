import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type FolderStatus, initialFolderStatus, progressPercent, reduceFolder } from '../../src/extension/vscodeFree/folderState';
import { formatDuration, plainText, statusView } from '../../src/extension/vscodeFree/statusText';

const progress = (chunksEmbedded: number, chunksPending: number, etaMs?: number) =>
  ({ type: 'progress', phase: 'embedding', filesDone: 10, filesTotal: 10, chunksEmbedded, chunksPending, etaMs }) as const;

describe('folder state machine', () => {
  it('starting → indexing → ready with counts', () => {
    let s = initialFolderStatus('/ws');
    assert.equal(s.state, 'starting');
    s = reduceFolder(s, { type: 'started' });
    assert.equal(s.state, 'indexing');
    s = reduceFolder(s, progress(50, 50, 12_000));
    assert.equal(s.progress?.percent, 50);
    s = reduceFolder(s, { type: 'indexed', files: 10, chunks: 100 });
    assert.deepEqual([s.state, s.files, s.chunks, s.progress, s.firstPass], ['ready', 10, 100, undefined, false]);
  });

  it('pause holds through progress and completion; resume returns to the right state', () => {
    let s = reduceFolder(initialFolderStatus('/ws'), { type: 'started' });
    s = reduceFolder(s, { type: 'paused' });
    s = reduceFolder(s, progress(1, 9));
    assert.equal(s.state, 'paused');
    s = reduceFolder(s, { type: 'resumed' });
    assert.equal(s.state, 'indexing');
    s = reduceFolder(s, { type: 'indexed', files: 1, chunks: 2 });
    s = reduceFolder(s, { type: 'paused' });
    s = reduceFolder(s, progress(1, 0)); // e.g. the engine reporting that it paused
    s = reduceFolder(s, { type: 'resumed' });
    assert.equal(s.state, 'ready', 'no pass was running: back to ready, not "indexing"');
  });

  it('estimates the time left from the elapsed time and the percent done', () => {
    let s = reduceFolder(initialFolderStatus('/ws'), { type: 'started', at: 1000 });
    s = reduceFolder(s, { ...progress(25, 75, 999), at: 11_000 }); // 25 % in 10 s
    assert.equal(s.progress?.percent, 25);
    assert.equal(s.progress?.etaMs, 30_000);
    s = reduceFolder(s, { ...progress(1, 99, 5000), at: 12_000 }); // too early to tell: the engine's estimate
    assert.equal(s.progress?.etaMs, 5000);
  });

  it('ignores progress outside a full pass (a quick update keeps "ready")', () => {
    let s = reduceFolder(reduceFolder(initialFolderStatus('/ws'), { type: 'started' }), { type: 'indexed', files: 1, chunks: 1 });
    s = reduceFolder(s, progress(3, 3));
    assert.equal(s.state, 'ready');
    assert.equal(s.progress, undefined);
  });

  it('an error sticks until a new pass starts, and ignores late progress', () => {
    let s = reduceFolder(initialFolderStatus('/ws'), { type: 'failed', message: 'no model' });
    assert.equal(s.state, 'error');
    s = reduceFolder(s, progress(5, 5));
    assert.equal(s.state, 'error');
    s = reduceFolder(s, { type: 'paused' });
    assert.equal(s.state, 'error');
    s = reduceFolder(s, { type: 'started' });
    assert.equal(s.state, 'indexing');
    assert.equal(s.message, undefined);
  });

  it('percent: embedded share of the chunks expected for all files; 100 only when idle', () => {
    const p = (filesDone: number, filesTotal: number, chunksEmbedded: number, chunksPending: number, phase = 'embedding') =>
      progressPercent({ phase, filesDone, filesTotal, chunksEmbedded, chunksPending });
    assert.equal(p(0, 0, 0, 0, 'scanning'), 0);
    assert.equal(p(5, 10, 0, 0, 'chunking'), 50, 'nothing to embed (reused): file ratio');
    assert.equal(p(95, 100, 10, 90), 9, 'files read far ahead of the model do not count as done');
    assert.equal(p(50, 100, 40, 10), 40);
    assert.equal(p(100, 100, 100, 0, 'saving'), 99, 'a periodic save is not the end');
    assert.equal(p(100, 100, 100, 0, 'idle'), 100);
  });
});

describe('status bar text', () => {
  const folder = (patch: Partial<FolderStatus>): FolderStatus => ({ ...initialFolderStatus('/ws/a'), ...patch });

  it('shows ready with the chunk total across folders', () => {
    const v = statusView([folder({ state: 'ready', chunks: 1200 }), folder({ folder: '/ws/b', state: 'ready', chunks: 34 })]);
    assert.equal(v.kind, 'ready');
    assert.equal(plainText(v.text), 'Ready, 1,234 chunks');
  });

  it('shows indexing percent with an ETA; indexing outranks ready', () => {
    const v = statusView([folder({ state: 'ready', chunks: 5 }), folder({ state: 'indexing', progress: { percent: 42, etaMs: 65_000 } })]);
    assert.equal(plainText(v.text), 'Indexing 42% · 1m 5s left');
  });

  it('error outranks everything; paused and starting have their own text', () => {
    assert.equal(statusView([folder({ state: 'indexing' }), folder({ state: 'error', message: 'x' })]).kind, 'error');
    assert.match(statusView([folder({ state: 'error' })]).tooltip, /error/);
    assert.equal(plainText(statusView([folder({ state: 'paused' })]).text), 'Indexing paused');
    assert.equal(statusView([folder({ state: 'starting' })]).kind, 'starting');
    assert.equal(statusView([]).kind, 'disabled');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(400), '1s');
    assert.equal(formatDuration(59_000), '59s');
    assert.equal(formatDuration(3_720_000), '1h 2m');
  });
});
