// The model file's hash is remembered beside the index, and hashed again when the file changes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sha256File } from '../../src/core/embed';
import { cachedFileHash } from '../../src/core/embed/modelHashCache';

describe('model hash cache', () => {
  it('hashes once, then answers from the cache; a rewritten file is hashed again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-hash-'));
    const file = path.join(dir, 'model.onnx');
    const cache = path.join(dir, 'model-hash.json');
    fs.writeFileSync(file, 'first version');
    let hashed = 0;
    const counting = (f: string) => {
      hashed++;
      return sha256File(f);
    };
    const first = await cachedFileHash(file, cache, counting);
    assert.equal(first, await sha256File(file));
    assert.equal(await cachedFileHash(file, cache, counting), first);
    assert.equal(hashed, 1, 'the second call used the cache');

    fs.writeFileSync(file, 'other version');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await cachedFileHash(file, cache, counting);
    assert.equal(hashed, 2, 'a changed file is hashed again');
    assert.equal(second, await sha256File(file));
    assert.notEqual(second, first);

    fs.writeFileSync(cache, 'not json');
    assert.equal(await cachedFileHash(file, cache, counting), second, 'a damaged cache means hashing again');
    assert.equal(hashed, 3);
  });

  it('a missing cache folder is not created', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-hash-'));
    const file = path.join(dir, 'model.onnx');
    fs.writeFileSync(file, 'x');
    const cache = path.join(dir, 'no-such-folder', 'model-hash.json');
    assert.equal(await cachedFileHash(file, cache, sha256File), await sha256File(file));
    assert.equal(fs.existsSync(path.dirname(cache)), false);
  });
});
