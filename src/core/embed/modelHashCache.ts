// The model file's SHA-256 names the model in every index (another file means a rebuild). Hashing it took ~80 ms
// of every process start (23 MB), so the hash is remembered in a small file beside the index together with the
// model file's size, mtime and inode, the way git trusts file stats: a file written again gets a new mtime and is
// hashed again. The cache is best-effort: unreadable or stale means hash; a failed write is ignored.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Its name in the index folder. */
export const MODEL_HASH_CACHE_FILE = 'model-hash.json';

interface CachedHash {
  file: string;
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

function stamp(st: fs.Stats): Pick<CachedHash, 'size' | 'mtimeMs' | 'ino'> {
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

function readCache(cacheFile: string): CachedHash | undefined {
  try {
    const c = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as CachedHash;
    return c && typeof c.sha256 === 'string' && /^[0-9a-f]{64}$/.test(c.sha256) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** `hash(file)`, unless `cacheFile` remembers it for this very file (same path, size, mtime and inode). */
export async function cachedFileHash(file: string, cacheFile: string | undefined, hash: (file: string) => Promise<string>): Promise<string> {
  if (!cacheFile) return hash(file);
  const before = stamp(fs.statSync(file));
  const c = readCache(cacheFile);
  if (c && c.file === file && c.size === before.size && c.mtimeMs === before.mtimeMs && c.ino === before.ino) return c.sha256;
  const sha256 = await hash(file);
  // Written while it was hashed: do not remember a hash that may be of neither version.
  const after = stamp(fs.statSync(file));
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) return sha256;
  try {
    if (fs.existsSync(path.dirname(cacheFile))) fs.writeFileSync(cacheFile, JSON.stringify({ file, ...after, sha256 } satisfies CachedHash));
  } catch {
    // A read-only index folder: hash again next time.
  }
  return sha256;
}
