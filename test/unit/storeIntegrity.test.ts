// Damage that keeps every size (flipped bytes) is caught by the checksums in current.json, and a save
// that runs out of disk space leaves no partial generation behind while the last good one stays usable.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiskFullError } from '../../src/core/errors';
import { readCurrentRecord } from '../../src/core/store';
import { sha256OfFile } from '../../src/core/store/files';
import { decodeManifest } from '../../src/core/store/manifest';
import { fill, open, put, tempIndexDir } from './storeFixtures';

async function savedIndex(dir = tempIndexDir(), files = 40): Promise<string> {
  const store = await open(dir);
  for (let f = 0; f < files; f++) fill(store, put(store, `src/f${f}.ts`, [`h${f}a`, `h${f}b`, `h${f}c`]).needVector);
  await store.save();
  await store.close();
  return dir;
}

function dataPath(dir: string, name: 'vectors' | 'manifest' | 'lexical' | 'reuse'): string {
  return path.join(dir, readCurrentRecord(dir)!.files[name].name);
}

/** Inverts `count` bytes in the middle of a file: its size does not change. */
function flipMiddle(file: string, count: number): void {
  const buf = fs.readFileSync(file);
  const start = Math.max(0, Math.floor(buf.length / 2 - count / 2));
  for (let i = start; i < Math.min(buf.length, start + count); i++) buf[i] ^= 0xff;
  fs.writeFileSync(file, buf);
}

/** Replaces a file name inside the manifest by another of the same length: the manifest still decodes. */
function rewriteManifestText(file: string): void {
  const buf = fs.readFileSync(file);
  const at = buf.indexOf('src/f20.ts');
  assert.ok(at > 0, 'the manifest names the file');
  buf.write('src/g20.ts', at, 'latin1');
  fs.writeFileSync(file, buf);
  decodeManifest(fs.readFileSync(file));
}

describe('store: checksums catch same-size damage', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['4 KiB flipped in the middle of the vectors file', (d) => flipMiddle(dataPath(d, 'vectors'), 4096), /vectors\.\d+\.usearch: its checksum does not match/],
    ['16 bytes flipped in the middle of the lexical file', (d) => flipMiddle(dataPath(d, 'lexical'), 16), /lexical\.\d+\.bin: its checksum/],
    ['a file name rewritten inside the manifest (still decodes)', (d) => rewriteManifestText(dataPath(d, 'manifest')), /manifest\.\d+\.bin: its checksum/],
  ];
  for (const [what, spoil, names] of cases) {
    it(`${what}: damaged, names the file, the writer rebuilds`, async () => {
      const dir = await savedIndex();
      const sizeBefore = fs.statSync(dataPath(dir, 'vectors')).size;
      spoil(dir);
      assert.equal(fs.statSync(dataPath(dir, 'vectors')).size, sizeBefore, 'sizes are unchanged');

      const reader = await open(dir, { write: false });
      assert.equal(reader.damaged, true);
      assert.equal(reader.chunkCount(), 0);
      assert.match(reader.message ?? '', names);
      assert.match(reader.message ?? '', /is damaged/);
      await reader.close();

      const writer = await open(dir);
      assert.equal(writer.damaged, true);
      assert.match(writer.message ?? '', /rebuilding it/);
      fill(writer, put(writer, 'src/new.ts', ['n1']).needVector);
      await writer.save();
      assert.equal(writer.damaged, false, 'a successful save ends the damaged state');
      await writer.close();

      const healed = await open(dir, { write: false });
      assert.equal(healed.damaged, false);
      assert.equal(healed.message, undefined);
      assert.equal(healed.chunkCount(), 1);
      await healed.close();
    });
  }

  it('a writer reads the lexical file at first use, and a file damaged after the open is refused, not used', async () => {
    const dir = await savedIndex(tempIndexDir(), 5);
    const writer = await open(dir);
    try {
      assert.equal(writer.damaged, false);
      flipMiddle(dataPath(dir, 'lexical'), 16);
      assert.throws(() => writer.searchLexical('h1a', 5), /lexical\.\d+\.bin changed after the index was opened/);
    } finally {
      await writer.close();
    }
    const healthy = await savedIndex(tempIndexDir(), 5);
    const other = await open(healthy);
    try {
      assert.equal(other.searchLexical('nothing matches this', 5).length, 0, 'an intact file is read and searched');
      fill(other, put(other, 'src/more.ts', ['m1']).needVector);
      await other.save();
    } finally {
      await other.close();
    }
    const reader = await open(healthy, { write: false });
    assert.equal(reader.damaged, false);
    assert.equal(reader.chunkCount(), 16);
    await reader.close();
  });

  it('every data file has its SHA-256 in current.json', async () => {
    const dir = await savedIndex(tempIndexDir(), 2);
    for (const f of Object.values(readCurrentRecord(dir)!.files)) assert.match(f.sha256, /^[0-9a-f]{64}$/);
  });

  it('a save with nothing changed keeps the committed checksums valid', async () => {
    const dir = await savedIndex(tempIndexDir(), 3);
    const store = await open(dir);
    await store.save();
    await store.close();
    const again = await open(dir, { write: false });
    assert.equal(again.damaged, false);
    assert.equal(again.chunkCount(), 9);
    await again.close();
  });
});

describe('store: a full disk', () => {
  it('an injected ENOSPC names the cause, deletes the partial generation and keeps the last one', async () => {
    const dir = await savedIndex();
    const committed = readCurrentRecord(dir)!;
    const store = await open(dir);
    fill(store, put(store, 'src/more.ts', ['m1', 'm2']).needVector);

    // The lexical file is written after the manifest and the vectors: they exist when it fails. It is written in
    // pieces as it is encoded: the disk fills after a first few bytes of it reached the file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('node:fs') as typeof fs;
    const { openSync, writeSync } = realFs;
    let lexicalFd = -1;
    let failed = false;
    realFs.openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (openSync as (...a: unknown[]) => number)(file, ...rest);
      if (/lexical\.\d+\.bin\.tmp$/.test(String(file)) && !failed) lexicalFd = fd;
      return fd;
    }) as typeof fs.openSync;
    realFs.writeSync = ((fd: number, ...rest: unknown[]) => {
      if (fd === lexicalFd && !failed) {
        failed = true;
        writeSync(fd, 'partial');
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      }
      return (writeSync as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync;
    try {
      await assert.rejects(store.save(), (err: unknown) => {
        assert.ok(err instanceof DiskFullError, String(err));
        assert.match((err as Error).message, /^Not enough disk space in .+; about \d+ MB more is needed/);
        return true;
      });
    } finally {
      realFs.openSync = openSync;
      realFs.writeSync = writeSync;
    }
    assert.ok(failed, 'the failure was injected');
    const dataFiles = fs.readdirSync(dir).filter((n) => /\.\d+\./.test(n));
    assert.deepEqual(dataFiles.sort(), Object.values(committed.files).map((f) => f.name).sort(), 'no file of the failed generation is left');
    assert.deepEqual(readCurrentRecord(dir)!.files, committed.files, 'current.json still names the last good generation');

    // Space again: the same store saves its changes.
    await store.save();
    await store.close();
    const reopened = await open(dir, { write: false });
    assert.equal(reopened.damaged, false);
    assert.equal(reopened.chunkCount(), 40 * 3 + 2);
    await reopened.close();
  });

  it('a real full file system (a small tmpfs) gives the same message and keeps the last index', { skip: tmpfsSkipReason() }, async () => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mnt]);
    try {
      const dir = await savedIndex(path.join(mnt, 'index'), 20);
      const committed = readCurrentRecord(dir)!;
      const store = await open(dir);
      for (let f = 0; f < 600; f++) fill(store, put(store, `src/big${f}.ts`, [`b${f}a`, `b${f}b`, `b${f}c`, `b${f}d`]).needVector);
      await assert.rejects(store.save(), (err: unknown) => err instanceof DiskFullError && /Not enough disk space/.test((err as Error).message));
      await store.close();
      const names = fs.readdirSync(dir).filter((n) => /\.\d+\./.test(n));
      assert.deepEqual(names.sort(), Object.values(committed.files).map((f) => f.name).sort());
      const reopened = await open(dir, { write: false });
      assert.equal(reopened.chunkCount(), 60);
      await reopened.close();
    } finally {
      execFileSync('umount', ['-l', mnt]);
    }
  });
});

function tmpfsSkipReason(): string | false {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux (the injected ENOSPC test covers the logic)';
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return false;
  } catch {
    return 'this container may not mount a tmpfs (the injected ENOSPC test covers the logic)';
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

describe('store: an index folder that is a file', () => {
  for (const [what, layout] of [
    ['the folder itself', (base: string) => ({ file: path.join(base, 'index'), indexDir: path.join(base, 'index') })],
    ['a parent of it', (base: string) => ({ file: path.join(base, 'parent'), indexDir: path.join(base, 'parent', 'index') })],
  ] as const) {
    it(`${what} is a file: a message in words, for writers and readers`, async () => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-notdir-'));
      const { file, indexDir } = layout(base);
      fs.writeFileSync(file, 'not a folder');
      for (const write of [true, false]) {
        await assert.rejects(open(indexDir, { write }), (err: Error) => {
          assert.match(err.message, /^The index folder .+ (is a file, not a folder|cannot be created: .+ is a file, not a folder)\. Move that file away/);
          assert.doesNotMatch(err.message, /EEXIST|ENOTDIR/);
          return true;
        });
      }
      assert.equal(fs.readFileSync(file, 'utf8'), 'not a folder', 'the file is left as it was');
    });
  }
});

describe('sha256OfFile (the checksum of a saved data file)', () => {
  it('equals the hash of the whole file across read boundaries, for an empty file too; a missing file rejects', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-sha-'));
    try {
      // 1.3 MB: several reads, the last one short; every byte differs from its neighbours, so a reread or a skip shows.
      const big = Buffer.alloc(1_300_001);
      for (let i = 0; i < big.length; i++) big[i] = (i * 131 + (i >> 8)) & 0xff;
      const cases: [string, Buffer][] = [['big.bin', big], ['empty.bin', Buffer.alloc(0)], ['small.bin', Buffer.from('x')]];
      for (const [name, bytes] of cases) {
        fs.writeFileSync(path.join(dir, name), bytes);
        assert.equal(await sha256OfFile(path.join(dir, name)), createHash('sha256').update(bytes).digest('hex'), name);
      }
      await assert.rejects(sha256OfFile(path.join(dir, 'missing.bin')), { code: 'ENOENT' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
