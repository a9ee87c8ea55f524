import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAP_LAYOUT_FILE, readMapLayout, writeMapLayout, type StoredMapLayout } from '../../src/core/store';

const model = { name: 'm', sha256: 'a'.repeat(64), dimensions: 4 };
const layout: StoredMapLayout = { key: 'auto:42', layout: 'umap', silhouette: 0.2, k: 2, basePoints: 3, drift: 0, hashes: ['h1', 'h2', 'h3'], xy: [0.1, 0.2, 0.3, 0.4, 0.123456789, 1], clusters: [0, 1, 1] };

describe('map layout file', () => {
  it('round-trips, rounded to 1e-5, and is only trusted for the same model and sane contents', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-map-'));
    try {
      assert.equal(readMapLayout(dir, model), undefined, 'missing: recomputed, not an error');
      await writeMapLayout(dir, model, layout);
      const back = readMapLayout(dir, model)!;
      assert.deepEqual(back.hashes, layout.hashes);
      assert.deepEqual(back.xy, [0.1, 0.2, 0.3, 0.4, 0.12346, 1]);
      assert.deepEqual(fs.readdirSync(dir), [MAP_LAYOUT_FILE], 'no temp file left');
      assert.equal(readMapLayout(dir, { ...model, sha256: 'b'.repeat(64) }), undefined, 'another model');
      const file = path.join(dir, MAP_LAYOUT_FILE);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const bad of [
        { ...saved, xy: [0.1, 0.2, 0.3, 0.4, 2, 0.5] }, // off the map
        { ...saved, clusters: [0, 1, 5] }, // a cluster that does not exist
        { ...saved, hashes: ['h1', 'h2'] }, // lengths disagree
        { ...saved, format: 99 },
        [1, 2, 3],
      ]) {
        fs.writeFileSync(file, JSON.stringify(bad));
        assert.equal(readMapLayout(dir, model), undefined, JSON.stringify(bad).slice(0, 60));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
