import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotAge, teamStatusLine } from '../../src/extension/vscodeFree/teamStatusLine';

const NOW = Date.UTC(2026, 0, 2, 12, 0, 0);
const base = { store: 'postgres://semsearch_reader@db.example/code', repo: 'acme/app', overlayFiles: 2 };

describe('team status line (Show Index Status, extension API)', () => {
  it('says the team index answers, with the snapshot commit, its age and the overlay size', () => {
    const line = teamStatusLine({ ...base, state: 'connected', commit: '0123456789abcdef0123', publishedAt: NOW - 5 * 60_000, snapshotChunks: 1234 }, NOW);
    assert.equal(line.label, '$(cloud) Team index answers: acme/app @ 0123456789ab (published 5 min ago)');
    assert.equal(line.detail, 'postgres://semsearch_reader@db.example/code · 1234 chunks in the snapshot · 2 file(s) of this machine searched locally (overlay)');
    assert.equal(line.description, undefined);
  });

  it('says the local index answers when the store is unreachable, with the reason', () => {
    const line = teamStatusLine({ ...base, state: 'unreachable', commit: 'abc', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, NOW);
    assert.match(line.label, /^\$\(cloud\) Team store unreachable — the local index answers: acme\/app @ abc$/);
    assert.equal(line.description, 'connect ECONNREFUSED 127.0.0.1:5432');
    assert.match(line.detail, /\? chunks in the snapshot/);
  });

  it('names a store without a snapshot and one not contacted yet', () => {
    assert.match(teamStatusLine({ ...base, state: 'no-snapshot' }, NOW).label, /has no snapshot — the local index answers: acme\/app$/);
    assert.match(teamStatusLine({ ...base, state: 'not-checked' }, NOW).label, /not contacted yet/);
  });

  it('ages: seconds, minutes, hours, days; a clock behind the server is 0 s', () => {
    assert.equal(snapshotAge(NOW - 12_000, NOW), '12 s ago');
    assert.equal(snapshotAge(NOW - 3 * 3_600_000, NOW), '3 h ago');
    assert.equal(snapshotAge(NOW - 2 * 86_400_000, NOW), '2 days ago');
    assert.equal(snapshotAge(NOW + 5000, NOW), '0 s ago');
  });
});
