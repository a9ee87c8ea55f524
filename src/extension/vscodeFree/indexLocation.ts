// Where a folder's index lives: one subfolder of the extension's workspace storage per
// workspace folder, named by a readable prefix plus a hash of the absolute path (stable,
// distinct for folders with the same name, safe as a file name on every platform).
import { createHash } from 'node:crypto';
import * as path from 'node:path';

export function indexDirFor(storageRoot: string, folder: string): string {
  const hash = createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 16);
  const name = path.basename(folder).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 32) || 'root';
  return path.join(storageRoot, `index-${name}-${hash}`);
}
