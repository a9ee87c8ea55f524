import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FolderStatus } from '../../src/extension/vscodeFree/folderState';
import { NOTICE_COMMANDS, anyRunning, plainNotices, searchNotices } from '../../src/extension/vscodeFree/searchNotices';

const base = (over: Partial<FolderStatus>): FolderStatus => ({ folder: '/ws/app', state: 'ready', files: 10, chunks: 40, firstPass: false, running: false, ...over });

describe('search notices (rows above the results)', () => {
  it('a ready index with results says nothing; with none it says nothing matched', () => {
    assert.deepEqual(searchNotices([base({})], 'retry with backoff', 3), []);
    const [n] = searchNotices([base({})], 'retry with backoff', 0);
    assert.match(n.label, /Nothing matched "retry with backoff"/);
  });

  it('building: partial results with the percentage', () => {
    const [n] = searchNotices([base({ state: 'indexing', running: true, progress: { percent: 42 } })], 'x', 2);
    assert.match(n.label, /Index 42% built — results are partial/);
  });

  it('incomplete: N of M files with Resume', () => {
    const [n] = searchNotices([base({ state: 'incomplete', incomplete: { filesDone: 120, filesTotal: 400 } })], 'x', 5);
    assert.match(n.label, /incomplete \(120 of 400 files\) — Resume/);
    assert.equal(n.command, NOTICE_COMMANDS.resume);
  });

  it('damaged: rebuilding, with what was damaged', () => {
    const [n] = searchNotices([base({ state: 'indexing', running: true, problem: 'vectors.3.usearch: its checksum does not match' })], 'x', 0);
    assert.match(n.label, /was damaged — rebuilding/);
    assert.match(n.detail ?? '', /checksum/);
  });

  it('model missing: Set Model Path opens that setting; other errors: Show Index Status', () => {
    const notices = searchNotices(
      [base({ state: 'error', errorCode: 'MODEL_NOT_FOUND', message: 'No complete embedding model found', chunks: 0 }), base({ folder: '/ws/b', state: 'error', message: 'EACCES', chunks: 0 })],
      'x',
      0,
    );
    assert.match(notices[0].label, /No embedding model — Set Model Path/);
    assert.deepEqual([notices[0].command, notices[0].args], [NOTICE_COMMANDS.settings, ['semanticSearch.modelPath']]);
    assert.match(notices[1].label, /Index error in b — Show Index Status/);
    assert.match(notices[notices.length - 1].label, /Nothing is indexed yet/);
  });

  it('an empty query shows the state only', () => {
    assert.deepEqual(searchNotices([base({})], '', 0), []);
    assert.equal(searchNotices([base({ state: 'paused' })], '', 0)[0].command, NOTICE_COMMANDS.resume);
  });
});

describe('plain notices for the Semantic Search view', () => {
  it('are the QuickPick notices without icons and without "nothing matched"', () => {
    const building = { folder: '/ws/app', state: 'indexing', files: 3, chunks: 10, firstPass: true, running: true, progress: { percent: 42 } } as const;
    assert.deepEqual(plainNotices([building]), ['Index 42% built — results are partial']);
    assert.equal(anyRunning([building]), true);
    const ready = { folder: '/ws/app', state: 'ready', files: 3, chunks: 10, firstPass: false, running: false } as const;
    assert.deepEqual(plainNotices([ready]), []);
    assert.equal(anyRunning([ready]), false);
  });
});
