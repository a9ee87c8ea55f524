// Pinned third-party sources the benchmarks read (corpora are data, fetched at bench time, never
// dependencies): an npm package at an exact version checked against its sha512 integrity, or a Debian
// `.orig.tar.*` checked against its sha256. Each is downloaded once, verified, and extracted into
// bench/.work/sources/<key>/tree (the archive's single top-level folder dropped). A source counts as done
// only when its marker file is present, and the marker is written inside a temporary folder that is
// renamed into place last, so an interrupted or failed download / extraction never passes as done.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDir, rmrf, WORK_DIR } from './paths';

export interface NpmSource {
  type: 'npm';
  package: string;
  /** Exact version, e.g. "1.53.2" (no ranges). */
  version: string;
  /** Subresource integrity of the registry tarball: "sha512-<base64>". */
  integrity: string;
}

export interface DebianSource {
  type: 'debian';
  /** A `.orig.tar.{gz,xz,bz2}` on deb.debian.org. */
  url: string;
  /** Hex SHA-256 of the archive. */
  sha256: string;
  /** Archive size in bytes (optional, checked when given). */
  bytes?: number;
}

/**
 * A Debian binary package (`.deb`), for projects whose `.orig.tar.*` this mirror does not serve: its SHA-256 is
 * the one in bookworm's signed Packages index, and `root` names the folder of the package that holds the project
 * (e.g. `usr/share/cargo/registry/regex-1.7.1`).
 */
export interface DebianPackageSource {
  type: 'deb';
  url: string;
  sha256: string;
  root: string;
}

export type Source = NpmSource | DebianSource | DebianPackageSource;

export const SOURCES_DIR = path.join(WORK_DIR, 'sources');
const MARKER = 'source.json';

/** One line naming a source, for logs and reports. */
export function describeSource(s: Source): string {
  if (s.type === 'npm') return `npm ${s.package}@${s.version}`;
  const file = path.posix.basename(new URL(s.url).pathname);
  return s.type === 'deb' ? `debian ${file} (${s.root})` : `debian ${file}`;
}

/** The cache folder name of a source: readable and unique per pinned archive. */
export function sourceKey(s: Source): string {
  if (s.type === 'npm') return `npm-${s.package.replace(/^@/, '').replace(/\//g, '+')}-${s.version}`;
  if (s.type === 'deb') return `deb-${path.posix.basename(new URL(s.url).pathname).replace(/\.deb$/, '')}`;
  const base = path.posix.basename(new URL(s.url).pathname).replace(/\.orig\.tar\.(gz|xz|bz2)$/, '').replace(/\.tar\.(gz|xz|bz2)$/, '');
  return `debian-${base}`;
}

/** Checks the pin itself (exact version, well-formed hashes, allowed host) before anything is downloaded. */
export function validateSource(s: Source): void {
  if (s.type === 'npm') {
    if (!/^(@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/i.test(s.package)) throw new Error(`sources: bad npm package name "${s.package}"`);
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(s.version)) throw new Error(`sources: ${s.package} needs an exact version (got "${s.version}")`);
    if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(s.integrity)) throw new Error(`sources: ${s.package}@${s.version} needs a sha512 integrity (got "${s.integrity}")`);
  } else if (s.type === 'deb') {
    const u = new URL(s.url);
    if (u.hostname !== 'deb.debian.org') throw new Error(`sources: Debian packages come from deb.debian.org (got ${u.hostname})`);
    if (!/\.deb$/.test(u.pathname)) throw new Error(`sources: not a .deb: ${s.url}`);
    if (!/^[0-9a-f]{64}$/.test(s.sha256)) throw new Error(`sources: ${s.url} needs a hex sha256 (got "${s.sha256}")`);
    if (!s.root || s.root.startsWith('/') || s.root.split('/').includes('..')) throw new Error(`sources: ${s.url} needs a relative root folder (got "${s.root}")`);
  } else if (s.type === 'debian') {
    const u = new URL(s.url);
    if (u.hostname !== 'deb.debian.org') throw new Error(`sources: Debian sources come from deb.debian.org (got ${u.hostname})`);
    if (!/\.orig\.tar\.(gz|xz|bz2)$/.test(u.pathname)) throw new Error(`sources: not a .orig.tar.{gz,xz,bz2}: ${s.url}`);
    if (!/^[0-9a-f]{64}$/.test(s.sha256)) throw new Error(`sources: ${s.url} needs a hex sha256 (got "${s.sha256}")`);
  } else {
    throw new Error(`sources: unknown source type ${JSON.stringify((s as { type?: unknown }).type)}`);
  }
}

function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${(stderr || err.message).trim().split('\n').slice(-5).join(' | ')}`));
      else resolve(stdout);
    });
  });
}

function hashFile(file: string, algo: 'sha256' | 'sha512'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const h = createHash(algo);
    fs.createReadStream(file)
      .on('data', (b) => h.update(b))
      .on('error', reject)
      .on('end', () => resolve(h.digest()));
  });
}

/** Throws unless the archive matches its pin. */
async function verify(s: Source, file: string): Promise<void> {
  if (s.type === 'npm') {
    const got = `sha512-${(await hashFile(file, 'sha512')).toString('base64')}`;
    if (got !== s.integrity) throw new Error(`sources: integrity mismatch for ${describeSource(s)}: expected ${s.integrity}, got ${got}`);
  } else {
    const got = (await hashFile(file, 'sha256')).toString('hex');
    if (got !== s.sha256) throw new Error(`sources: sha256 mismatch for ${s.url}: expected ${s.sha256}, got ${got}`);
    const size = fs.statSync(file).size;
    if (s.type === 'debian' && s.bytes !== undefined && size !== s.bytes) throw new Error(`sources: size mismatch for ${s.url}: expected ${s.bytes} bytes, got ${size}`);
  }
}

/** HTTP(S) GET into a file, following redirects; rejects on any status but 200. */
function download(url: string, file: string, redirects = 5): Promise<void> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { headers: { 'user-agent': 'semsearch-bench' }, timeout: 60_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects > 0) {
        res.resume();
        download(new URL(res.headers.location, url).toString(), file, redirects - 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`sources: GET ${url} answered ${status}`));
        return;
      }
      const out = fs.createWriteStream(file);
      res.pipe(out);
      res.on('error', reject);
      out.on('error', reject);
      out.on('finish', () => resolve());
    });
    req.on('timeout', () => req.destroy(new Error(`sources: GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Downloads the archive of a source into `tmp` and returns its path (not yet verified). */
async function fetchArchive(s: Source, tmp: string): Promise<string> {
  if (s.type === 'npm') {
    // npm pack of a registry spec downloads the published tarball (through npm's own cache) and runs no
    // scripts; it runs outside the repository so no project configuration applies.
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-npm-pack-'));
    let out: string;
    try {
      out = await run('npm', ['pack', `${s.package}@${s.version}`, '--json', '--ignore-scripts', '--pack-destination', tmp], cwd);
    } finally {
      rmrf(cwd);
    }
    const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
    const file = path.join(tmp, info[0].filename.replace(/^@/, '').replace(/\//g, '-'));
    if (!fs.existsSync(file)) {
      const tgz = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
      if (tgz.length !== 1) throw new Error(`sources: npm pack ${s.package}@${s.version} left no single tarball in ${tmp}`);
      return path.join(tmp, tgz[0]);
    }
    return file;
  }
  const file = path.join(tmp, path.posix.basename(new URL(s.url).pathname));
  await download(s.url, file);
  return file;
}

/** Extracts into `dest`, dropping the archive's single top-level folder (npm's `package/`, Debian's `name-version/`). */
async function extract(archive: string, dest: string): Promise<void> {
  const list = (await run('tar', ['-tf', archive], path.dirname(archive))).split('\n').filter(Boolean);
  const tops = new Set(list.map((e) => e.replace(/^\.\//, '').split('/')[0]).filter(Boolean));
  if (tops.size !== 1) throw new Error(`sources: ${path.basename(archive)} has ${tops.size} top-level entries (${[...tops].slice(0, 5).join(', ')}), expected one folder`);
  if (list.some((e) => e.startsWith('/') || e.split('/').includes('..'))) throw new Error(`sources: ${path.basename(archive)} has absolute or ".." paths`);
  ensureDir(dest);
  // GNU tar detects gzip / xz / bzip2 itself; ownership from the archive is not kept (we may run as root).
  await run('tar', ['-xf', archive, '-C', dest, '--strip-components=1', '--no-same-owner', '--no-same-permissions'], path.dirname(archive));
  // Some tarballs carry read-only or non-searchable folders: make the tree readable and removable.
  const fix = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        fs.chmodSync(p, 0o755);
        fix(p);
      } else if (e.isFile()) fs.chmodSync(p, 0o644);
    }
  };
  fix(dest);
}

/** Unpacks a .deb (dpkg-deb, which every Debian has) and keeps only its `root` folder as the tree. */
async function extractPackage(deb: string, root: string, dest: string): Promise<void> {
  const unpacked = path.join(path.dirname(deb), 'unpacked');
  await run('dpkg-deb', ['-x', deb, unpacked], path.dirname(deb));
  const from = path.join(unpacked, ...root.split('/'));
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory()) throw new Error(`sources: ${path.basename(deb)} has no folder ${root}`);
  fs.renameSync(from, dest);
}

export interface FetchedSource {
  source: Source;
  /** Absolute folder of the extracted tree. */
  dir: string;
  /** False when the cache already held it. */
  downloaded: boolean;
}

function markerMatches(dir: string, s: Source): boolean {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { source: Source };
    return JSON.stringify(pinOf(m.source)) === JSON.stringify(pinOf(s)) && fs.statSync(path.join(dir, 'tree')).isDirectory();
  } catch {
    return false;
  }
}

/** The fields that decide the content (a changed note or byte count elsewhere does not invalidate the cache). */
function pinOf(s: Source): string[] {
  if (s.type === 'npm') return ['npm', s.package, s.version, s.integrity];
  return s.type === 'deb' ? ['deb', s.url, s.sha256, s.root] : ['debian', s.url, s.sha256];
}

/**
 * Fetches, verifies and extracts a pinned source (once; later calls reuse the cache) and returns the
 * extracted folder. A cache entry whose marker is missing or names another pin is rebuilt.
 */
export async function fetchSource(s: Source, log?: (msg: string) => void): Promise<FetchedSource> {
  validateSource(s);
  const root = ensureDir(SOURCES_DIR);
  const final = path.join(root, sourceKey(s));
  if (markerMatches(final, s)) return { source: s, dir: path.join(final, 'tree'), downloaded: false };
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(root, `.tmp-${sourceKey(s)}-`));
  fs.chmodSync(tmp, 0o755);
  try {
    const dlDir = ensureDir(path.join(tmp, 'download'));
    const archive = await fetchArchive(s, dlDir);
    await verify(s, archive);
    if (s.type === 'deb') await extractPackage(archive, s.root, path.join(tmp, 'tree'));
    else await extract(archive, path.join(tmp, 'tree'));
    const bytes = fs.statSync(archive).size;
    rmrf(dlDir);
    fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ source: s, archiveBytes: bytes, fetched: new Date().toISOString() }, null, 1) + '\n');
    rmrf(final); // a partial or stale entry
    fs.renameSync(tmp, final);
    log?.(`sources: ${describeSource(s)} fetched, verified and extracted (${(bytes / 1024).toFixed(0)} KiB, ${Date.now() - t0} ms)`);
  } catch (e) {
    rmrf(tmp);
    throw e;
  }
  return { source: s, dir: path.join(final, 'tree'), downloaded: true };
}

/** Fetches several sources one after another (downloads are small; order kept). */
export async function fetchSources(list: Source[], log?: (msg: string) => void): Promise<FetchedSource[]> {
  const out: FetchedSource[] = [];
  for (const s of list) out.push(await fetchSource(s, log));
  return out;
}
