// What a published snapshot is called: the folder's git commit (HEAD, `+<hash>` when the tree has local changes),
// or for a folder without git a hash of its files' contents. And the repository's name in the store.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], { timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Hash of the indexed files' (path, content hash) pairs: equal trees get equal ids. */
export function contentSnapshotId(files: Iterable<[string, { hash: string }]>): string {
  const h = createHash('sha256');
  for (const [p, e] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) h.update(`${p}\0${e.hash}\n`);
  return `content-${h.digest('hex').slice(0, 16)}`;
}

export async function snapshotCommit(root: string, files: Iterable<[string, { hash: string }]>): Promise<string> {
  const head = await git(root, ['rev-parse', '--verify', 'HEAD']);
  if (!head || !/^[0-9a-f]{40,64}$/.test(head)) return contentSnapshotId(files);
  const dirty = await git(root, ['status', '--porcelain', '--untracked-files=normal']);
  return dirty ? `${head}+${contentSnapshotId(files).slice('content-'.length, 'content-'.length + 12)}` : head;
}

/** The repository's name in the store: the origin remote without credentials, else the folder's name. */
export async function defaultRepoName(root: string): Promise<string> {
  const origin = await git(root, ['config', '--get', 'remote.origin.url']);
  if (origin) return origin.replace(/\/\/[^@/]*@/, '//').replace(/\.git$/, '');
  return path.basename(root);
}
